"""The signposting tag, as a report's confirmation page would use it."""

from datetime import datetime

import pytest
import time_machine
from django.template import Context, Template

from support.opening_hours import LONDON

pytestmark = pytest.mark.usefixtures("national_services")

MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)
MONDAY_NIGHT = datetime(2026, 6, 1, 23, 0, tzinfo=LONDON)


def render(source: str, **context) -> str:
    return Template("{% load signposting %}" + source).render(Context(context))


def headings(page: str) -> list[str]:
    import re

    return re.findall(r'<h3 class="govuk-heading-m waymark-service__name">(.*?)</h3>', page)


def test_men_are_signposted_to_the_mens_advice_line_first_when_it_is_open():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        page = render("{% signposting needs force_code %}", needs={"domestic_abuse", "men"}, force_code=None)

    assert headings(page)[0] == "Men&#x27;s Advice Line"
    assert "<h2" in page and ">Support you can contact</h2>" in page


def test_needs_can_be_written_in_the_template_as_a_list_of_words():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        page = render('{% signposting "domestic_abuse, lgbt" %}')

    assert headings(page)[0] == "Galop National LGBT+ Domestic Abuse Helpline"


def test_after_a_recent_sexual_assault_sarcs_are_first():
    with time_machine.travel(MONDAY_NIGHT, tick=False):
        page = render('{% signposting "sexual_violence,recent_sexual_assault" %}')

    assert headings(page)[0] == "Sexual assault referral centres (SARCs)"


def test_services_open_now_come_first_and_closed_ones_say_when_they_open():
    with time_machine.travel(MONDAY_NIGHT, tick=False):
        page = render('{% signposting "domestic_abuse,men" %}')

    assert headings(page)[:2] == ["National Domestic Abuse Helpline", "Victim Support Supportline"]
    assert page.index("Open now") < page.index("Closed now")
    assert "Opens at 9am tomorrow." in page


def test_the_list_is_cut_short_and_links_to_the_directory():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        page = render('{% signposting "domestic_abuse,sexual_violence,stalking,any_crime" limit=2 %}')

    assert len(headings(page)) == 2
    assert 'href="/support-services/"' in page


def test_the_heading_level_fits_the_page():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        page = render('{% signposting "stalking" heading_level=3 %}')

    assert ">Support you can contact</h3>" in page
    assert '<h4 class="govuk-heading-m waymark-service__name">' in page


def test_local_services_of_the_report_force_are_included(local_service):
    local_service(name="Westminster IDVA service", always_open=True)

    with time_machine.travel(MONDAY_MORNING, tick=False):
        page = render('{% signposting "domestic_abuse" "E23000001" %}')

    assert "Westminster IDVA service" in page


def test_nothing_is_rendered_when_nothing_matches():
    page = render('{% signposting "own_behaviour,stalking" %}')

    assert page.strip() == ""
