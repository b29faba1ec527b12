"""Find support without reporting, and the directory, through Django's test client."""

import re
from datetime import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from support.opening_hours import LONDON

MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)

pytestmark = [pytest.mark.usefixtures("national_services"), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def html(response) -> str:
    return response.content.decode()


def test_the_start_page_starts_the_questions_and_links_to_the_directory(client):
    page = html(client.get(reverse("support:find_support")))

    assert reverse("support:question_help") in page
    assert reverse("support:directory") in page


def test_the_whole_journey_ends_with_matching_services_open_now_first(client):
    response = client.get(reverse("support:question_help"), {"help": "sexual_violence", "continue": "1"})
    assert response.status_code == 302
    response = client.get(response["Location"] + "&who=me&continue=1")
    assert response["Location"].startswith(reverse("support:question_recent"))
    response = client.get(response["Location"] + "&recent=yes&continue=1")
    assert response["Location"].startswith(reverse("support:where"))
    response = client.post(
        reverse("support:where"), {"help": "sexual_violence", "who": "me", "recent": "yes", "postcode": "SW1A 1AA"}
    )
    assert response.status_code == 303
    page = html(client.get(response["Location"]))

    assert "Services that can help" in page
    assert page.index("Sexual assault referral centres (SARCs)") < page.index("Rape Crisis 24/7")
    assert "a sexual assault referral centre (SARC) can give you medical care" in page
    assert "Metropolitan Police Service area" in page


def test_answering_nothing_shows_an_error_linked_to_the_first_option(client):
    response = client.get(reverse("support:question_help"), {"continue": "1"})

    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: What do you want help with?" in page
    assert '<a href="#id_help_1">Select what you want help with</a>' in page
    assert 'id="id_help_1"' in page


def test_the_who_question_needs_an_answer(client):
    page = html(client.get(reverse("support:question_who"), {"help": "stalking", "continue": "1"}))

    assert '<a href="#id_who_1">Select who the help is for</a>' in page


def test_the_question_about_the_last_7_days_is_only_asked_about_sexual_violence(client):
    stalking = client.get(reverse("support:question_who"), {"help": "stalking", "who": "me", "continue": "1"})
    own = client.get(
        reverse("support:question_who"), {"help": "sexual_violence", "who": "own_behaviour", "continue": "1"}
    )

    assert stalking["Location"].startswith(reverse("support:where"))
    assert own["Location"].startswith(reverse("support:where"))


@pytest.mark.parametrize("name", ["question_who", "question_recent", "where", "question_area", "results"])
@pytest.mark.parametrize("query", [{}, {"help": "martians"}])
def test_later_pages_without_a_valid_first_answer_go_back_to_the_first_question(client, name, query):
    response = client.get(reverse(f"support:{name}"), query)

    assert response.status_code == 302
    assert response["Location"] == reverse("support:question_help")


def test_a_previous_answer_is_shown_again_when_going_back(client):
    page = html(client.get(reverse("support:question_help"), {"help": "stalking", "who": "me"}))

    assert re.search(r'value="stalking"\s+checked', page)
    assert not re.search(r'value="domestic_abuse"\s+checked', page)
    assert '<input type="hidden" name="who" value="me">' in page


def test_a_postcode_is_turned_into_a_force_area_and_never_put_in_the_url(client):
    response = client.post(reverse("support:where"), {"help": "domestic_abuse", "who": "me", "postcode": "sw1a1aa"})

    assert response.status_code == 303
    assert response["Location"] == reverse("support:results") + "?help=domestic_abuse&who=me&area=E23000001"


def test_the_postcode_page_posts_without_a_csrf_token(client):
    page = html(client.get(reverse("support:where"), {"help": "domestic_abuse", "who": "me"}))

    assert 'method="post"' in page
    assert "csrfmiddlewaretoken" not in page
    assert client.post(reverse("support:where"), {"help": "domestic_abuse", "postcode": ""}).status_code == 303


def test_a_blank_postcode_skips_local_services(client):
    response = client.post(reverse("support:where"), {"help": "domestic_abuse", "who": "me", "postcode": " "})

    assert response["Location"] == reverse("support:results") + "?help=domestic_abuse&who=me"


def test_a_postcode_near_a_boundary_asks_which_area(client):
    response = client.post(reverse("support:where"), {"help": "domestic_abuse", "postcode": "B38 8AA"})

    page = html(response)
    assert response.status_code == 200
    assert "more than one area" in page
    assert f'action="{reverse("support:question_area")}"' in page
    assert 'type="radio"' in page
    assert "B38" not in page


def test_choosing_an_area_adds_its_code_to_the_results_address(client):
    response = client.get(
        reverse("support:question_area"), {"help": "domestic_abuse", "area": "E23000001", "continue": "1"}
    )

    assert response["Location"] == reverse("support:results") + "?help=domestic_abuse&area=E23000001"


@pytest.mark.parametrize(
    ("postcode", "error"),
    [
        ("not a postcode", "Enter a postcode, like AA1 1AA, or leave it blank"),
        ("12345", "Enter a postcode, like AA1 1AA, or leave it blank"),
        ("ZZ99 9ZZ", "We do not recognise"),
    ],
)
def test_a_postcode_we_cannot_use_is_an_error_beside_the_field(client, postcode, error):
    response = client.post(reverse("support:where"), {"help": "domestic_abuse", "postcode": postcode})

    page = html(response)
    assert response.status_code == 200
    assert error in page
    assert '<a href="#id_postcode">' in page
    assert "govuk-form-group--error" in page


def test_a_scottish_postcode_says_local_services_are_only_listed_in_england_and_wales(client):
    response = client.post(reverse("support:where"), {"help": "domestic_abuse", "postcode": "EH1 1AA"})

    page = html(client.get(response["Location"]))
    assert "We only list local services in England and Wales" in page


def test_results_list_the_local_services_of_the_chosen_area(client, local_service):
    local_service(name="Westminster advocacy service", always_open=True)

    page = html(client.get(reverse("support:results"), {"help": "domestic_abuse", "area": "E23000001"}))

    assert "Westminster advocacy service" in page
    assert "Local service for the Metropolitan Police Service area" in page


def test_results_split_open_now_from_not_open_now(client):
    with time_machine.travel(datetime(2026, 6, 1, 23, 0, tzinfo=LONDON), tick=False):
        page = html(client.get(reverse("support:results"), {"help": "stalking"}))

    open_now, not_open = page.index(">Open now</h2>"), page.index(">Not open now</h2>")
    assert open_now < page.index("Victim Support Supportline") < not_open < page.index("National Stalking Helpline")
    assert "Opens at 9:30am tomorrow." in page


def test_phone_numbers_can_be_tapped_and_are_read_digit_by_digit(client):
    page = html(client.get(reverse("support:results"), {"help": "domestic_abuse"}))

    assert (
        '<a class="govuk-link waymark-phone" href="tel:+448082000247"><span aria-hidden="true">0808 2000 247</span>'
        '<span class="govuk-visually-hidden">0 8 0 8 2 0 0 0 2 4 7</span></a>'
    ) in page


def test_using_find_support_writes_nothing_to_the_database_or_the_session(client):
    steps = [
        ("get", reverse("support:find_support"), {}),
        ("get", reverse("support:question_help"), {}),
        ("get", reverse("support:question_help"), {"continue": "1"}),
        ("get", reverse("support:question_help"), {"help": "domestic_abuse", "continue": "1"}),
        ("get", reverse("support:question_who"), {"help": "domestic_abuse", "who": "someone_else", "continue": "1"}),
        ("get", reverse("support:where"), {"help": "domestic_abuse", "who": "someone_else"}),
        ("post", reverse("support:where"), {"help": "domestic_abuse", "postcode": "not a postcode"}),
        ("post", reverse("support:where"), {"help": "domestic_abuse", "postcode": "B38 8AA"}),
        ("post", reverse("support:where"), {"help": "domestic_abuse", "who": "someone_else", "postcode": "SW1A 1AA"}),
        ("get", reverse("support:question_area"), {"help": "domestic_abuse", "area": "E23000001", "continue": "1"}),
        ("get", reverse("support:results"), {"help": "domestic_abuse", "who": "someone_else", "area": "E23000001"}),
        ("get", reverse("support:directory"), {}),
    ]
    with CaptureQueriesContext(connection) as queries:
        for method, url, data in steps:
            response = getattr(client, method)(url, data)
            assert response.status_code in (200, 302, 303), url
            assert not response.cookies, url

    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert writes == []
    assert Session.objects.count() == 0
    assert not client.cookies


def test_the_results_page_runs_a_fixed_number_of_queries(client, local_service, django_assert_max_num_queries):
    query = {"help": "domestic_abuse", "who": "me", "area": "E23000001"}
    with django_assert_max_num_queries(2):
        client.get(reverse("support:results"), query)
    for _ in range(10):
        local_service(periods=[(0, "09:00", "17:00"), (2, "18:00", "02:00")], bank_holidays="closed")

    with django_assert_max_num_queries(2):
        page = html(client.get(reverse("support:results"), query))
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


@pytest.mark.parametrize("name", ["find_support", "question_help", "results", "directory"])
def test_pages_that_only_show_things_refuse_posts(client, name):
    assert client.post(reverse(f"support:{name}")).status_code == 405


@pytest.mark.parametrize("name", ["find_support", "question_help", "where", "directory"])
def test_every_find_support_page_offers_999_and_exit(client, name):
    page = html(client.get(reverse(f"support:{name}"), {"help": "domestic_abuse"}))

    assert 'href="tel:999"' in page
    assert reverse("portal:exit") in page
