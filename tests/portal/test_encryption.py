import base64
import os
import uuid

import pytest
from django.core import checks
from django.db import connection, transaction

from portal.encryption import (
    DEVELOPMENT_KEY,
    EncryptionError,
    deploy_keys_check,
    keys_check,
    open_sealed,
    open_sealed_json,
    seal,
    seal_json,
    sealed_key_id,
)
from portal.models import AuditEvent
from reporting.models import Draft
from tests.factories import draft_with_answers, staff_user

OLD_KEY = base64.b64encode(b"o" * 32).decode()
NEW_KEY = base64.b64encode(b"n" * 32).decode()


def test_a_sealed_value_opens_with_the_same_associated_data():
    sealed = seal(b"the narrative", associated_data=b"report:1")

    assert open_sealed(sealed, associated_data=b"report:1") == b"the narrative"


def test_a_sealed_value_names_its_key_and_hides_the_plaintext():
    sealed = seal(b"the narrative", associated_data=b"here")

    assert sealed.startswith("wm1:dev:")
    assert sealed_key_id(sealed) == "dev"
    assert b"narrative" not in sealed.encode()
    assert "narrative" not in base64.urlsafe_b64decode(sealed.split(":", 2)[2]).decode("latin-1")


def test_the_same_value_seals_differently_each_time():
    assert seal(b"same", associated_data=b"x") != seal(b"same", associated_data=b"x")


def test_a_value_moved_to_another_place_does_not_open():
    sealed = seal(b"the narrative", associated_data=b"report:1")

    with pytest.raises(EncryptionError):
        open_sealed(sealed, associated_data=b"report:2")


def test_a_tampered_value_does_not_open():
    sealed = seal(b"the narrative", associated_data=b"here")
    body = bytearray(base64.urlsafe_b64decode(sealed.split(":", 2)[2]))
    body[-1] ^= 1
    tampered = "wm1:dev:" + base64.urlsafe_b64encode(bytes(body)).decode()

    with pytest.raises(EncryptionError):
        open_sealed(tampered, associated_data=b"here")


@pytest.mark.parametrize(
    "garbage", ["", "plain text", "wm1:dev", "wm1:dev:!!!", "wm2:dev:AAAA", "wm1:nokey:AAAAAAAAAAAAAAAAAAAA"]
)
def test_anything_that_is_not_a_sealed_value_is_refused(garbage):
    with pytest.raises(EncryptionError):
        open_sealed(garbage, associated_data=b"")


def test_old_values_still_open_after_the_key_is_rotated(settings):
    settings.WAYMARK_ENCRYPTION_KEYS = {"2025": OLD_KEY}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "2025"
    old = seal_json({"a": 1}, associated_data=b"x")

    settings.WAYMARK_ENCRYPTION_KEYS = {"2025": OLD_KEY, "2026": NEW_KEY}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "2026"
    new = seal_json({"b": 2}, associated_data=b"x")

    assert sealed_key_id(old) == "2025"
    assert sealed_key_id(new) == "2026"
    assert open_sealed_json(old, associated_data=b"x") == {"a": 1}
    assert open_sealed_json(new, associated_data=b"x") == {"b": 2}


def test_a_value_sealed_with_a_removed_key_does_not_open(settings):
    settings.WAYMARK_ENCRYPTION_KEYS = {"2025": OLD_KEY}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "2025"
    old = seal(b"x", associated_data=b"")
    settings.WAYMARK_ENCRYPTION_KEYS = {"2026": NEW_KEY}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "2026"

    with pytest.raises(EncryptionError, match="No encryption key"):
        open_sealed(old, associated_data=b"")


def test_unicode_and_control_characters_survive_a_round_trip():
    value = {"text": "Zoë 🙂 \x00\x07 <script>alert(1)</script> ﷽"}

    assert open_sealed_json(seal_json(value, associated_data=b"x"), associated_data=b"x") == value


@pytest.mark.parametrize(
    "keys,current",
    [
        ({"k1": base64.b64encode(b"short").decode()}, "k1"),
        ({"k1": "not base64!"}, "k1"),
        ({"k1": NEW_KEY}, "missing"),
        ({"bad id with spaces": NEW_KEY}, "bad id with spaces"),
    ],
)
def test_a_broken_key_set_fails_the_system_check(settings, keys, current):
    settings.WAYMARK_ENCRYPTION_KEYS = keys
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = current

    assert [message.id for message in keys_check()] == ["waymark.E001"]


