"""Who may call: a wrong, missing, malformed or suspended credential, or a call from outside
the client's allow-list, all get the same 401 with the same words; the secret is kept only
hashed, and never reaches a log line or the audit trail."""

import io
import logging
from logging.config import dictConfig

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from portal.logs import logging_config
from portal.models import AuditEvent
from reporting.api.models import ApiClient
from reporting.api.services import api_client_secret_issue, api_client_suspend


def _bad_credentials(credential: str) -> dict[str, dict]:
    client_id, secret = credential.split(".", 1)
    return {
        "none": {},
        "not bearer": {"HTTP_AUTHORIZATION": f"Basic {credential}"},
        "no secret": {"HTTP_AUTHORIZATION": f"Bearer {client_id}"},
        "unknown client": {"HTTP_AUTHORIZATION": f"Bearer 0000000000000000.{secret}"},
        "wrong secret": {"HTTP_AUTHORIZATION": f"Bearer {client_id}.{secret[:-2]}xx"},
        "three parts": {"HTTP_AUTHORIZATION": f"Bearer {credential} extra"},
        "not ascii": {"HTTP_AUTHORIZATION": "Bearer caf\u00e9.secret"},
    }


def test_every_wrong_credential_gets_the_same_401(client, register, met_report):
    _client, credential = register("met")
    url = reverse("api:report", args=[met_report.reference])

    responses = {name: client.get(url, **headers) for name, headers in _bad_credentials(credential).items()}

    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 401)
    assert len({r.content for r in responses.values()}) == 1
    assert all(r["WWW-Authenticate"] == "Bearer" for r in responses.values())
    assert b"What happened" not in next(iter(responses.values())).content


def test_a_suspended_client_is_refused_at_once_like_a_wrong_credential(client, register, met_report):
    api_client, credential = register("met")
    url = reverse("api:report", args=[met_report.reference])
    before = client.get(url, HTTP_AUTHORIZATION=f"Bearer {credential}")

    api_client_suspend(client=api_client)
    after = client.get(url, HTTP_AUTHORIZATION=f"Bearer {credential}")
    wrong = client.get(url, HTTP_AUTHORIZATION="Bearer 0000000000000000.nothing")

    assert before.status_code == 200
    assert after.status_code == 401
    assert after.content == wrong.content


def test_a_new_secret_replaces_the_old_one_at_once(client, register, met_report):
    api_client, old = register("met")
    new = api_client_secret_issue(client=api_client)
    url = reverse("api:reports")

    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {old}").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {new}").status_code == 200


def test_the_allow_list_admits_only_its_networks(client, register, met_report, settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["10.0.0.1"]
    _client, credential = register("met", allowed_networks=["192.0.2.0/24"])
    url = reverse("api:reports")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {credential}", "REMOTE_ADDR": "10.0.0.1"}

    inside = client.get(url, HTTP_X_FORWARDED_FOR="192.0.2.7", **headers)
    outside = client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **headers)
    # Not through the trusted proxy: the header is not believed.
    spoofed = client.get(
        url, HTTP_X_FORWARDED_FOR="192.0.2.7", REMOTE_ADDR="198.51.100.9", HTTP_AUTHORIZATION=f"Bearer {credential}"
    )

    assert inside.status_code == 200
    assert outside.status_code == spoofed.status_code == 401


def test_the_secret_is_kept_only_hashed(register):
    api_client, credential = register("met")
    secret = credential.split(".", 1)[1]
    stored = ApiClient.objects.filter(pk=api_client.pk).values().get()

    assert len(secret) >= 43  # 32 random bytes
    assert all(secret not in str(value) for value in stored.values())
    assert api_client.user.has_usable_password() is False and api_client.user.is_active is False


@pytest.fixture
def every_log_line():
    """The real logging configuration at DEBUG, every logger into one buffer."""
    stream = io.StringIO()
    config = logging_config(json_lines=True, level="DEBUG")
    config["handlers"]["console"]["stream"] = stream
    dictConfig(config)
    root = logging.getLogger()
    handler = logging.StreamHandler(stream)
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        dictConfig(django_settings.LOGGING)


def test_credentials_never_reach_the_logs_or_the_audit(client, register, met_report, every_log_line, caplog):
    caplog.set_level(logging.DEBUG)
    _client, credential = register("met")
    secret = credential.split(".", 1)[1]
    detail = reverse("api:report", args=[met_report.reference])
    for headers in [{"HTTP_AUTHORIZATION": f"Bearer {credential}"}, *_bad_credentials(credential).values()]:
        client.get(detail, **headers)
        client.post(
            reverse("api:acknowledge", args=[met_report.reference]),
            "{not json",
            content_type="application/json",
            **headers,
        )
        client.get(reverse("api:report", args=["ZZZZ-ZZZZ"]), **headers)

    logged = every_log_line.getvalue() + caplog.text
    assert "Unauthorized" in logged or "Not Found" in logged, "nothing was captured"
    assert secret[:16] not in logged and credential not in logged
    assert not any(secret in (event.reason or "") for event in AuditEvent.objects.all())
