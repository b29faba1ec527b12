"""The outage page a failed press of Send shows ("may not have been sent, answers kept") is
accessible, as every public page is."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import handler500, urlpatterns  # noqa: F401 - the real error handler too
from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.urls(__name__)


@csrf_exempt
def sending(request):
    """Check your answers, as far as the error handler can tell (its URL name), while the
    database is down."""
    if request.method == "POST":
        raise OperationalError("could not connect to server")
    return HttpResponse('<!doctype html><title>Send</title><form method="post"><button>Send</button></form>')


urlpatterns = [*urlpatterns, path("test-errors/sending/", sending, name="journey_check_answers")]


def test_the_not_sent_outage_page_has_no_accessibility_violations(page):
    page.goto("/test-errors/sending/")
    page.get_by_role("button", name="Send").click()

    assert page.title().startswith("May not have been sent:")
    assert page.get_by_role("heading", level=1).inner_text() == "Sorry, the service is unavailable"
    assert page.get_by_text("may not have been sent").is_visible()
    assert page.get_by_role("button", name="Emergency Exit this page").is_visible()
    assert_accessible(page)
