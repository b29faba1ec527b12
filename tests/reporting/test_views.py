"""The journey engine's pages over HTTP: moving through a journey, errors, changes, saving
and coming back, and sending a report once."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from reporting.models import Draft, Force, OutboxMessage, Report, ReturnCodeAttempt
from tests.factories import DOMESTIC_ABUSE_ANSWERS, assert_one_outbox_message_per_subscriber, draft_with_answers

JOURNEY = "domestic-abuse"

VICTIM = {
    "in-danger": {"in_danger": "no"},
    "who-for": {"who_for": "myself"},
    "your-name": {"your_name": "Sam"},
    "relationship": {"relationship": "ex_partner"},
    "kinds-of-abuse": {"abuse_kinds": ["physical", "controlling"]},
    "what-happened": {"what_happened": "He pushed me.\nThen he took my phone."},
    "when": {"when_last": "this_week", "when_detail": "Saturday night"},
    "where": {"where": "known_place"},
    "incident-postcode": {"incident_postcode": "np161aa"},
    "choose-force": {"split_force": "W15000002"},
    "injuries": {"injured": "no"},
    "children": {"children": "no"},
    "risk": {"risk_indicators": ["strangulation", "threats_to_kill"]},
    "person-lives-with": {"person_lives_with": "no"},
    "contact-methods": {"contact_methods": ["call", "text"]},
    "contact-phone": {"phone": "07700 900982"},
    "safe-times": {"safe_days": ["weekdays"], "safe_times": ["morning"]},
    "trusted-person": {"trusted_contact": "no"},
    "officer": {"officer_gender": "no_preference"},
    "support": {"support_referrals": ["domestic_abuse_service"]},
    "copy": {"copy_safe": "no"},
}


def page_url(slug: str, *, change: bool = False) -> str:
    url = reverse("reporting:journey_page", args=[JOURNEY, slug])
    return f"{url}?change=1" if change else url


CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
RESUME = reverse("reporting:journey_resume", args=[JOURNEY])


def slug_of(url: str) -> str:
    return url.split("?")[0].rstrip("/").split("/")[-1]


def walk(client, answers, *, until="check-your-answers") -> str:
    """Answers page after page as a person would; returns the URL it stopped at."""
    url = page_url("in-danger")
    for _ in range(60):
        if slug_of(url) in (until, "check-your-answers"):
            return url
        response = client.post(url, answers.get(slug_of(url), {}))
        assert response.status_code == 302, (slug_of(url), response.content.decode()[:2000])
        url = response["Location"]
    raise AssertionError("The journey did not end")


def session_draft(client) -> Draft:
    return Draft.objects.get(pk=client.session[f"reporting.draft.{JOURNEY}"])


def use_draft(client, draft: Draft) -> None:
    session = client.session
    session[f"reporting.draft.{JOURNEY}"] = str(draft.pk)
    session.save()


# --- start page ----------------------------------------------------------------------------


def test_the_start_page_has_a_start_button_to_the_first_question(client, db):
    response = client.get(reverse("reporting:journey_start", args=[JOURNEY]))

    html = response.content.decode()
    assert "govuk-button--start" in html
    assert f'href="{page_url("in-danger")}"' in html
    assert f'href="{RESUME}"' in html


# --- moving through the pages ------------------------------------------------------------------


def test_looking_at_the_first_page_saves_nothing(client, db):
    response = client.get(page_url("in-danger"))

    assert response.status_code == 200
    assert "Is anyone in danger right now?" in response.content.decode()
    assert not Draft.objects.exists()


def test_answering_a_page_saves_it_on_the_server_and_goes_to_the_next(client, db):
    response = client.post(page_url("in-danger"), {"in_danger": "no"})

    assert response["Location"] == page_url("who-for")
    assert session_draft(client).state["answers"] == {"in_danger": "no"}
    # The browser holds only the session cookie; the answer is not in it or in any address.
    assert list(response.cookies) == ["waymark_session"]
    assert "no" not in response["Location"]


def test_saying_someone_is_in_danger_shows_how_to_get_help_now(client, db):
    response = client.post(page_url("in-danger"), {"in_danger": "yes"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page_url("get-help-now")
    assert "press 55" in html
    assert "I am safe to carry on" in html


def test_a_later_page_cannot_be_opened_by_its_address(client, db):
    client.post(page_url("in-danger"), {"in_danger": "no"})

    response = client.get(page_url("risk"))

    assert response["Location"] == page_url("who-for")


def test_an_unknown_page_is_not_found(client, db):
    assert client.get(page_url("no-such-page")).status_code == 404


def test_a_mistake_is_shown_next_to_the_field_and_in_the_summary_and_what_was_typed_is_kept(client, db):
    walk(client, VICTIM, until="incident-postcode")

    response = client.post(page_url("incident-postcode"), {"incident_postcode": "NP16 1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_incident_postcode">Enter a full UK postcode, like SW1A 1AA</a>' in html
    assert 'class="govuk-error-message"' in html
    assert 'value="NP16 1"' in html
    assert "<title>Error:" in html


def test_a_page_left_with_a_mistake_comes_back_as_it_was(client, db):
    walk(client, VICTIM, until="incident-postcode")
    client.post(page_url("incident-postcode"), {"incident_postcode": "NP16 1"})

    response = client.get(page_url("incident-postcode"))

    assert 'value="NP16 1"' in response.content.decode()
    assert "Enter a full UK postcode" in response.content.decode()


def test_the_back_link_goes_to_the_page_shown_before(client, db):
    walk(client, VICTIM, until="incident-postcode")

    html = client.get(page_url("incident-postcode")).content.decode()

    assert f'<a href="{page_url("where")}" class="govuk-back-link">' in html


def test_going_back_shows_the_answer_already_given(client, db):
    walk(client, VICTIM, until="incident-postcode")

    html = client.get(page_url("kinds-of-abuse")).content.decode()

    assert re.search(r'value="physical"\s+checked', html)


def test_the_page_title_names_the_section_not_the_question(client, db):
    walk(client, VICTIM, until="risk")

    html = client.get(page_url("risk")).content.decode()

    assert "<title>Safety and risk \N{EN DASH}" in html
    assert "Do any of these apply to you?</h1>" in html


def test_someone_else_is_spoken_about_as_them(client, db):
    client.post(page_url("in-danger"), {"in_danger": "no"})
    client.post(page_url("who-for"), {"who_for": "someone_else"})
    client.post(page_url("about-them"), {})
    client.post(page_url("about-you"), {})
    client.post(page_url("age"), {})
    client.post(page_url("before-you-tell-us"), {})

    html = client.get(page_url("relationship")).content.decode()

    assert "How do they know the person who hurt them?" in html


# --- check your answers and changes ----------------------------------------------------------


def test_check_your_answers_lists_the_answers_with_change_links(client, forces):
    walk(client, VICTIM)

    html = client.get(CHECK).content.decode()

    assert "He pushed me.<br>Then he took my phone." in html
    assert "Physical abuse" in html
    assert f'href="{page_url("kinds-of-abuse", change=True)}"' in html
    assert "Your report will go to Gwent Police." in html


def test_check_your_answers_is_not_shown_until_the_journey_is_finished(client, db):
    walk(client, VICTIM, until="risk")

    assert client.get(CHECK)["Location"] == page_url("risk")


def test_a_change_returns_to_check_your_answers(client, forces):
    walk(client, VICTIM)

    response = client.post(page_url("when", change=True), {"when_last": "today"})

    assert response["Location"] == CHECK
    assert "Today" in client.get(CHECK).content.decode()


def test_a_change_that_opens_a_new_question_asks_it_before_returning(client, forces):
    walk(client, VICTIM)

    response = client.post(page_url("injuries", change=True), {"injured": "yes"})

    assert response["Location"] == page_url("injury-details", change=True)
    assert client.post(response["Location"], {"medical_help": "no"})["Location"] == CHECK


def test_the_back_link_on_a_change_goes_back_to_check_your_answers(client, forces):
    walk(client, VICTIM)

    html = client.get(page_url("when", change=True)).content.decode()

    assert f'<a href="{CHECK}" class="govuk-back-link">' in html


# --- sending ------------------------------------------------------------------------------------


def send(client, key=None):
    key = key or client.get(CHECK).context["submission_key"]
    return client.post(CHECK, {"submission_key": key})


def test_sending_puts_the_report_in_the_right_forces_queue(client, forces, django_capture_on_commit_callbacks):
    walk(client, VICTIM)

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client)

    assert response["Location"] == SENT
    report = Report.objects.get()
    assert (report.force.code, report.report_type, report.status) == ("W15000002", JOURNEY, "new")
    assert report.routing["rule"] == "force_choice"
    assert report.routing["input"]["postcode"] == "NP16 1AA"
    assert report.risk_indicators == ["strangulation", "threats_to_kill"]
    assert report.answers["values"]["what_happened"] == "He pushed me.\nThen he took my phone."
    assert {
        "section": "What happened",
        "name": "abuse_kinds",
        "question": "Kinds of abuse",
        "answer": "Controlling or coercive behaviour\nPhysical abuse",
    } in report.answers["asked"]
    assert report.queued_at is not None
    assert_one_outbox_message_per_subscriber(report)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.DONE}
    assert not Draft.objects.exists()
    html = client.get(SENT).content.decode()
    assert report.reference in html
    assert "Gwent Police" in html


def test_sending_twice_makes_one_report(client, forces):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    first = send(client, key)
    second = send(client, key)

    assert first["Location"] == second["Location"] == SENT
    assert Report.objects.count() == 1


def test_back_then_send_again_shows_the_report_already_sent(client, forces):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]
    send(client, key)
    reference = Report.objects.get().reference

    assert client.get(CHECK)["Location"] == SENT
    again = client.post(CHECK, {"submission_key": key}, follow=True)

    assert reference in again.content.decode()
    assert Report.objects.count() == 1


def test_a_send_form_from_elsewhere_does_not_send(client, forces):
    walk(client, VICTIM)

    response = client.post(CHECK, {"submission_key": "made-up"})

    assert response.status_code == 302
    assert not Report.objects.exists()


def test_a_force_missing_from_the_database_tells_the_person_it_was_not_sent(client, forces, caplog):
    walk(client, VICTIM)
    Force.objects.filter(code="W15000002").delete()

    response = send(client)

    # The same "not sent yet, your answers are kept" page as a database failure
    # (tests/reporting/test_send_never_lies.py has the rest).
    assert response.status_code == 503
    assert "Your report has not been sent yet" in response.content.decode()
    assert not Report.objects.exists()
    assert Draft.objects.exists()
    assert client.get(CHECK).status_code == 200
    assert any(record.levelname == "ERROR" and "W15000002" in record.getMessage() for record in caplog.records)


def test_the_confirmation_is_only_for_the_session_that_sent_it(client, forces):
    walk(client, VICTIM)
    send(client)

    assert client.get(SENT).status_code == 200
    assert Client().get(SENT)["Location"] == reverse("reporting:journey_start", args=[JOURNEY])


@pytest.fixture
def database_refuses_reports(db):
    """Makes the database itself fail the next write of an outbox message (after the report
    row), as it would if it went away mid-transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION waymark_test_fail() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'database unavailable' USING ERRCODE = 'connection_failure'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER waymark_test_fail BEFORE INSERT ON reporting_outboxmessage "
                "FOR EACH ROW EXECUTE FUNCTION waymark_test_fail()"
            )
        else:
            # SQLite reports a missing table as an OperationalError, as it does a lost disk.
            cursor.execute(
                "CREATE TRIGGER waymark_test_fail BEFORE INSERT ON reporting_outboxmessage "
                "BEGIN INSERT INTO waymark_no_such_table VALUES (1); END"
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER waymark_test_fail ON reporting_outboxmessage"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER waymark_test_fail"
        )


