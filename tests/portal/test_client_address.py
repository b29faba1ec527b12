"""The client's address behind trusted proxies, used by every rate limit."""

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from portal.net import client_address
from tests.factories import staff_user
from tests.reporting.test_return_code_limits import refused_as_too_many

PROXY = "10.0.0.5"
RESUME = reverse("reporting:journey_resume", args=["domestic-abuse"])


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.fixture
def behind_proxy(settings):
    settings.WAYMARK_TRUSTED_PROXIES = [PROXY, "192.168.0.0/24"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.WAYMARK_TRUSTED_PROXIES = []

    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_an_untrusted_peer_cannot_choose_its_address(behind_proxy):
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_trusted_proxy_gives_the_client_it_saw(behind_proxy):
    assert client_address(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"


def test_what_the_client_wrote_before_the_proxy_is_not_believed(behind_proxy):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_the_walk_goes_through_each_trusted_proxy(behind_proxy):
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.1, 192.168.0.7")) == "198.51.100.1"


def test_a_hop_that_is_not_an_address_stops_the_walk(behind_proxy):
    assert client_address(request_from(PROXY, "198.51.100.1, not-an-address")) == PROXY
    assert client_address(request_from(PROXY)) == PROXY


def test_ipv6_proxies_and_clients(settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["fd00::/8"]

    assert client_address(request_from("fd00::1", "2001:db8::7")) == "2001:db8::7"


def test_a_wrong_proxy_setting_is_refused(settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["not-a-network"]

    with pytest.raises(ImproperlyConfigured):
        client_address(request_from("203.0.113.9"))


def wrong_codes(client, count, **headers):
    responses = [client.post(RESUME, {"code": f"{2222 + n}-5555-6666"}, **headers) for n in range(count)]
    return [refused_as_too_many(r) for r in responses]


def test_the_return_code_limit_counts_the_client_behind_the_proxy(client, db, settings, behind_proxy):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 2

    first = wrong_codes(client, 3, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = wrong_codes(client, 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert first == [False, False, True]
    assert other == [False]


def test_a_spoofed_header_from_an_untrusted_peer_does_not_escape_the_limit(client, db, settings, behind_proxy):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 2

    limited = [
        wrong_codes(client, 1, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")[0] for n in range(3)
    ]

    assert limited == [False, False, True]


def test_sign_in_attempts_record_the_client_behind_the_proxy(client, db, behind_proxy):
    staff_user(username="proxied")

    client.post(
        reverse("portal:staff_sign_in"),
        {"username": "proxied", "password": "wrong password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1",
    )

    assert AccessAttempt.objects.get(username="proxied").ip_address == "198.51.100.1"
