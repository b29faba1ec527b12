"""Every endpoint x every scope x the report's own force and another force.

0 leaks: another force's report is 404 for read, acknowledge and update (the same answer as a
reference that does not exist); a scope the client lacks is 403 before anything is looked
up; the list holds only the client's own force's reports. A URL added under /api/v1/
without an entry in ENDPOINTS fails the walk.
"""

import itertools

import pytest
from django.urls import get_resolver, reverse

from reporting.models import Report

from .conftest import ALL_SCOPES

# url name: (method, the scope it needs, a body, the status for the client's own report).
ENDPOINTS = {
    "api:reports": ("GET", "reports:read", None, 200),
    "api:report": ("GET", "reports:read", None, 200),
    "api:acknowledge": ("POST", "reports:ack", {"reference": "MET-CAD-0001"}, 201),
    "api:status": ("POST", "reports:update", {"status": "contact_made"}, 200),
}
PUBLIC = {"api:schema", "api:not_found"}
SCOPE_SETS = [(), *[(scope,) for scope in ALL_SCOPES], tuple(ALL_SCOPES)]


def test_every_api_url_is_in_the_matrix():
    api = get_resolver().url_patterns
    names = set()
    for pattern in api:
        if str(pattern.pattern) == "api/v1/":
            names = {f"api:{child.name}" for child in pattern.url_patterns}
    assert names and names == set(ENDPOINTS) | PUBLIC


def _url(name: str, report: Report | None) -> str:
    if name == "api:reports":
        return reverse(name)
    return reverse(name, args=[report.reference])


@pytest.mark.parametrize(("name", "scopes", "whose"), list(itertools.product(ENDPOINTS, SCOPE_SETS, ["own", "other"])))
def test_the_matrix(api, register, met_report, south_wales_report, name, scopes, whose):
    method, needs, body, own_status = ENDPOINTS[name]
    _client, credential = register("met", scopes)
    report = met_report if whose == "own" else south_wales_report
    url = _url(name, report)
    caller = api(credential)

    response = caller.get(url) if method == "GET" else caller.post(url, body)

    if needs not in scopes:
        expected = 403
    elif name == "api:reports" or whose == "own":
        expected = own_status
    else:
        expected = 404
    assert response.status_code == expected, response.content
    assert response["Content-Type"] == "application/json"
    assert south_wales_report.reference not in response.content.decode()
    if whose == "other":
        south_wales_report.refresh_from_db()
        assert south_wales_report.status == Report.Status.NEW
        assert not hasattr(south_wales_report, "acknowledgement")


@pytest.mark.parametrize("name", [name for name in ENDPOINTS if name != "api:reports"])
def test_another_forces_report_reads_like_one_that_does_not_exist(api, register, south_wales_report, name):
    method, _needs, body, _own = ENDPOINTS[name]
    _client, credential = register("met")
    caller = api(credential)

    def call(reference):
        url = reverse(name, args=[reference])
        return caller.get(url) if method == "GET" else caller.post(url, body)

    theirs, missing = call(south_wales_report.reference), call("ZZZZ-ZZZZ")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content


def test_the_list_holds_only_the_clients_own_force(api, register, met_report, south_wales_report):
    _met, met_credential = register("met", ["reports:read"])
    _sw, sw_credential = register("south_wales", ["reports:read"])

    met_list = api(met_credential).get(reverse("api:reports")).json()
    sw_list = api(sw_credential).get(reverse("api:reports")).json()

    assert [row["reference"] for row in met_list["results"]] == [met_report.reference]
    assert [row["reference"] for row in sw_list["results"]] == [south_wales_report.reference]
