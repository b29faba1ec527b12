"""Find support without reporting, and the directory, through Django's test client.

The answers are posted and kept in the session on the server (which ends when the browser
closes, after 30 minutes without a page, or at "Exit this page"), so no URL, and so no
entry in the browser's history, ever carries one."""

import re
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from support.opening_hours import LONDON

MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)

pytestmark = [pytest.mark.usefixtures("national_services"), pytest.mark.django_db]

QUESTION_URLS = ("question_help", "question_who", "question_recent", "where", "question_area", "results")
ANSWER_VALUES = ("domestic_abuse", "sexual_violence", "stalking", "someone_else", "own_behaviour", "E23000001")


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def html(response) -> str:
    return response.content.decode()


def answer(client, name: str, data: dict) -> str:
    """Posts one answer and returns where it sends the visitor, checked to carry nothing."""
    response = client.post(reverse(f"support:{name}"), data)
    assert response.status_code == 303, html(response)
    assert "?" not in response["Location"]
    return response["Location"]


def test_the_start_page_starts_the_questions_and_links_to_the_directory(client):
    page = html(client.get(reverse("support:find_support")))

    assert reverse("support:question_help") in page
    assert reverse("support:directory") in page


def test_the_whole_journey_ends_with_matching_services_open_now_first(client):
    assert answer(client, "question_help", {"help": "sexual_violence"}) == reverse("support:question_who")
    assert answer(client, "question_who", {"who": "me"}) == reverse("support:question_recent")
    assert answer(client, "question_recent", {"recent": "yes"}) == reverse("support:where")
    assert answer(client, "where", {"postcode": "SW1A 1AA"}) == reverse("support:results")
    page = html(client.get(reverse("support:results")))

    assert "Services that can help" in page
    assert page.index("Sexual assault referral centres (SARCs)") < page.index("Rape Crisis 24/7")
    assert "a sexual assault referral centre (SARC) can give you medical care" in page
    assert "Metropolitan Police Service area" in page


def test_no_link_or_form_on_any_page_carries_an_answer(client):
    answer(client, "question_help", {"help": ["domestic_abuse", "sexual_violence"]})
    answer(client, "question_who", {"who": "someone_else"})
    answer(client, "question_recent", {"recent": "yes"})
    answer(client, "where", {"postcode": "SW1A 1AA"})

    for name in QUESTION_URLS:
        page = html(client.get(reverse(f"support:{name}")))
        for url in re.findall(r'(?:href|action)="([^"]*)"', page):
            assert not any(value in url for value in ANSWER_VALUES), (name, url)
        assert 'method="get"' not in page, name


@pytest.mark.parametrize("name", QUESTION_URLS[:-1])
def test_every_question_is_posted_with_a_csrf_token(client, name):
    answer(client, "question_help", {"help": "sexual_violence"})

    page = html(client.get(reverse(f"support:{name}")))

    assert 'method="post"' in page
    assert "csrfmiddlewaretoken" in page


def test_answers_in_a_query_string_are_ignored(client):
    response = client.get(reverse("support:results"), {"help": "domestic_abuse", "who": "me"})

    assert response.status_code == 302
    assert response["Location"] == reverse("support:question_help")


@pytest.mark.parametrize("name", ["find_support", *QUESTION_URLS])
def test_page_titles_say_only_find_support(client, name):
    answer(client, "question_help", {"help": "sexual_violence"})
    answer(client, "question_who", {"who": "me"})

    page = html(client.get(reverse(f"support:{name}")))

    assert re.search("<title>\\s*Find support \u2013", page), name


def test_an_error_title_stays_neutral(client):
    page = html(client.post(reverse("support:question_help"), {}))

    assert re.search("<title>\\s*Error: Find support \u2013", page)


def test_answering_nothing_shows_an_error_linked_to_the_first_option(client):
    response = client.post(reverse("support:question_help"), {})

    page = html(response)
    assert response.status_code == 200
    assert '<a href="#id_help_1">Select what you want help with</a>' in page
    assert 'id="id_help_1"' in page