def test_if_the_database_fails_while_sending_the_person_is_told_it_may_not_be_sent_and_keeps_their_answers(
    client, forces, database_refuses_reports
):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    response = client.post(CHECK, {"submission_key": key})

    # A database error may come as the transaction commits: the report may have been sent,
    # so the page does not say it was not (tests/reporting/test_send_never_lies.py).
    html = response.content.decode()
    assert response.status_code == 503
    assert "Your report may not have been sent" in html
    assert "has not been sent yet" not in html
    assert "call 101" in html
    assert "999" in html
    assert "He pushed me." in html
    assert f'value="{key}"' in html
    assert "Send report</button>" in html, "the button the page tells them to press"
    assert not Report.objects.exists()
    assert session_draft(client).state["answers"]["what_happened"] == "He pushed me.\nThen he took my phone."


def test_after_a_database_failure_trying_again_sends_it_once(client, forces, request):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]
    request.getfixturevalue("database_refuses_reports")
    assert client.post(CHECK, {"submission_key": key}).status_code == 503
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER waymark_test_fail ON reporting_outboxmessage"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER waymark_test_fail"
        )
        # The fixture drops it again on the way out.
        cursor.execute(
            "CREATE TRIGGER waymark_test_fail AFTER DELETE ON reporting_outboxmessage FOR EACH ROW EXECUTE FUNCTION waymark_test_fail()"
            if connection.vendor == "postgresql"
            else "CREATE TRIGGER waymark_test_fail AFTER DELETE ON reporting_outboxmessage BEGIN SELECT 1; END"
        )

    assert client.post(CHECK, {"submission_key": key})["Location"] == SENT
    assert Report.objects.count() == 1


