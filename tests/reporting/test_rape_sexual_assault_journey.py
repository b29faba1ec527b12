"""Report rape or sexual assault: the journey as declared, walked through its views, sent to
the right force with its clock, and an anonymous report that keeps no contact details."""

import dataclasses
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from reporting.engine import JourneyState, Voice, always
from reporting.journeys import JOURNEYS, flow_for
from reporting.journeys.rape_sexual_assault import IDENTIFYING_PAGES, RAPE_SEXUAL_ASSAULT, risk_indicators
from reporting.models import Draft, Force, ForceServiceLevel, Report
from reporting.services import report_submit
from support.referrals.data import CONSENT_OPTIONS, NO_REFERRAL
from tests.factories import (
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    RAPE_SEXUAL_ASSAULT_BRANCHES,
    draft_with_answers,
    walk_journey,
)
from tests.reporting.test_journey_engine_properties import check_any_input

JOURNEY = "rape-sexual-assault"
FLOW = RAPE_SEXUAL_ASSAULT
CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
NAME_CANARY = "Canary-Name-7731"
PHONE_CANARY = "07700 900731"
EMAIL_CANARY = "canary7731@example.com"
# Every answer that could identify or reach the person reporting.
CONTACT_ANSWERS = {
    "your_name",
    "reporter_name",
    "reporter_connection",
    "contact_methods",
    "phone",
    "email",
    "postal_address",
    "safe_days",
    "safe_times",
    "safe_times_detail",
    "callback",
    "callback_time",
    "trusted_contact",
    "trusted_name",
    "trusted_relationship",
    "trusted_phone",
    "language",
    "interpreter",
    "access_needs",
    "officer_gender",
    "support_referrals",
    "support_share_account",
}

MUST_ANSWER = {
    "in_danger",
    "report_mode",
    "where",
    "incident_postcode",
    "council_area",
    "police_force",
    "split_force",
    "phone",
    "email",
    "postal_address",
    "trusted_phone",
}


def questions(flow):
    return [question for page in flow.pages for question in page.questions]


def shown(answers: dict) -> list[str]:
    return [page.slug for page in FLOW.shown(JourneyState(answers=answers))]


def send(client):
    return client.post(CHECK, {"submission_key": client.get(CHECK).context["submission_key"]})


def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - the table names are constants
        return repr(cursor.fetchall())


# --- the journey as declared ---------------------------------------------------------------


def test_the_journey_has_its_form_and_reports_as_rape_or_sexual_assault():
    assert flow_for(JOURNEY) is FLOW
    assert JOURNEYS[JOURNEY].application is False


def test_every_question_not_needed_to_carry_on_can_be_skipped():
    assert {question.name for question in questions(FLOW) if question.required is not None} == MUST_ANSWER


@pytest.mark.parametrize("them", [False, True], ids=["victim", "someone else"])
def test_check_your_answers_labels_are_unique_so_each_change_link_says_what_it_changes(them):
    voice = Voice(answers={}, them=them)
    one_branch = {"reporter_name"} if not them else {"your_name"}
    labels = [voice.say(q.summary or q.label) for q in questions(FLOW) if q.name not in one_branch]

    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)


def test_there_are_three_ways_to_report_and_anonymous_says_plainly_that_nobody_can_contact_you():
    mode = FLOW.page("how-to-report").questions[0]
    options = {option.value: option for option in mode.options}

    assert list(options) == ["myself", "anonymous", "someone_else"]
    # An anonymous report holds no way to contact anyone (issue 11).
    assert "the police will not be able to contact you" in str(options["anonymous"].hint)
    body = " ".join(map(str, FLOW.page("anonymous").body))
    assert "contact you if we think someone is in danger" not in body
    assert "The police will not be able to contact you" in body


@pytest.mark.parametrize("recent", ["yes", "not_sure", ""], ids=["yes", "not sure", "skipped"])
def test_advice_on_care_and_evidence_comes_before_any_detailed_question(recent):
    slugs = shown({"in_danger": "no", "report_mode": "myself", "recent": recent})

    advice = slugs.index("medical-care-and-evidence")
    first_detail = min(slugs.index(slug) for slug in ("what-happened", "when", "where", "person-known"))
    assert advice < first_detail
    asked_before = {
        q.name for page in FLOW.shown(JourneyState(answers={"recent": recent}))[:advice] for q in page.questions
    }
    assert asked_before == {"in_danger", "report_mode", "recent"}


def test_no_advice_page_when_it_was_not_in_the_last_7_days():
    assert "medical-care-and-evidence" not in shown({"report_mode": "myself", "recent": "no"})


def test_an_anonymous_report_asks_nothing_that_could_identify_or_reach_the_person():
    anonymous = dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="anonymous")
    asked = {q.name for page in FLOW.shown(JourneyState(answers=anonymous)) for q in page.questions}

    assert not asked & CONTACT_ANSWERS
    assert {q.name for page in IDENTIFYING_PAGES for q in page.questions} == CONTACT_ANSWERS


