"""What the database holds: the answers only ever as sealed text."""

from django.db import connection

from tests.factories import DOMESTIC_ABUSE_ANSWERS, draft_with_answers, submitted_report

CANARY = "canary-8c1f-zebra-lantern"


def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - the table names are constants
        return repr(cursor.fetchall())


def test_a_report_and_its_draft_are_not_readable_in_the_database(forces):
    answers = dict(
        DOMESTIC_ABUSE_ANSWERS,
        what_happened=f"What happened: {CANARY}",
        your_name=f"Name {CANARY}",
        phone="07700 900982",
    )
    draft = draft_with_answers(answers)

    assert CANARY not in raw_rows("reporting_draft")
    assert "07700 900982" not in raw_rows("reporting_draft")

    report = submitted_report(answers)

    stored = raw_rows("reporting_report")
    assert CANARY not in stored
    assert "07700 900982" not in stored
    # The routing record holds the postcode, and the risk indicators are sensitive too.
    assert "SW1A" not in stored
    assert "strangulation" not in stored
    assert CANARY not in raw_rows("reporting_outboxmessage")
    assert CANARY in report.answers["values"]["what_happened"]
    assert draft.pk is not None


def test_outbox_payloads_carry_ids_only(forces):
    report = submitted_report()

    assert f"{report.pk}" in raw_rows("reporting_outboxmessage") or report.pk.hex in raw_rows("reporting_outboxmessage")
    assert "Alex" not in raw_rows("reporting_outboxmessage")