# --- query counts --------------------------------------------------------------------------------


def test_a_page_costs_few_queries(client, db, django_assert_max_num_queries):
    walk(client, VICTIM, until="risk")

    # The session, the draft, and the session's save (its expiry slides on every request).
    with django_assert_max_num_queries(5):
        client.get(page_url("risk"))
    with django_assert_max_num_queries(8):
        client.post(page_url("risk"), {"risk_indicators": ["weapons"]})


def test_sending_costs_few_queries(client, forces, django_assert_max_num_queries):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    # 19: the draft leaves a marker leading its session to the confirmation (SentDraft);
    # 20: the report's follow-up code (reporting.followup).
    with django_assert_max_num_queries(20):
        send(client, key)


# --- saving and coming back ----------------------------------------------------------------------


def save_and_get_code(client, slug="what-happened", data=None) -> str:
    response = client.post(page_url(slug), {**(data or {}), "action": "save"})
    assert response.status_code == 200
    return re.search(r'id="return-code">([^<]+)<', response.content.decode())[1].strip()


def test_saving_shows_a_code_once_with_advice_on_keeping_it_safe(client, db):
    walk(client, VICTIM, until="what-happened")

    response = client.post(page_url("what-happened"), {"what_happened": "typed so far", "action": "save"})

    html = response.content.decode()
    code = re.search(r'id="return-code">([^<]+)<', html)[1].strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}", code)
    assert "We will not show you this code again" in html
    draft = session_draft(client)
    assert draft.state["answers"]["what_happened"] == "typed so far"
    assert code.replace("-", "") not in draft.return_code_hash
    assert draft.return_code_hash.startswith("$argon2id$")


