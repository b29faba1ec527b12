"""Who can reach what: a matrix over every URL pattern, so a view added later is checked the
day it is written.

- Every /agency/ URL, for another agency's referral: "not found" to any other agency's staff
  and to force staff, for GET and POST alike; found by the agency's own staff.
- Every /staff/ URL (the force's views, the admin, whatever exists), for a report of the
  force an agency serves: nothing for agency staff, except signing in and out and their own
  account pages.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.models import AuditEvent
from support.models import Referral
from tests.factories import DOMESTIC_ABUSE_ANSWERS, agency_user, referred_report, signed_in, staff_user, support_agency

MET = "E23000001"


def routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def filled(route: str, *, uuid: str, reference: str = "sample") -> str:
    """A real path for a route: every UUID parameter is the given object's id, a parameter
    named ``reference`` the report's reference, others sample values (a regex route's first
    alternative)."""
    route = re.sub(
        r"\(\?P<\w+>([^)]*)\)",
        lambda m: m.group(1).split("|")[0] if re.fullmatch(r"[\w|]+", m.group(1)) else "1",
        route,
    )

    def value(match) -> str:
        converter, name = match.group(1), match.group(2)
        if converter == "uuid":
            return uuid
        if name == "reference":
            return reference
        return "1" if converter in ("int", "path") else "sample"

    route = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    return "/" + route.replace("^", "").replace("$", "").replace("\\", "")


AGENCY_ROUTES = sorted(route for route in routes() if route.startswith("agency/"))
STAFF_ROUTES = sorted(route for route in routes() if route.startswith("staff/"))

#: What agency staff may open under /staff/: signing in and out, and their own account.
AGENCY_STAFF_ALLOWED = {
    reverse("portal:staff_sign_in"),
    reverse("portal:staff_verify"),
    reverse("portal:staff_set_up"),
    reverse("portal:staff_sign_out"),
    reverse("portal:staff_backup_codes"),
    # An enrolment link is a sign-in step: it opens nothing but the sign-in page.
    reverse("portal:staff_enrol", args=["sample"]),
    # "Stay signed in" in the timeout warning: it renews their own session, and shows nothing.
    reverse("portal:staff_keep_alive"),
    reverse("admin:login"),
    reverse("admin:logout"),
    # The staff home sends agency staff on to their inbox.
    reverse("portal:staff_home"),
}


def test_the_matrix_covers_every_agency_view():
    assert AGENCY_ROUTES == [
        "agency/",
        "agency/referrals/<uuid:referral_id>/",
        "agency/referrals/<uuid:referral_id>/accept/",
        "agency/referrals/<uuid:referral_id>/decline/",
        "agency/referrals/<uuid:referral_id>/first-contact/",
    ]
    assert "staff/referrals/<uuid:report_id>/new/" in STAFF_ROUTES


@pytest.fixture
def world(forces):
    """Two agencies in the same force area, each with a referral of the same report, and
    a member of staff each; and an officer of the force."""
    ours = support_agency("Ours", routes=((MET, "domestic_abuse"),))
    theirs = support_agency("Theirs", routes=((MET, "victim_support"),))
    report = referred_report(
        dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service", "victim_service"])
    )
    return {
        "report": report,
        "ours": Referral.objects.get(report=report, agency=ours),
        "theirs": Referral.objects.get(report=report, agency=theirs),
        "our_worker": agency_user(ours, username="our-worker"),
        "their_worker": agency_user(theirs, username="their-worker"),
        "officer": staff_user(username="met-officer", force_code=MET),
    }


def responses(client, path):
    return [("GET", client.get(path)), ("POST", client.post(path, {"reason": "x", "note": "x"}))]


def refused(answers, *, allowed=(404,)) -> bool:
    """Every method the view takes was refused with one of the allowed codes; a method it
    does not take at all (405, whatever the object) says nothing about the object."""
    codes = [response.status_code for _method, response in answers]
    return all(code in (*allowed, 405) for code in codes) and any(code in allowed for code in codes)


@pytest.mark.parametrize("route", [r for r in AGENCY_ROUTES if "<" in r])
def test_another_agencys_referral_is_not_found_at_any_agency_url(client, world, route):
    signed_in(client, world["our_worker"])
    theirs = filled(route, uuid=str(world["theirs"].pk))

    answers = responses(client, theirs)
    assert refused(answers), [(method, response.status_code) for method, response in answers]
    assert Referral.objects.get(pk=world["theirs"].pk).status == Referral.Status.NEW
    assert not AuditEvent.objects.filter(object_id=str(world["theirs"].pk)).exists()

    # The same URL for the agency's own referral works: the 404 above is the scoping.
    ours = filled(route, uuid=str(world["ours"].pk))
    assert client.get(ours).status_code in (200, 302, 405), ours


def test_the_inbox_shows_only_the_agencys_own_referrals(client, world):
    signed_in(client, world["our_worker"])

    page = client.get(reverse("support:agency_inbox")).content.decode()

    assert str(world["ours"].pk) in page
    assert str(world["theirs"].pk) not in page


@pytest.mark.parametrize("route", AGENCY_ROUTES)
def test_force_staff_reach_nothing_at_any_agency_url(client, world, route):
    signed_in(client, world["officer"])
    path = filled(route, uuid=str(world["ours"].pk))

    answers = responses(client, path)
    assert refused(answers), [(method, response.status_code) for method, response in answers]
    assert Referral.objects.get(pk=world["ours"].pk).status == Referral.Status.NEW


@pytest.mark.parametrize("route", STAFF_ROUTES)
def test_agency_staff_reach_nothing_under_staff_but_their_sign_in_and_account(client, world, route):
    signed_in(client, world["our_worker"])
    path = filled(route, uuid=str(world["report"].pk), reference=world["report"].reference)
    if path in AGENCY_STAFF_ALLOWED:
        return

    for method, response in responses(client, path):
        if response.status_code == 302:
            # Only ever away from the data: the admin's own sign-in, or the agency's inbox.
            assert response["Location"].startswith(("/staff/admin/login/", "/agency/")), (method, path)
        else:
            assert response.status_code in (403, 404, 405), (method, path, response.status_code)
        assert world["report"].reference not in response.content.decode(), (method, path)
    assert Referral.objects.filter(report=world["report"]).count() == 2


def test_an_officer_of_another_force_cannot_refer_the_report(client, world):
    stranger = staff_user(username="stranger", force_code="W15000003")
    signed_in(client, stranger)
    path = reverse("support:officer_referral_new", args=[world["report"].pk])

    for method, response in responses(client, path):
        assert response.status_code == 404, method
    assert client.get(reverse("support:force_referrals")).content.decode().count(world["report"].reference) == 0


def test_agency_staff_cannot_sign_their_way_past_the_second_factor(client, world):
    client.post(reverse("portal:staff_sign_in"), {"username": "our-worker", "password": "correct horse battery staple"})

    response = client.get(reverse("support:agency_referral", args=[world["ours"].pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:staff_verify"))
