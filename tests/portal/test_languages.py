"""English and Cymraeg: the language navigation, the choice kept in the session, and the
Welsh catalogue (docs/translation.md)."""

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils import translation

from portal.middleware import SessionLanguageMiddleware
from tests.conftest import REPO, service_unavailable

CATALOGUE = REPO / "locale" / "cy" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# The same folders `make messages` leaves out (I18N_IGNORE in the Makefile).
NOT_SCANNED = ("node_modules", ".venv", "var", "tests", "bench")

WELSH_SERVICE_NAME = "Rhoi gwybod am gam-drin a chael cymorth"
WELSH_EXIT = "Gadael y dudalen hon"
ENGLISH_SERVICE_NAME = "Report abuse and get support"

PUBLIC_PAGES = [
    reverse("portal:home"),
    reverse("portal:privacy"),
    reverse("reporting:journey_start", args=["domestic-abuse"]),
    reverse("support:find_support"),
]


def ensure_catalogues_compiled() -> None:
    """Compiles the catalogues as `make test` does, so the suite also runs straight from
    pytest; the .mo files are built, never committed."""
    before = COMPILED.stat().st_mtime_ns if COMPILED.exists() else None
    try:
        with contextlib.chdir(REPO):
            call_command("compilemessages", ignore_patterns=list(NOT_SCANNED), verbosity=0)
    except CommandError:
        if before is None or before < CATALOGUE.stat().st_mtime_ns:
            service_unavailable("gettext (msgfmt), to compile locale/")
        return
    if COMPILED.stat().st_mtime_ns != before:
        # Django caches each language's catalogue once loaded: forget the stale one.
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


@pytest.fixture(autouse=True)
def compiled_catalogues():
    ensure_catalogues_compiled()
    yield
    # A request leaves its language active in this thread, so a later test that translates
    # outside a request would speak Welsh: leave the default language behind.
    translation.activate(settings.LANGUAGE_CODE)


def language_link(code: str, next_path: str) -> str:
    return f"{reverse('portal:choose_language', args=[code])}?next={next_path}"


def choose(client, code: str, next_path: str = "/"):
    return client.get(reverse("portal:choose_language", args=[code]), {"next": next_path})


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_offers_cymraeg_as_a_link_and_marks_english_as_current(client, db, path):
    html = client.get(path).content.decode()

    assert '<nav class="govuk-language-navigation" aria-label="Language">' in html
    assert '<span class="govuk-language-navigation__text" aria-current="true" lang="en-gb">English</span>' in html
    href = reverse("portal:choose_language", args=["cy"]) + "?next=" + path.replace("/", "%2F")
    assert (
        f'<a class="govuk-language-navigation__link" href="{href}" rel="alternate" lang="cy" hreflang="cy">Cymraeg</a>'
        in html
    )


def test_choosing_cymraeg_goes_back_to_the_same_page_in_welsh(client, db):
    privacy = reverse("portal:privacy")

    response = choose(client, "cy", privacy)

    assert response.status_code == 302
    assert response["Location"] == privacy
    page = client.get(privacy)
    html = page.content.decode()
    assert '<html lang="cy"' in html
    assert page["Content-Language"] == "cy"
    assert WELSH_SERVICE_NAME in html
    assert WELSH_EXIT in html
    assert ENGLISH_SERVICE_NAME not in html
    assert '<nav class="govuk-language-navigation" aria-label="Iaith">' in html
    assert '<span class="govuk-language-navigation__text" aria-current="true" lang="cy">Cymraeg</span>' in html
    english = reverse("portal:choose_language", args=["en-gb"]) + "?next=%2Fprivacy%2F"
    assert f'href="{english}" rel="alternate" lang="en-gb" hreflang="en-gb">English</a>' in html


def test_the_choice_holds_on_every_later_page(client, db):
    choose(client, "cy")

    for path in PUBLIC_PAGES:
        html = client.get(path).content.decode()
        assert '<html lang="cy"' in html, path
        assert WELSH_EXIT in html, path


def test_choosing_english_switches_back(client, db):
    choose(client, "cy")

    choose(client, "en-gb")

    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en-gb"' in html
    assert ENGLISH_SERVICE_NAME in html
    assert "Exit this page" in html
    assert WELSH_SERVICE_NAME not in html


def test_the_choice_lives_in_the_session_and_no_other_cookie_is_set(client, db):
    response = choose(client, "cy")

    assert set(response.cookies) == {settings.SESSION_COOKIE_NAME}
    assert client.session[SessionLanguageMiddleware.LANGUAGE_SESSION_KEY] == "cy"
    later = client.get(reverse("portal:home"))
    assert settings.LANGUAGE_COOKIE_NAME not in later.cookies
    assert set(client.cookies) == {settings.SESSION_COOKIE_NAME}


