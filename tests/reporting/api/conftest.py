"""Fixtures for the API tests: the Met and South Wales forces, a report in each force's
queue, and a way to register a force system with the scopes a test needs."""

import json

import pytest

from reporting.models import Force
from tests.factories import MET, SOUTH_WALES, SOUTH_WALES_ANSWERS, grade_schemes, queued_report

ALL_SCOPES = ["reports:read", "reports:ack", "reports:update"]


@pytest.fixture
def two_forces(forces):
    grade_schemes()
    return {"met": Force.objects.get(code=MET), "south_wales": Force.objects.get(code=SOUTH_WALES)}


@pytest.fixture
def met_report(two_forces):
    return queued_report()


@pytest.fixture
def south_wales_report(two_forces):
    return queued_report(SOUTH_WALES_ANSWERS)


@pytest.fixture
def register(two_forces):
    """register(force="met", scopes=[...], **options) -> (ApiClient, credential)."""
    from reporting.api.services import api_client_register

    def make(force: str = "met", scopes=tuple(ALL_SCOPES), **options):
        return api_client_register(
            force=two_forces[force],
            name=f"{force} RMS",
            purpose="Creating records in the force system",
            scopes=list(scopes),
            **options,
        )

    return make


class Api:
    """The Django test client speaking to /api/v1/ with a credential."""

    def __init__(self, client, credential: str | None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {credential}"} if credential else {}

    def get(self, path: str, **params):
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: dict):
        return self.client.post(path, json.dumps(body), content_type="application/json", **self.headers)


@pytest.fixture
def api(client):
    return lambda credential: Api(client, credential)
