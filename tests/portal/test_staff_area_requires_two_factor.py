"""Walks every URL pattern under the protected prefixes (the staff area, the Django admin and
the agency area) and checks none is reachable without a verified second factor."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PASSWORD, staff_user, user_without_authenticator

SIGN_IN_PAGES = {
    reverse(f"portal:{name}") for name in ("staff_sign_in", "staff_verify", "staff_set_up", "staff_sign_out")
} | {reverse("portal:staff_enrol", args=["sample"])}


def concrete_path(route: str) -> str:
    """A real path for a URL pattern: parameters filled with sample values."""
    route = re.sub(
        r"\(\?P<\w+>([^)]*)\)",
        lambda m: m.group(1).split("|")[0] if re.fullmatch(r"[\w|]+", m.group(1)) else "1",
        route,
    )
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) in ("int", "path") else "sample", route)
    return "/" + route.replace("^", "").replace("$", "").replace("\\", "")


def all_routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


PROTECTED = sorted(
    {
        path
        for path in map(concrete_path, all_routes())
        if path.startswith(settings.WAYMARK_OTP_REQUIRED_PREFIXES) and path not in SIGN_IN_PAGES
    }
)


def test_the_walk_covers_the_staff_area_and_the_admin():
    assert reverse("portal:staff_home") in PROTECTED
    assert "/staff/admin/" in PROTECTED
    assert sum(path.startswith("/staff/admin/") for path in PROTECTED) > 20


@pytest.mark.parametrize("path", PROTECTED)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("portal:staff_sign_in") + "?next="), path


@pytest.mark.parametrize("path", PROTECTED)
def test_a_password_without_a_verified_second_factor_opens_nothing(client, db, path):
    staff_user(username="with-device")
    user_without_authenticator("without-device")
    for username in ("with-device", "without-device"):
        client.logout()
        client.post(reverse("portal:staff_sign_in"), {"username": username, "password": PASSWORD})
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 302, (username, path)
            assert response["Location"].startswith(reverse("portal:staff_verify")), (username, path)