def test_someone_reporting_for_another_person_is_asked_about_them_and_about_themselves():
    slugs = shown({"report_mode": "someone_else"})

    assert {"about-them", "about-you"} <= set(slugs)
    assert "your-name" not in slugs
    # Consent to a referral is the victim's to give.
    assert not {"support", "support-share-account"} & set(slugs)


def test_when_it_happened_offers_days_if_recent_and_a_long_time_ago_otherwise():
    when = FLOW.page("when").questions[0]

    assert [o.value for o in when.options_for({"recent": "yes"})] == ["today", "yesterday", "this_week", "not_sure"]
    values = [o.value for o in when.options_for({"recent": "no"})]
    assert "long_ago" in values
    assert "today" not in values


def test_a_callback_time_is_asked_only_of_someone_who_can_be_called():
    assert "callback" in shown(dict(RAPE_SEXUAL_ASSAULT_ANSWERS, contact_methods=["call"]))
    assert "callback" not in shown(dict(RAPE_SEXUAL_ASSAULT_ANSWERS, contact_methods=["email"]))


def test_each_support_service_needs_its_own_consent_and_every_option_is_one_referrals_know():
    support = FLOW.page("support").questions[0]
    recent = [o.value for o in support.options_for({"recent": "yes"})]
    not_recent = [o.value for o in support.options_for({"recent": "no"})]

    assert recent == ["isva", "sarc", "rape_crisis", "victim_support", "none"]
    assert "sarc" not in not_recent
    assert set(recent) <= set(CONSENT_OPTIONS) | NO_REFERRAL
    assert support.__class__.__name__ == "Checkboxes"
    assert "isva" in support.options_for({})[0].value


def test_a_recent_assault_is_flagged_for_triage():
    assert risk_indicators({"recent": "yes"}) == ["within_7_days"]
    assert risk_indicators({"recent": "not_sure"}) == []
    assert risk_indicators({}) == []


# --- through the views -----------------------------------------------------------------------


def test_the_start_page_offers_the_form(client, db):
    html = client.get(reverse("reporting:journey_start", args=[JOURNEY])).content.decode()

    assert "govuk-button--start" in html
    assert reverse("reporting:journey_page", args=[JOURNEY, "in-danger"]) in html


def test_sending_puts_the_report_in_the_right_forces_queue_with_its_12_hour_clock(client, forces):
    walk_journey(client, JOURNEY, RAPE_SEXUAL_ASSAULT_ANSWERS)

    response = send(client)

    assert response["Location"] == SENT
    report = Report.objects.get()
    assert (report.force.code, report.report_type, report.status) == ("E23000001", JOURNEY, "new")
    assert {c.milestone: c.due_at - report.submitted_at for c in report.clocks.all()} == {
        "first_contact": timedelta(hours=12)
    }
    assert report.answers["values"]["callback_time"] == "Weekday evenings"
    assert report.answers["values"]["support_referrals"] == ["isva"]
    assert not Draft.objects.exists()
    main = client.get(SENT).content.decode()
    assert "Report sent" in main
    assert "A specially trained officer will read it." in main
    assert "They will contact you within 12\xa0hours, or at the time you chose" in main
    assert "You can stop at any time." in main


def test_the_response_commitment_is_the_forces_own_setting(client, forces):
    ForceServiceLevel.objects.create(
        force=Force.objects.get(code="E23000001"), report_type=JOURNEY, milestone="first_contact", hours=6
    )
    walk_journey(client, JOURNEY, RAPE_SEXUAL_ASSAULT_ANSWERS)

    send(client)

    assert "within 6\xa0hours, or at the time you chose" in client.get(SENT).content.decode()


def test_a_recent_assault_is_reminded_of_a_sarc_on_the_confirmation(client, forces):
    walk_journey(client, JOURNEY, RAPE_SEXUAL_ASSAULT_BRANCHES[0] | {"in_danger": "no"})

    send(client)

    report = Report.objects.get()
    assert report.risk_indicators == ["within_7_days"]
    assert "If it happened in the last 7 days" in client.get(SENT).content.decode()