def test_the_who_question_needs_an_answer(client):
    answer(client, "question_help", {"help": "stalking"})

    page = html(client.post(reverse("support:question_who"), {}))

    assert '<a href="#id_who_1">Select who the help is for</a>' in page


def test_the_question_about_the_last_7_days_is_only_asked_about_sexual_violence(client):
    answer(client, "question_help", {"help": "stalking"})
    assert answer(client, "question_who", {"who": "me"}) == reverse("support:where")

    answer(client, "question_help", {"help": "sexual_violence"})
    assert answer(client, "question_who", {"who": "own_behaviour"}) == reverse("support:where")


@pytest.mark.parametrize("name", ["question_who", "question_recent", "where", "question_area", "results"])
def test_later_pages_without_a_first_answer_go_back_to_the_first_question(client, name):
    response = client.get(reverse(f"support:{name}"))

    assert response.status_code == 302
    assert response["Location"] == reverse("support:question_help")


def test_a_stored_answer_that_is_no_longer_valid_is_not_trusted(client):
    session = client.session
    session["find_support"] = {"help": ["martians"]}
    session.save()

    response = client.get(reverse("support:results"))

    assert response["Location"] == reverse("support:question_help")


def test_a_previous_answer_is_shown_again_when_going_back(client):
    answer(client, "question_help", {"help": "stalking"})
    answer(client, "question_who", {"who": "me"})

    page = html(client.get(reverse("support:question_help")))

    assert re.search(r'value="stalking"\s+checked', page)
    assert not re.search(r'value="domestic_abuse"\s+checked', page)
    assert 'type="hidden" name="who"' not in page


def test_a_postcode_is_turned_into_a_force_area_and_the_postcode_is_not_kept(client):
    answer(client, "question_help", {"help": "domestic_abuse"})

    assert answer(client, "where", {"postcode": "sw1a1aa"}) == reverse("support:results")

    assert client.session["find_support"] == {"help": ["domestic_abuse"], "area": "E23000001"}


def test_a_blank_postcode_skips_local_services(client):
    answer(client, "question_help", {"help": "domestic_abuse"})
    answer(client, "where", {"postcode": "SW1A 1AA"})

    answer(client, "where", {"postcode": " "})

    assert "area" not in client.session["find_support"]


def test_a_postcode_near_a_boundary_asks_which_area(client):
    answer(client, "question_help", {"help": "domestic_abuse"})

    response = client.post(reverse("support:where"), {"postcode": "B38 8AA"})

    page = html(response)
    assert response.status_code == 200
    assert "more than one area" in page
    assert f'action="{reverse("support:question_area")}"' in page
    assert 'type="radio"' in page
    assert "B38" not in page


def test_choosing_an_area_keeps_its_code_for_the_results(client):
    answer(client, "question_help", {"help": "domestic_abuse"})

    assert answer(client, "question_area", {"area": "E23000001"}) == reverse("support:results")

    assert client.session["find_support"]["area"] == "E23000001"


@pytest.mark.parametrize(
    ("postcode", "error"),
    [
        ("not a postcode", "Enter a postcode, like AA1 1AA, or leave it blank"),
        ("12345", "Enter a postcode, like AA1 1AA, or leave it blank"),
        ("ZZ99 9ZZ", "We do not recognise"),
    ],
)
def test_a_postcode_we_cannot_use_is_an_error_beside_the_field(client, postcode, error):
    answer(client, "question_help", {"help": "domestic_abuse"})

    response = client.post(reverse("support:where"), {"postcode": postcode})

    page = html(response)
    assert response.status_code == 200
    assert error in page
    assert '<a href="#id_postcode">' in page
    assert "govuk-form-group--error" in page


def test_a_scottish_postcode_says_local_services_are_only_listed_in_england_and_wales(client):
    answer(client, "question_help", {"help": "domestic_abuse"})
    answer(client, "where", {"postcode": "EH1 1AA"})

    page = html(client.get(reverse("support:results")))
    assert "We only list local services in England and Wales" in page


