"""Referrals made from the online form: exactly the services the person agreed to, only the
data they agreed to share, once, and a notification that says nothing about them."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from reporting import outbox
from reporting.journeys import JOURNEYS
from reporting.models import OutboxMessage
from support.models import ConsentMethod, Referral
from support.referrals import data as referral_data
from support.referrals.services import referrals_create
from tests.factories import DOMESTIC_ABUSE_ANSWERS, referred_report, submitted_report, support_agency

MET = "E23000001"

# Everything in here that is not contact detail must never reach an agency.
CANARIES = {
    "what_happened": "CANARY-NARRATIVE he pushed me",
    "person_name": "CANARY-PERSON Smith",
    "person_whereabouts": "CANARY-WHEREABOUTS 1 Acacia Avenue",
    "trusted_name": "CANARY-TRUSTED Sam",
    "trusted_phone": "07700 900111",
    "access_needs": "CANARY-ACCESS needs",
    "when_detail": "CANARY-WHEN last Tuesday",
    "injury_details": "CANARY-INJURY bruises",
}

TWO_SERVICES = dict(
    DOMESTIC_ABUSE_ANSWERS,
    your_name="Alex Jordan",
    support_referrals=["domestic_abuse_service", "victim_service"],
    contact_methods=["call", "text"],
    phone="07700 900982",
    safe_days=["weekdays"],
    safe_times=["morning"],
    safe_times_detail="only when I am at work",
    trusted_contact="yes",
    injured="yes",
    medical_help="had",
    **{key: value for key, value in CANARIES.items()},
)


@pytest.fixture
def agencies(forces):
    return {
        "domestic_abuse": support_agency("Women's Aid Test", routes=((MET, "domestic_abuse"),)),
        "victim_support": support_agency(
            "Victim Care Test", routes=((MET, "victim_support"),), notification_email="new@victimcare.example"
        ),
    }


def deliver_all():
    for message in OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE):
        outbox.deliver(message.pk)


def test_the_report_submitted_event_makes_one_referral_per_service_agreed_to(
    agencies, django_capture_on_commit_callbacks
):
    report = referred_report(TWO_SERVICES)

    referrals = {referral.kind: referral for referral in Referral.objects.filter(report=report)}
    assert set(referrals) == {"domestic_abuse", "victim_support"}
    assert referrals["domestic_abuse"].agency == agencies["domestic_abuse"]
    assert referrals["victim_support"].agency == agencies["victim_support"]
    for referral in referrals.values():
        assert referral.status == Referral.Status.NEW
        assert referral.consent_method == ConsentMethod.ONLINE_FORM
        assert referral.consent_recorded_at == report.submitted_at
        assert referral.consent_recorded_by is None
    assert referrals["domestic_abuse"].consent_option == "domestic_abuse_service"
    assert referrals["victim_support"].consent_option == "victim_service"


def test_running_the_handler_again_makes_nothing_more(agencies):
    report = referred_report(TWO_SERVICES)

    assert referrals_create(report_id=report.pk) == []
    assert referrals_create(report_id=str(report.pk)) == []
    assert Referral.objects.filter(report=report).count() == 2


def test_a_declined_referral_is_not_made_again_by_a_late_retry(agencies, django_user_model):
    report = referred_report(TWO_SERVICES)
    Referral.objects.filter(report=report, kind="victim_support").update(status=Referral.Status.DECLINED)

    assert referrals_create(report_id=report.pk) == []
    assert Referral.objects.filter(report=report).count() == 2


def test_the_handler_is_subscribed_to_report_submitted(agencies):
    report = submitted_report(TWO_SERVICES)

    handlers = set(OutboxMessage.objects.filter(payload__report_id=str(report.pk)).values_list("handler", flat=True))
    assert "support.referrals_create" in handlers
    assert outbox.handler_named("support.referrals_create") is not None


@pytest.mark.parametrize(
    ("consent", "kinds"),
    [
        (["domestic_abuse_service"], {"domestic_abuse"}),
        (["victim_service"], {"victim_support"}),
        (["none"], set()),
        ([], set()),
        # Housing was asked for, but no agency receives housing referrals in this area.
        (["housing", "domestic_abuse_service"], {"domestic_abuse"}),
    ],
)
def test_only_the_services_agreed_to_with_an_agency_in_the_area_are_referred(agencies, consent, kinds):
    report = referred_report(dict(TWO_SERVICES, support_referrals=consent))

    assert set(Referral.objects.filter(report=report).values_list("kind", flat=True)) == kinds


def test_an_agency_for_another_force_area_gets_nothing(forces):
    support_agency("South Wales only", routes=(("W15000003", "domestic_abuse"),))

    report = referred_report(TWO_SERVICES)

    assert not Referral.objects.filter(report=report).exists()


def test_a_report_made_for_someone_else_refers_nobody(agencies):
    answers = dict(TWO_SERVICES, who_for="someone_else")
    report = referred_report(answers)

    assert not Referral.objects.filter(report=report).exists()


def opened(referral: Referral) -> dict:
    return Referral.objects.get(pk=referral.pk).shared


def test_a_referral_holds_only_its_data_set_and_nothing_the_person_did_not_agree_to_share(agencies):
    report = referred_report(TWO_SERVICES)

    for referral in Referral.objects.filter(report=report):
        shared = opened(referral)
        assert set(shared) <= set(referral_data.DATA_SETS[referral.kind])
        text = json.dumps(shared)
        for name, canary in CANARIES.items():
            assert canary not in text, f"{name} reached a {referral.kind} referral"
        assert "SW1A" not in text
        assert "strangulation" not in text
        assert "ex_partner" not in text
        assert shared == {
            "reference": report.reference,
            "report_type": "domestic-abuse",
            "force": report.force.display_name,
            "first_name": "Alex",
            "contact_methods": ["call", "text"],
            "voicemail_safe": False,
            "phone": "07700 900982",
            "safe_days": ["weekdays"],
            "safe_times": ["morning"],
            "safe_times_detail": "only when I am at work",
        }


def test_the_phone_number_goes_only_when_a_phone_is_a_safe_way_to_reach_them(agencies):
    answers = dict(TWO_SERVICES, contact_methods=["letter"], postal_address="Flat 2, 10 Safe Street, SW1A 2AA")
    answers.pop("phone")
    report = referred_report(answers)
    referral = Referral.objects.get(report=report, kind="domestic_abuse")

    shared = opened(referral)
    assert "phone" not in shared
    assert "voicemail_safe" not in shared
    assert shared["contact_methods"] == ["letter"]
    assert shared["postal_address"] == "Flat 2, 10 Safe Street, SW1A 2AA"


def test_someone_who_may_not_be_contacted_shares_no_contact_details_or_times(agencies):
    answers = dict(TWO_SERVICES, contact_methods=["none"], your_name="")
    for key in ("phone", "safe_days", "safe_times", "safe_times_detail"):
        answers.pop(key)
    report = referred_report(answers)

    shared = opened(Referral.objects.get(report=report, kind="domestic_abuse"))
    assert shared == {
        "reference": report.reference,
        "report_type": "domestic-abuse",
        "force": report.force.display_name,
        "first_name": None,
    }
    assert referral_data.rows(shared)[3].value == "Not given"


def test_the_account_of_what_happened_is_shared_only_when_the_journey_asked_and_they_agreed():
    source = referral_data.Source(
        reference="ABC",
        report_type="rape-sexual-assault",
        force="Test",
        answers={"what_happened": "CANARY", "support_referrals": ["isva"], "support_share_account": "no"},
    )
    assert "account" not in referral_data.data_set("isva", source)

    agreed = referral_data.Source(**{**source.__dict__, "answers": {**source.answers, "support_share_account": "yes"}})
    assert referral_data.data_set("isva", agreed)["account"] == "CANARY"
    # A general victims' service never receives it, agreement or not.
    assert "account" not in referral_data.data_set("victim_support", agreed)


def test_the_shared_data_is_encrypted_in_the_database(agencies):
    report = referred_report(TWO_SERVICES)
    referral = Referral.objects.filter(report=report).first()

    with connection.cursor() as cursor:
        cursor.execute("SELECT shared FROM support_referral WHERE id = %s", [referral.pk.hex])
        row = cursor.fetchone() or ()
    if not row:  # PostgreSQL stores UUIDs natively
        with connection.cursor() as cursor:
            cursor.execute("SELECT shared FROM support_referral WHERE id = %s", [referral.pk])
            row = cursor.fetchone()
    assert "07700" not in row[0]
    assert "Alex" not in row[0]


def test_every_referral_option_of_every_journey_names_a_kind_of_service():
    """A journey that offers a new service must add it to support.referrals.data.CONSENT_OPTIONS."""
    offered = set()
    for journey in JOURNEYS.values():
        for page in journey.flow.pages if journey.flow else ():
            for question in page.questions:
                if question.name == referral_data.CONSENT_QUESTION:
                    options = question.options({}) if callable(question.options) else question.options
                    offered |= {option.value for option in options}
    assert offered, "no journey asks the referral question"
    assert offered - referral_data.NO_REFERRAL <= set(referral_data.CONSENT_OPTIONS)


def test_the_agency_is_told_a_referral_is_waiting_with_nothing_about_the_person(
    agencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted_report(TWO_SERVICES)
    # The outbox ran the handler after the commit; the handler's commit sent the emails.
    with django_capture_on_commit_callbacks(execute=True):
        deliver_all()

    assert Referral.objects.filter(report=report).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["new@victimcare.example", "referrals@agency.example"]
    for message in mail.outbox:
        assert message.subject == "A new referral is waiting"
        text = message.subject + message.body + "".join(alt[0] for alt in getattr(message, "alternatives", []))
        for private in (report.reference, "Alex", "07700", "domestic", "Metropolitan", *CANARIES.values()):
            assert private not in text
        assert "/agency/" in message.body or "referrals inbox" in message.body
    assert all(referral.notified_at for referral in Referral.objects.filter(report=report))


def test_a_notification_goes_once_however_often_the_task_runs(agencies):
    from support.tasks import referral_notify

    report = referred_report(TWO_SERVICES)
    referral = Referral.objects.get(report=report, kind="domestic_abuse")

    assert referral_notify(str(referral.pk)) is True
    assert referral_notify(str(referral.pk)) is False
    assert len(mail.outbox) == 1


def test_the_sweep_sends_notifications_the_broker_lost(agencies, time_machine):
    from support.tasks import referral_notifications_sweep

    report = referred_report(TWO_SERVICES)  # no commit in this test: nothing was sent
    assert mail.outbox == []

    time_machine.move_to(timezone.now() + timedelta(minutes=10))
    assert referral_notifications_sweep() == 2
    assert len(mail.outbox) == 2
    assert referral_notifications_sweep() == 0
    assert Referral.objects.filter(report=report, notified_at__isnull=True).count() == 0


def test_the_sweep_runs_from_a_scheduler_without_celery_beat(agencies, time_machine, capsys):
    referred_report(TWO_SERVICES)
    time_machine.move_to(timezone.now() + timedelta(minutes=10))

    call_command("referral_notifications_sweep")

    assert "Referral notifications queued: 2" in capsys.readouterr().out
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("answers", "kinds"),
    [
        ({"report_mode": "myself", "support_referrals": ["isva", "sarc", "rape_crisis", "victim_support"]}, 4),
        ({"report_mode": "anonymous", "support_referrals": ["isva"]}, 0),
        ({"report_mode": "someone_else", "support_referrals": ["isva"]}, 0),
        ({"who_for": "someone_else", "support_referrals": ["domestic_abuse_service"]}, 0),
        ({"support_referrals": ["isva", "none"]}, 0),
        # Two options of one kind of service make one referral.
        ({"support_referrals": ["victim_service", "victim_support"]}, 1),
    ],
)
def test_who_can_be_referred_and_to_what(answers, kinds):
    assert len(referral_data.consented_kinds(answers)) == kinds
