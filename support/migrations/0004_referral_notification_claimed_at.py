from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0003_referrals"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="notification_claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