def test_the_development_key_is_flagged_by_the_deploy_check(settings):
    assert [message.id for message in deploy_keys_check()] == ["waymark.W001"]
    settings.WAYMARK_ENCRYPTION_KEYS = {"prod": base64.b64encode(os.urandom(32)).decode()}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "prod"

    assert deploy_keys_check() == []
    assert keys_check() == []


def test_the_checks_are_registered():
    registered = checks.registry.registry.get_checks(include_deployment_checks=True)

    assert keys_check in registered
    assert deploy_keys_check in registered


# The model field


def raw_column(table: str, column: str, pk) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite" and isinstance(pk, uuid.UUID):
            pk = pk.hex
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - names are constants
        return cursor.fetchone()[0]


def test_an_encrypted_field_stores_only_sealed_text(db):
    draft = draft_with_answers({"what_happened": "canary-f1eld-7731"})

    stored = raw_column("reporting_draft", "state", draft.pk)

    assert stored.startswith("wm1:")
    assert "canary-f1eld-7731" not in stored
    assert Draft.objects.get(pk=draft.pk).state["answers"]["what_happened"] == "canary-f1eld-7731"


def test_a_sealed_field_copied_to_another_row_does_not_open(db):
    first = draft_with_answers({"what_happened": "first"})
    second = draft_with_answers({"what_happened": "second"})
    stolen = raw_column("reporting_draft", "state", first.pk)
    with connection.cursor() as cursor:
        pk = second.pk.hex if connection.vendor == "sqlite" else second.pk
        cursor.execute("UPDATE reporting_draft SET state = %s WHERE id = %s", [stolen, pk])

    with pytest.raises(EncryptionError):
        _ = Draft.objects.get(pk=second.pk).state


def test_encrypted_fields_refuse_queries_that_would_compare_plaintext(db):
    draft_with_answers({"what_happened": "x"})

    with pytest.raises(TypeError):
        Draft.objects.update(state={"answers": {}})
    with pytest.raises(Exception, match="Unsupported lookup"):
        Draft.objects.filter(state__contains="x").count()


def test_a_value_is_opened_only_when_it_is_read(db):
    draft = draft_with_answers({"what_happened": "lazy"})
    loaded = Draft.objects.get(pk=draft.pk)

    assert type(loaded.__dict__["state"]).__name__ == "Sealed"
    assert loaded.state["answers"]["what_happened"] == "lazy"
    assert isinstance(loaded.__dict__["state"], dict)


def test_a_json_field_never_reads_a_stored_plaintext_as_its_value(db):
    draft = draft_with_answers({"what_happened": "x"})
    with connection.cursor() as cursor:
        pk = draft.pk.hex if connection.vendor == "sqlite" else draft.pk
        cursor.execute("UPDATE reporting_draft SET state = %s WHERE id = %s", ['{"answers": {}}', pk])

    with pytest.raises(EncryptionError):
        _ = Draft.objects.get(pk=draft.pk).state


def test_a_field_bound_to_another_attribute_is_sealed_with_it_and_only_with_it(db):
    event = AuditEvent(actor=staff_user(username="binder"), action="view", object_type="report", object_id="R1")
    event.reason = "Triage"

    with pytest.raises(ValueError, match="needs its hash"), transaction.atomic():
        event.save(force_insert=True)
    event.hash = "a" * 64
    event.save(force_insert=True)
    sealed = raw_column("portal_auditevent", "reason", event.pk)

    assert open_sealed(sealed, associated_data=b"portal.auditevent.reason:" + b"a" * 64) == b"Triage"


def test_encrypted_fields_record_their_binding_in_migrations():
    _, path, _, kwargs = AuditEvent._meta.get_field("reason").deconstruct()

    assert path == "portal.fields.EncryptedTextField"
    assert kwargs == {"blank": True, "bind_to": "hash", "legacy_plaintext": True}
    assert Draft._meta.get_field("state").deconstruct()[1:] == (
        "portal.fields.EncryptedJSONField",
        [],
        {"default": dict},
    )


def test_the_development_key_is_flagged_under_any_id(settings):
    settings.WAYMARK_ENCRYPTION_KEYS = {"prod": DEVELOPMENT_KEY}
    settings.WAYMARK_ENCRYPTION_CURRENT_KEY = "prod"

    assert [message.id for message in deploy_keys_check()] == ["waymark.W001"]
