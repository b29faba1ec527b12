"""The database itself refuses to change or remove audit events, whatever the application does.

TRUNCATE is left to privileges (the application's role is not granted it in production, see
docs/deployment.md): a trigger on it would also stop the test suite from emptying its database.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE FUNCTION portal_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditevent_append_only
    BEFORE UPDATE OR DELETE ON portal_auditevent
    FOR EACH ROW EXECUTE FUNCTION portal_auditevent_refuse_change();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER portal_auditevent_append_only ON portal_auditevent;
DROP FUNCTION portal_auditevent_refuse_change();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
    """CREATE TRIGGER portal_auditevent_no_delete BEFORE DELETE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER portal_auditevent_no_update;",
    "DROP TRIGGER portal_auditevent_no_delete;",
]


def forward(apps, schema_editor):
    run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def backward(apps, schema_editor):
    run(schema_editor, POSTGRES_BACKWARD, SQLITE_BACKWARD)


def run(schema_editor, postgres: str, sqlite: list[str]):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"Make audit events append-only on {vendor} before using it.")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_audit_event")]

    operations = [migrations.RunPython(forward, backward)]