def test_the_evidence_page_says_a_sarc_can_be_used_without_reporting(client, db):
    walk_journey(client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes"), until="medical-care-and-evidence")

    html = client.get(reverse("reporting:journey_page", args=[JOURNEY, "medical-care-and-evidence"])).content.decode()

    assert "You can go to a SARC without reporting to the police." in html
    assert "store it while you decide whether to report" in html
    assert "If you already have, that is fine." in html


# --- anonymous reports keep no contact details ---------------------------------------------------


def typed_then_anonymous(client) -> str:
    """Someone gives their name and contact details, reaches check your answers, then
    changes their mind and chooses to report anonymously. Returns where they go next."""
    named = dict(
        RAPE_SEXUAL_ASSAULT_ANSWERS,
        your_name=NAME_CANARY,
        contact_methods=["call", "email"],
        phone=PHONE_CANARY,
        email=EMAIL_CANARY,
        trusted_contact="yes",
        trusted_name=NAME_CANARY,
        trusted_phone=PHONE_CANARY,
    )
    walk_journey(client, JOURNEY, named)
    draft = Draft.objects.get()
    assert NAME_CANARY in repr(draft.state)

    response = client.post(
        reverse("reporting:journey_page", args=[JOURNEY, "how-to-report"]) + "?change=1", {"report_mode": "anonymous"}
    )
    assert response.status_code == 302
    return response["Location"]


def test_choosing_anonymous_after_giving_contact_details_deletes_them_from_the_saved_draft(client, forces):
    typed_then_anonymous(client)
    draft = Draft.objects.get()

    stored = repr(draft.state)  # decrypted
    for canary in (NAME_CANARY, PHONE_CANARY, EMAIL_CANARY):
        assert canary not in stored
        assert canary not in raw_rows("reporting_draft")
    assert not set(draft.state["answers"]) & CONTACT_ANSWERS


def test_an_anonymous_report_stores_no_contact_details_even_if_some_were_typed_before(client, forces):
    following = typed_then_anonymous(client)
    # Through the page about reporting anonymously, which is new to them, to check your answers.
    assert "/anonymous/" in following
    assert walk_journey(client, JOURNEY, {}, start=following).endswith("check-your-answers/")
    check = client.get(CHECK).content.decode()
    assert NAME_CANARY not in check
    assert PHONE_CANARY not in check

    send(client)

    report = Report.objects.get()
    assert report.answers["values"]["report_mode"] == "anonymous"
    assert not set(report.answers["values"]) & CONTACT_ANSWERS
    stored = repr(report.answers) + repr(report.routing) + repr(report.risk_indicators)
    for canary in (NAME_CANARY, PHONE_CANARY, EMAIL_CANARY):
        assert canary not in stored
        for table in ("reporting_report", "reporting_draft", "reporting_outboxmessage"):
            assert canary not in raw_rows(table)
    assert {c.milestone for c in report.clocks.all()} == {"first_contact"}
    html = client.get(SENT).content.decode()
    assert "You reported anonymously" in html


def test_contact_details_typed_wrongly_before_choosing_anonymous_are_deleted_too(client, db):
    walk_journey(client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, phone=""), until="contact-phone")
    client.post(reverse("reporting:journey_page", args=[JOURNEY, "contact-phone"]), {"phone": f"{NAME_CANARY} x"})
    assert NAME_CANARY in repr(Draft.objects.get().state["unsaved"])

    client.post(
        reverse("reporting:journey_page", args=[JOURNEY, "how-to-report"]) + "?change=1", {"report_mode": "anonymous"}
    )

    assert NAME_CANARY not in repr(Draft.objects.get().state)


def test_an_anonymous_draft_that_somehow_holds_contact_details_sends_none_of_them(forces):
    # Put together directly, not through the pages.
    answers = dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="anonymous", your_name=NAME_CANARY, phone=PHONE_CANARY)
    draft = draft_with_answers(answers, journey=JOURNEY)
    draft.state["completed"] += ["your-name", "contact-methods", "contact-phone"]
    draft.save()

    report = report_submit(draft=draft, submission_key=draft.submission_key)

    assert not set(report.answers["values"]) & CONTACT_ANSWERS
    assert NAME_CANARY not in repr(report.answers)
    assert NAME_CANARY not in raw_rows("reporting_report")


def test_even_if_contact_pages_were_shown_to_an_anonymous_reporter_their_answers_would_not_be_sent():
    # The same journey with the conditions that hide the contact pages taken away: the
    # journey's Forget rule alone keeps the details out.
    careless = dataclasses.replace(
        FLOW,
        pages=tuple(
            dataclasses.replace(page, when=always) if page in IDENTIFYING_PAGES else page for page in FLOW.pages
        ),
    )
    answers = dict(
        RAPE_SEXUAL_ASSAULT_ANSWERS,
        report_mode="anonymous",
        your_name=NAME_CANARY,
        phone=PHONE_CANARY,
        email=EMAIL_CANARY,
    )
    state = JourneyState(answers=answers)
    state.completed = [page.slug for page in careless.shown(state)]
    assert {"your-name", "contact-phone", "support"} <= set(state.completed)

    assert not set(careless.answers(state)) & CONTACT_ANSWERS
    assert NAME_CANARY not in repr(careless.record_of_questions(state))
    assert PHONE_CANARY not in repr(careless.summary(state))


# --- any input on any page ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", [page.slug for page in FLOW.pages])
def test_any_input_gets_a_message_or_is_saved_never_an_error(client, db, slug):
    check_any_input(client, JOURNEY, slug)
