import pytest
from django.urls import reverse

from tests.factories import PASSWORD, current_code, staff_user
from tests.portal.test_public_shell import PUBLIC_PAGES

STAFF_PAGES = [
    reverse("reporting:staff_queue"),
    reverse("portal:staff_backup_codes"),
    "/staff/admin/",
    "/staff/admin/reporting/force/",
]
SIGN_IN_PAGES = [reverse("portal:staff_sign_in")]


def assert_safe_headers(response, path):
    csp = response["Content-Security-Policy"]
    directives = {}
    for part in csp.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["default-src"] == "'none'", path
    assert directives["script-src"].startswith("'self'"), path
    assert directives["style-src"] == "'self'", path
    assert directives["frame-ancestors"] == "'none'", path
    assert directives["base-uri"] == "'none'", path
    assert directives["object-src"] == "'none'", path
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert "http" not in csp, f"{path}: the policy allows another origin"
    assert response["Cache-Control"] == "no-store, max-age=0", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert "geolocation=()" in response["Permissions-Policy"], path


@pytest.mark.parametrize("path", PUBLIC_PAGES + SIGN_IN_PAGES)
def test_public_pages_send_the_security_headers(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_safe_headers(response, path)


def test_staff_pages_send_the_security_headers(client, forces):
    user = staff_user(username="headers")
    user.is_staff = user.is_superuser = True
    user.save()
    client.post(reverse("portal:staff_sign_in"), {"username": "headers", "password": PASSWORD})
    client.post(reverse("portal:staff_verify"), {"code": current_code(user)})

    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_safe_headers(response, path)


def test_redirects_and_missing_pages_are_not_cached_either(client, db):
    assert_safe_headers(client.get(reverse("portal:staff_home")), "redirect")
    assert_safe_headers(client.get("/no-such-page/"), "404")


def test_every_script_on_a_page_is_from_our_own_origin(client, db):
    html = client.get(reverse("portal:home")).content.decode()

    assert "<script>" not in html
    assert html.count("<script") == html.count('<script type="module" src="/static/')
