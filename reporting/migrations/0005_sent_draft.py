# The marker a sent draft leaves so its session still finds the confirmation (issue 12).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0004_triage"),
    ]

    operations = [
        migrations.CreateModel(
            name="SentDraft",
            fields=[
                ("draft_id", models.UUIDField(primary_key=True, serialize=False)),
                ("journey", models.CharField(max_length=50)),
                ("expires_at", models.DateTimeField(db_index=True)),
                (
                    "report",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reporting.report"
                    ),
                ),
            ],
        ),
    ]
