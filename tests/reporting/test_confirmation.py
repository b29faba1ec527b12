"""The confirmation page keeps every promise the journey made: the force's own first-contact
time from the report's clocks, the referrals the person agreed to and when the service will
pick them up, safety advice and a support list on every journey, and no promise of contact
that cannot happen (anonymous reports, and applications with no way to reply)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Force, ForceServiceLevel
from support.directory.selectors import bank_holidays
from support.directory.services import national_services_sync
from support.working_days import due_at
from tests.factories import (
    ANSWERS_BY_JOURNEY,
    CLARES_LAW_ANSWERS,
    DOMESTIC_ABUSE_ANSWERS,
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    submitted_journey_report,
    support_agency,
)

MET = "E23000001"


def confirmation(client, report) -> str:
    """The confirmation page, as the session that sent the report sees it."""
    session = client.session
    session[f"reporting.sent.{report.report_type}"] = str(report.pk)
    session.save()
    response = client.get(reverse("reporting:journey_sent", args=[report.report_type]))
    assert response.status_code == 200
    return response.content.decode()


def words(html: str) -> str:
    return " ".join(html.replace("\xa0", " ").split())


# --- domestic abuse: the force's own time, the referrals, the support list ------------------------


def test_the_domestic_abuse_confirmation_gives_the_forces_first_contact_time_from_its_clock(client, forces):
    report = submitted_journey_report("domestic-abuse")

    html = words(confirmation(client, report))

    assert 'id="commitment"' in html
    assert "They aim to contact you within 1 day, in the ways you told us are safe" in html


def test_a_forces_own_first_contact_time_is_the_one_stated(client, forces):
    ForceServiceLevel.objects.create(
        force=Force.objects.get(code=MET), report_type="domestic-abuse", milestone="first_contact", hours=8
    )
    report = submitted_journey_report("domestic-abuse")

    assert "within 8 hours" in words(confirmation(client, report))


def test_the_confirmation_names_each_referral_agreed_to_and_when_the_service_picks_it_up(client, forces):
    support_agency(routes=((MET, "domestic_abuse"),))
    report = submitted_journey_report(
        "domestic-abuse", dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service", "housing"])
    )
    due = timezone.localtime(due_at(report.submitted_at, bank_holidays()))

    html = words(confirmation(client, report))

    assert 'id="referrals"' in html
    assert "Specialist domestic abuse service" in html
    assert f"by the end of {due:%A} {due.day} {due:%B %Y}" in html
    # No service of that kind takes referrals in the area: said honestly, with no date.
    assert "Housing or refuge service" in html
    assert "there is no service of this kind we can pass your details to in your area yet" in html


def test_no_referral_asked_for_says_so_and_names_none(client, forces):
    support_agency(routes=((MET, "domestic_abuse"),))
    report = submitted_journey_report("domestic-abuse", dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"]))

    html = words(confirmation(client, report))

    assert "You did not ask us to pass your details to a support service" in html
    assert "Specialist domestic abuse service" not in html


def test_someone_reporting_for_another_person_is_not_told_of_referrals_that_will_not_be_made(client, forces):
    support_agency(routes=((MET, "domestic_abuse"),))
    answers = dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else", support_referrals=["domestic_abuse_service"])
    report = submitted_journey_report("domestic-abuse", answers)

    html = words(confirmation(client, report))

    assert 'id="referrals"' not in html
    assert "Specialist domestic abuse service" not in html


def test_the_domestic_abuse_confirmation_lists_support_services(client, forces):
    national_services_sync()
    report = submitted_journey_report("domestic-abuse")

    assert "Support you can contact" in confirmation(client, report)


def test_without_a_way_to_contact_them_no_contact_is_promised_and_101_is_explained(client, forces):
    answers = dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["none"])
    answers.pop("phone")
    report = submitted_journey_report("domestic-abuse", answers)

    html = words(confirmation(client, report))

    assert "They aim to contact you" not in html
    assert "They will contact you only in the ways" not in html
    assert "You did not give a way to contact you" in html
    assert "call 101 and give your reference number" in html


# --- every journey: safety advice and a support list -----------------------------------------------


@pytest.mark.parametrize("journey", list(ANSWERS_BY_JOURNEY))
def test_every_confirmation_has_safety_advice_and_a_support_list(client, forces, journey):
    national_services_sync()
    report = submitted_journey_report(journey)

    html = words(confirmation(client, report))

    assert 'id="staying-safe"' in html
    assert "press 55" in html
    assert "does not remove this site from your browser history" in html
    assert reverse("portal:staying_safe") in html
    assert "Support you can contact" in html


@pytest.mark.parametrize("journey", list(ANSWERS_BY_JOURNEY))
def test_the_confirmation_page_reads_a_bounded_number_of_queries(
    client, forces, journey, django_assert_max_num_queries
):
    national_services_sync()
    report = submitted_journey_report(journey)
    session = client.session
    session[f"reporting.sent.{journey}"] = str(report.pk)
    session.save()

    with django_assert_max_num_queries(12):
        assert client.get(reverse("reporting:journey_sent", args=[journey])).status_code == 200


# --- anonymous rape and sexual assault reports -------------------------------------------------


ANONYMOUS = {
    key: value
    for key, value in RAPE_SEXUAL_ASSAULT_ANSWERS.items()
    if key not in {"your_name", "contact_methods", "phone", "callback", "callback_time", "support_referrals"}
} | {"report_mode": "anonymous"}


def test_the_anonymous_page_says_the_police_cannot_contact_them(client, db):
    from tests.factories import walk_journey

    walk_journey(client, "rape-sexual-assault", ANONYMOUS, until="anonymous")
    html = words(
        client.get(reverse("reporting:journey_page", args=["rape-sexual-assault", "anonymous"])).content.decode()
    )

    assert "We will only try to contact you if we think someone is in danger" not in html
    assert "The police will not be able to contact you" in html
    assert "call 101 and give your reference number" in html


def test_the_anonymous_option_does_not_promise_contact(client, db):
    from tests.factories import walk_journey

    walk_journey(client, "rape-sexual-assault", ANONYMOUS, until="how-to-report")
    html = words(
        client.get(reverse("reporting:journey_page", args=["rape-sexual-assault", "how-to-report"])).content.decode()
    )

    assert "How do you want to report?" in html
    assert "We will only contact you if we think someone is in danger" not in html


def test_an_anonymous_confirmation_says_what_anonymous_means(client, forces):
    report = submitted_journey_report("rape-sexual-assault", ANONYMOUS)

    html = words(confirmation(client, report))

    assert "the police will only try to contact you" not in html
    assert "tell the officer" not in html
    assert "The police cannot contact you" in html
    assert "call 101 and give your reference number" in html


# --- Clare's Law with no way to contact the applicant -----------------------------------------------


def test_clares_law_says_what_happens_without_a_way_to_contact(client, db):
    from tests.factories import walk_journey

    walk_journey(client, "clares-law", CLARES_LAW_ANSWERS, until="contact-methods")
    html = words(client.get(reverse("reporting:journey_page", args=["clares-law", "contact-methods"])).content.decode())

    assert "the police cannot go ahead with your application" not in html
    assert "Your application will be recorded, but the police cannot reply to you" in html
    assert "call 101 and give your reference number" in html


def test_a_clares_law_application_with_no_way_to_contact_is_not_promised_contact(client, forces):
    answers = dict(CLARES_LAW_ANSWERS, contact_methods=["none"])
    answers.pop("phone", None)
    report = submitted_journey_report("clares-law", answers)

    html = words(confirmation(client, report))

    assert "An officer will contact you" not in html
    assert "We have recorded your application" in html
    assert "the police cannot reply to you" in html
    assert "call 101 and give your reference number" in html


def test_a_clares_law_application_with_a_way_to_contact_is_told_an_officer_will_contact(client, forces):
    report = submitted_journey_report("clares-law")

    assert "An officer will contact you in the ways you told us are safe" in words(confirmation(client, report))


# --- the save page -----------------------------------------------------------------------------------


def test_the_save_page_says_honestly_what_the_code_opens(client, db):
    response = client.post(
        reverse("reporting:journey_page", args=["domestic-abuse", "in-danger"]), {"in_danger": "no", "action": "save"}
    )

    html = words(response.content.decode())
    assert "will not mean anything to anyone who finds it" not in html
    assert "Anyone who has this code can open your saved answers" in html