def test_exit_this_page_forgets_the_answers(client):
    answer(client, "question_help", {"help": "domestic_abuse"})

    client.get(reverse("portal:exit"))

    assert client.get(reverse("support:results"))["Location"] == reverse("support:question_help")


def choose(client, **answers) -> None:
    session = client.session
    session["find_support"] = answers
    session.save()


def test_results_list_the_local_services_of_the_chosen_area(client, local_service):
    local_service(name="Westminster advocacy service", always_open=True)
    choose(client, help=["domestic_abuse"], area="E23000001")

    page = html(client.get(reverse("support:results")))

    assert "Westminster advocacy service" in page
    assert "Local service for the Metropolitan Police Service area" in page


def test_results_split_open_now_from_not_open_now(client):
    with time_machine.travel(datetime(2026, 6, 1, 23, 0, tzinfo=LONDON), tick=False):
        choose(client, help=["stalking"])
        page = html(client.get(reverse("support:results")))

    open_now, not_open = page.index(">Open now</h2>"), page.index(">Not open now</h2>")
    assert open_now < page.index("Victim Support Supportline") < not_open < page.index("National Stalking Helpline")
    assert "Opens at 9:30am tomorrow." in page


def test_phone_numbers_can_be_tapped_and_are_read_digit_by_digit(client):
    choose(client, help=["domestic_abuse"])
    page = html(client.get(reverse("support:results")))

    assert (
        '<a class="govuk-link waymark-phone" href="tel:+448082000247"><span aria-hidden="true">0808 2000 247</span>'
        '<span class="govuk-visually-hidden">0 8 0 8 2 0 0 0 2 4 7</span></a>'
    ) in page


def test_the_results_page_runs_a_fixed_number_of_queries(client, local_service, django_assert_max_num_queries):
    choose(client, help=["domestic_abuse"], who="me", area="E23000001")
    # The session (read, then saved again in a savepoint, as every request does), then the
    # services and their hours: six, however many services there are.
    with django_assert_max_num_queries(6):
        client.get(reverse("support:results"))
    for _ in range(10):
        local_service(periods=[(0, "09:00", "17:00"), (2, "18:00", "02:00")], bank_holidays="closed")

    with django_assert_max_num_queries(6):
        page = html(client.get(reverse("support:results")))
    assert page.count("Local service for the") == 10


def test_the_directory_runs_a_fixed_number_of_queries(client, local_service, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(reverse("support:directory"))
    for _ in range(10):
        local_service(periods=[(0, "09:00", "17:00")], categories=["domestic_abuse", "stalking"])

    with django_assert_max_num_queries(2):
        page = html(client.get(reverse("support:directory")))
    assert page.count("Local service for the") == 20


def test_the_directory_groups_services_by_who_they_are_for(client):
    page = html(client.get(reverse("support:directory")))

    for heading in [
        "Domestic abuse",
        "Men",
        "LGBT+ people",
        "Children and young people",
        "Stalking and harassment",
        "Honour-based abuse and forced marriage",
        "People worried about their own behaviour",
        "Deaf people and British Sign Language users",
    ]:
        assert f">{heading}</h2>" in page, heading
    men = page.index('id="men"')
    assert men < page.index("Men&#x27;s Advice Line", men) < page.index('id="lgbt"')


@pytest.mark.parametrize("name", ["find_support", "results", "directory"])
def test_pages_that_only_show_things_refuse_posts(client, name):
    assert client.post(reverse(f"support:{name}")).status_code == 405


@pytest.mark.parametrize("name", ["find_support", "question_help", "where", "directory"])
def test_every_find_support_page_offers_999_and_exit(client, name):
    choose(client, help=["domestic_abuse"])
    page = html(client.get(reverse(f"support:{name}")))

    assert 'href="tel:999"' in page
    assert reverse("portal:exit") in page
