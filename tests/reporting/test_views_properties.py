"""Property-based tests: every page of the domestic abuse journey, fed anything at all (very
long text, any Unicode, control characters, HTML and script), answers with a validation
message or saves the answer; never a server error, and nothing typed comes back unescaped
(`check_any_input`, shared by every journey). And any return code gets a message."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from reporting.journeys.domestic_abuse import DOMESTIC_ABUSE
from tests.factories import journey_state_reaching
from tests.reporting.test_journey_engine_properties import PROBE, anything, check_any_input


def test_the_answer_sets_reach_every_page():
    for page in DOMESTIC_ABUSE.pages:
        assert journey_state_reaching(page.slug, journey=DOMESTIC_ABUSE.slug)


@pytest.mark.parametrize("slug", [page.slug for page in DOMESTIC_ABUSE.pages])
def test_any_input_gets_a_message_or_is_saved_never_an_error(client, db, slug):
    check_any_input(client, DOMESTIC_ABUSE.slug, slug)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=anything)
def test_any_return_code_gets_a_message_never_an_error(client, db, code):
    response = client.post(reverse("reporting:journey_resume", args=[DOMESTIC_ABUSE.slug]), {"code": code})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert PROBE not in response.content.decode()