def test_saving_again_keeps_the_same_code_unless_a_new_one_is_asked_for(client, db):
    walk(client, VICTIM, until="what-happened")
    code = save_and_get_code(client)

    again = client.post(page_url("what-happened"), {"action": "save"}).content.decode()

    assert 'id="return-code"' not in again
    assert f"It starts with {code[:4]}" in again
    new = client.post(reverse("reporting:journey_save", args=[JOURNEY])).content.decode()
    new_code = re.search(r'id="return-code">([^<]+)<', new)[1].strip()
    assert new_code != code


def test_saving_on_a_page_with_a_mistake_keeps_what_was_typed(client, db):
    walk(client, VICTIM, until="incident-postcode")

    save_and_get_code(client, "incident-postcode", {"incident_postcode": "NP16 1"})

    assert session_draft(client).state["unsaved"]["incident-postcode"] == {"incident_postcode": "NP16 1"}


def test_the_code_brings_the_answers_back_in_a_new_session(client, db):
    walk(client, VICTIM, until="what-happened")
    code = save_and_get_code(client, data={"what_happened": "typed so far"})
    later = Client()

    response = later.post(RESUME, {"code": code.lower().replace("-", " ")})

    # Back on the page where they saved, with what they typed there.
    assert response["Location"] == page_url("what-happened")
    html = later.get(page_url("what-happened")).content.decode()
    assert "typed so far" in html


def test_a_wrong_code_and_an_expired_code_get_the_same_answer(client, db):
    walk(client, VICTIM, until="what-happened")
    code = save_and_get_code(client)
    wrong = Client().post(RESUME, {"code": "2222-3333-4444"})
    Draft.objects.update(expires_at="2000-01-01T00:00:00Z")
    expired = Client().post(RESUME, {"code": code})

    assert wrong.status_code == expired.status_code == 200
    assert wrong.context["form"].errors == expired.context["form"].errors
    assert "We cannot find a saved report with that code" in expired.content.decode()


