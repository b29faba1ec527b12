"""Pull, read, acknowledge and update: what each answers, what each records."""

import time_machine
from django.db import connection
from django.urls import reverse

from portal.models import AuditEvent
from reporting.api import views
from reporting.models import Report, ReportActivity
from reporting.services import report_transfer_request
from tests.factories import DOMESTIC_ABUSE_ANSWERS, SOUTH_WALES, member_of, queued_report, staff_user


def test_the_list_walks_the_queue_oldest_first_by_cursor(api, register, two_forces, monkeypatch):
    monkeypatch.setattr(views.QueueCursor, "page_size", 2)
    reports = [queued_report() for _ in range(5)]
    _client, credential = register("met", ["reports:read"])
    caller = api(credential)

    seen, url = [], reverse("api:reports")
    while url:
        page = caller.client.get(url, **caller.headers).json()
        seen += [row["reference"] for row in page["results"]]
        url = page["next"]

    assert seen == [report.reference for report in reports]


def test_the_list_filters_by_type_status_and_acknowledgement(api, register, two_forces):
    first, second = queued_report(), queued_report()
    Report.objects.filter(pk=second.pk).update(status=Report.Status.IN_TRIAGE)
    _client, credential = register("met")
    caller = api(credential)
    caller.post(reverse("api:acknowledge", args=[first.reference]), {"reference": "CAD-1"})

    def refs(**params):
        return [row["reference"] for row in caller.get(reverse("api:reports"), **params).json()["results"]]

    assert refs(status="in_triage") == [second.reference]
    assert refs(type="domestic-abuse") == [first.reference, second.reference]
    assert refs(type="clares-law") == []
    assert refs(acknowledged="false") == [second.reference]
    assert refs(acknowledged="true") == [first.reference]


def test_a_report_not_yet_in_the_queue_is_not_there(api, register, two_forces):
    from tests.factories import submitted_report

    report = submitted_report()
    _client, credential = register("met")
    caller = api(credential)

    assert caller.get(reverse("api:reports")).json()["results"] == []
    assert caller.get(reverse("api:report", args=[report.reference])).status_code == 404


def test_a_report_reads_in_full_safe_contact_first(api, register, met_report):
    _client, credential = register("met", ["reports:read"])

    response = api(credential).get(reverse("api:report", args=[met_report.reference.lower().replace("-", " ")]))

    body = response.json()
    assert response.status_code == 200
    assert list(body)[:3] == ["id", "reference", "safe_contact"]
    assert body["reference"] == met_report.reference
    assert body["type"] == "domestic-abuse"
    questions = [row["question"] for section in body["answers"] for row in section["answers"]]
    asked = [entry["question"] for entry in met_report.answers["asked"]]
    assert questions == asked
    assert body["routing"][0] == {"label": "Routed to", "value": met_report.force.display_name}
    assert body["priority"]["score"] == met_report.priority
    assert body["acknowledgement"] is None and body["grade"] is None


def test_every_read_is_in_the_audit_trail_with_the_clients_purpose(api, register, met_report):
    api_client, credential = register("met", ["reports:read"])
    caller = api(credential)

    caller.get(reverse("api:reports"))
    caller.get(reverse("api:report", args=[met_report.reference]))

    events = list(AuditEvent.objects.filter(actor=api_client.user).order_by("id"))
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("api.reports.list", "report_list", "E23000001"),
        ("report.view", "report", met_report.reference),
    ]
    assert {(e.organisation, e.reason, e.actor_name) for e in events} == {
        ("E23000001", "Creating records in the force system", api_client.user.username)
    }


def test_acknowledging_is_idempotent_and_the_first_reference_stands(api, register, met_report):
    _client, credential = register("met", ["reports:ack", "reports:read"])
    caller = api(credential)
    url = reverse("api:acknowledge", args=[met_report.reference])

    first = caller.post(url, {"reference": "01/123456/26"})
    again = caller.post(url, {"reference": "01/123456/26"})
    different = caller.post(url, {"reference": "01/999999/26"})
    empty = caller.post(url, {"reference": ""})
    read = caller.get(reverse("api:report", args=[met_report.reference])).json()

    assert (first.status_code, again.status_code, different.status_code, empty.status_code) == (201, 200, 409, 400)
    assert first.json() == again.json()
    assert first.json()["reference"] == "01/123456/26"
    assert "another reference" in different.json()["detail"]
    assert read["acknowledgement"]["reference"] == "01/123456/26"
    assert AuditEvent.objects.filter(action="report.acknowledge", object_id=met_report.reference).count() == 1