def test_reading_a_page_in_english_starts_no_session(client, db):
    response = client.get(reverse("portal:home"))

    assert not response.cookies


def test_a_browser_asking_for_welsh_gets_welsh_until_the_visitor_chooses(client, db):
    home = reverse("portal:home")

    assert '<html lang="cy"' in client.get(home, headers={"accept-language": "cy-GB,cy;q=0.9"}).content.decode()

    choose(client, "en-gb")
    html = client.get(home, headers={"accept-language": "cy-GB,cy;q=0.9"}).content.decode()
    assert '<html lang="en-gb"' in html


def test_exit_this_page_forgets_the_language_with_everything_else(client, db):
    choose(client, "cy")

    client.get(reverse("portal:exit"))

    assert '<html lang="en-gb"' in client.get(reverse("portal:home")).content.decode()


def test_the_query_string_of_the_page_survives_the_switch(client, db):
    page = reverse("support:question_who") + "?help=domestic-abuse"

    assert choose(client, "cy", page)["Location"] == page


@pytest.mark.parametrize(
    "target",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "/\\elsewhere.example/",
        "\\\\elsewhere.example/",
        "http://testserver.elsewhere.example/",
        "https:elsewhere.example",
        "javascript:alert(1)",
        "privacy/",
        "",
    ],
)
def test_next_cannot_lead_off_the_site(client, db, target):
    response = choose(client, "cy", target)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.session[SessionLanguageMiddleware.LANGUAGE_SESSION_KEY] == "cy"


def test_a_link_with_no_next_goes_home(client, db):
    response = client.get(reverse("portal:choose_language", args=["cy"]))

    assert response["Location"] == reverse("portal:home")


def test_an_unknown_language_is_not_found_and_changes_nothing(client, db):
    response = client.get(reverse("portal:choose_language", args=["fr"]), {"next": "/"})

    assert response.status_code == 404
    assert not response.cookies


def test_the_switch_is_a_plain_link_so_it_answers_get_only(client, db):
    assert client.post(reverse("portal:choose_language", args=["cy"]), {"next": "/"}).status_code == 405


def test_staff_pages_have_no_language_navigation(client, db):
    html = client.get(reverse("portal:staff_sign_in")).content.decode()

    assert "govuk-language-navigation" not in html


# --- The catalogue ---

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')
_MORE = re.compile(r'^"(.*)"$')


def marked_strings(po_text: str) -> set[tuple[str | None, str, str | None]]:
    """(context, message, plural) of every live entry; obsolete (#~) entries and the header
    are left out."""
    found = set()
    entry: dict[str, str] = {}
    field = None
    for line in [*po_text.splitlines(), ""]:
        if match := _FIELD.match(line):
            field = match[1]
            entry[field] = match[2]
        elif (match := _MORE.match(line)) and field:
            entry[field] += match[1]
        elif not line.strip():
            if entry.get("msgid"):
                found.add((entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")))
            entry, field = {}, None
    return found


def test_the_catalogue_warns_that_the_welsh_is_an_unreviewed_draft():
    header = CATALOGUE.read_text(encoding="utf-8").split('msgid ""', 1)[0]

    assert "FIRST DRAFT" in header
    assert "professional Welsh translator" in header


def test_the_catalogue_holds_every_marked_string(tmp_path):
    """`make messages` has been run since the last string was marked or changed: what it
    would collect from a copy of the code now is exactly what locale/ holds."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        service_unavailable("gettext (xgettext), to check locale/")
    copy = tmp_path / "waymark"
    skipped = {*NOT_SCANNED, ".git", "static", ".pytest_cache", ".ruff_cache"}
    shutil.copytree(
        REPO,
        copy,
        ignore=lambda folder, names: [
            name for name in names if name == "__pycache__" or (Path(folder) == REPO and name in skipped)
        ],
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "cy",
            "--add-location=file",
            "--no-obsolete",
            *(f"--ignore={name}" for name in NOT_SCANNED),
        ],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        check=True,
        capture_output=True,
    )

    committed = marked_strings(CATALOGUE.read_text(encoding="utf-8"))
    collected = marked_strings((copy / CATALOGUE.relative_to(REPO)).read_text(encoding="utf-8"))
    missing = sorted(collected - committed, key=str)
    stale = sorted(committed - collected, key=str)
    assert not missing and not stale, (
        f"Run `make messages`. Not in locale/cy yet: {missing}. No longer in the code: {stale}."
    )
