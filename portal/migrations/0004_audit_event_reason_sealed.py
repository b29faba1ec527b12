"""Audit reasons are sealed from now on (portal.fields.EncryptedTextField).

Only the model state changes. The column stays text, so the database has nothing to do, and
on SQLite a database AlterField would rebuild the table and silently lose the append-only
triggers of 0003.

There is no data migration: the database refuses to UPDATE an audit event, by design, so the
reasons already written stay in plaintext. The field reads a value without the sealed prefix as
the plaintext it is, and the hash chain covers the plaintext reason, so old rows verify as before.
"""

from django.db import migrations

import portal.fields


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_audit_event_append_only")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="reason",
                    field=portal.fields.EncryptedTextField(bind_to="hash", blank=True, legacy_plaintext=True),
                ),
            ],
        ),
    ]