def test_after_too_many_wrong_codes_even_the_right_one_must_wait(client, db, settings):
    walk(client, VICTIM, until="what-happened")
    code = save_and_get_code(client)
    stranger = Client()
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE):
        stranger.post(RESUME, {"code": code[:-1] + ("2" if code[-1] != "2" else "3")})

    response = Client().post(RESUME, {"code": code})

    assert "You have tried too many codes" in response.content.decode()
    assert ReturnCodeAttempt.objects.count() == settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE


def test_a_code_of_the_wrong_shape_is_asked_for_again_without_counting_as_a_guess(client, db):
    response = client.post(RESUME, {"code": "ABC"})

    assert "Enter the 12 letters and numbers of your code" in response.content.decode()
    assert not ReturnCodeAttempt.objects.exists()


# --- the location pages --------------------------------------------------------------------------


def reach_where(client):
    walk(client, VICTIM, until="where")


def test_a_split_postcode_asks_which_force_with_the_councils_named(client, db):
    reach_where(client)
    client.post(page_url("where"), {"where": "known_place"})

    response = client.post(page_url("incident-postcode"), {"incident_postcode": "NP16 1AA"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page_url("choose-force")
    assert "Gwent Police (Blaenau Gwent, Caerphilly, Monmouthshire, Newport or Torfaen)" in html
    assert "Gloucestershire Constabulary" in html


def test_a_place_in_scotland_stops_at_a_page_with_police_scotlands_details(client, db):
    reach_where(client)
    client.post(page_url("where"), {"where": "known_place"})

    response = client.post(page_url("incident-postcode"), {"incident_postcode": "EH1 1YZ"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page_url("outside-england-and-wales")
    assert "This service is for England and Wales" in html
    assert 'href="https://www.scotland.police.uk"' in html
    assert "call 101" in html
    assert "Continue</button>" not in html
    # The answers are kept, in case they go back.
    assert session_draft(client).state["answers"]["incident_postcode"] == "EH1 1YZ"
    assert client.post(page_url("outside-england-and-wales"), {})["Location"] == page_url("outside-england-and-wales")
    assert client.get(CHECK)["Location"] == page_url("outside-england-and-wales")


def test_a_place_with_no_website_or_number_still_says_who_to_contact(client, db):
    reach_where(client)
    client.post(page_url("where"), {"where": "known_place"})

    html = client.post(page_url("incident-postcode"), {"incident_postcode": "IM1 1AA"}, follow=True).content.decode()

    assert "Isle of Man Constabulary" in html
    assert "contact your local police station" in html
    assert "Website:" not in html


def test_the_railway_page_gives_british_transport_polices_numbers(client, db):
    reach_where(client)

    html = client.post(page_url("where"), {"where": "railway"}, follow=True).content.decode()

    assert "British Transport Police" in html
    assert "61016" in html
    assert "0800 40 50 40" in html


def test_online_asks_for_the_persons_own_postcode(client, db):
    reach_where(client)

    response = client.post(page_url("where"), {"where": "online"}, follow=True)

    assert response.redirect_chain[-1][0] == page_url("home-postcode")
    assert "What is your postcode?" in response.content.decode()
    assert client.post(page_url("home-postcode"), {"home_postcode": ""})["Location"] == page_url("council-area")


def test_a_report_routed_by_council_area_records_the_choice(client, forces):
    answers = dict(
        DOMESTIC_ABUSE_ANSWERS, where="online", incident_postcode="", home_postcode="", council_area="E08000035"
    )
    use_draft(client, draft_with_answers(answers))

    send(client)

    report = Report.objects.get()
    assert report.force.code == "E23000010"
    assert (report.routing["rule"], report.routing["input"]["council_code"]) == ("area_choice", "E08000035")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sends_at_the_same_moment_make_one_report(client, forces):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]
    browsers = []
    for _ in range(4):
        browser = Client()
        browser.cookies = client.cookies
        browsers.append(browser)
    start = threading.Barrier(len(browsers))
    statuses = []

    def press_send(browser):
        try:
            start.wait(timeout=30)
            statuses.append(browser.post(CHECK, {"submission_key": key}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press_send, args=[browser]) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * len(browsers)
    assert Report.objects.count() == 1
    assert_one_outbox_message_per_subscriber(Report.objects.get())