def test_a_client_moves_a_report_along_the_workflow(api, register, met_report):
    api_client, credential = register("met", ["reports:update"])
    caller = api(credential)
    url = reverse("api:status", args=[met_report.reference])

    contact = caller.post(url, {"status": "contact_made", "note": "Called on the safe number"})
    no_outcome = caller.post(url, {"status": "closed"})
    not_a_status = caller.post(url, {"status": "vanished"})
    closed = caller.post(url, {"status": "closed", "outcome": "crime_recorded"})

    assert contact.status_code == 200 and contact.json()["status"] == "contact_made"
    assert no_outcome.status_code == 409 and no_outcome.json() == {"detail": "Select the outcome."}
    assert not_a_status.status_code == 400
    assert closed.json()["status"] == "closed" and closed.json()["outcome"] == "crime_recorded"
    activity = ReportActivity.objects.filter(report=met_report, kind=ReportActivity.Kind.STATUS_CHANGED).first()
    assert activity.actor == api_client.user and activity.text == "Called on the safe number"
    assert AuditEvent.objects.filter(actor=api_client.user, action="report.status").count() == 2


def test_a_report_waiting_on_a_transfer_cannot_be_updated(api, register, met_report):
    from reporting.models import StaffMember

    supervisor = member_of(staff_user(role=StaffMember.Role.SUPERVISOR))
    south_wales = member_of(staff_user(force_code=SOUTH_WALES, role=StaffMember.Role.SUPERVISOR)).force
    report_transfer_request(member=supervisor, report=met_report, to_force=south_wales, reason="Cardiff")
    _client, credential = register("met", ["reports:update"])

    response = api(credential).post(reverse("api:status", args=[met_report.reference]), {"status": "contact_made"})

    assert response.status_code == 409
    met_report.refresh_from_db()
    assert met_report.status == Report.Status.TRANSFERRED


def test_each_client_is_rate_limited_in_its_own_minute(api, register, met_report):
    _limited, limited_credential = register("met", ["reports:read"], requests_per_minute=2)
    _other, other_credential = register("met", ["reports:read"])
    url = reverse("api:reports")

    with time_machine.travel("2026-12-04 10:00:10Z", tick=False):
        answers = [api(limited_credential).get(url) for _ in range(3)]
        other = api(other_credential).get(url)
    with time_machine.travel("2026-12-04 10:01:00Z", tick=False):
        next_minute = api(limited_credential).get(url)

    assert [response.status_code for response in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == "50"
    assert other.status_code == 200 and next_minute.status_code == 200


def test_list_and_detail_cost_the_same_however_many_reports(api, register, two_forces, django_assert_max_num_queries):
    _client, credential = register("met", ["reports:read"])
    caller = api(credential)
    first = queued_report()

    with django_assert_max_num_queries(LIST_QUERIES):
        small = caller.get(reverse("api:reports"))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        caller.get(reverse("api:report", args=[first.reference]))
    for _ in range(12):
        queued_report(dict(DOMESTIC_ABUSE_ANSWERS))
    supervisor = member_of(staff_user(role="supervisor"))
    from reporting.services import report_note_add

    for number in range(5):
        report_note_add(member=supervisor, report=first, text=f"Note {number}")

    with django_assert_max_num_queries(LIST_QUERIES):
        large = caller.get(reverse("api:reports"))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        detail = caller.get(reverse("api:report", args=[first.reference]))

    assert len(small.json()["results"]) == 1 and len(large.json()["results"]) == 13
    assert len(detail.json()["activity"]) == 5


# Measured on SQLite: the client 1; the rate window 2, or 3 in a new minute; the page 1 (the
# detail: the report, the force names, the activity with its actors, 3); the audit 2, and on
# PostgreSQL its advisory lock 1; savepoints 4. Fixed, whatever the number of reports.
POSTGRES = int(connection.vendor == "postgresql")
LIST_QUERIES = 13 + POSTGRES
DETAIL_QUERIES = 15 + POSTGRES


def test_a_report_the_person_followed_up_reads_with_the_person_as_who_did_it(api, register, met_report):
    from reporting.services.followup import person_addition_add, person_message_send

    person_message_send(report=met_report, text="Is anyone looking at this?")
    person_addition_add(report=met_report, text="He came back on Tuesday.")
    _client, credential = register("met", ["reports:read"])

    response = api(credential).get(reverse("api:report", args=[met_report.reference]))

    assert response.status_code == 200
    by_kind = {entry["kind"]: entry["by"] for entry in response.json()["activity"]}
    assert by_kind[ReportActivity.Kind.MESSAGE_RECEIVED] == "The person who sent the report"
    assert by_kind[ReportActivity.Kind.ADDITION_RECEIVED] == "The person who sent the report"


def test_an_unknown_path_under_the_api_is_a_json_404(client, api, register, two_forces):
    _client, credential = register("met", ["reports:read"])

    for response in (client.get("/api/v1/nothing-here/"), api(credential).get("/api/v1/reports/A/B/C/")):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}
