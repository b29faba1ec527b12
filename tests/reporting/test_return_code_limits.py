"""Wrong return codes are limited per client, never per code for everyone: a stranger who
knows (or guesses) the first four characters of someone's code cannot lock its owner out
(docs/decisions/0012-return-code-limits.md)."""

import contextlib
import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from portal.refusals import Refused
from reporting import services
from reporting.forms import ReturnCodeForm
from tests.factories import draft_with_answers

RESUME = reverse("reporting:journey_resume", args=["domestic-abuse"])
PROXY = "10.0.0.5"
STRANGER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture
def draft_and_code(db):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    return draft, services.draft_return_code_issue(draft=draft)


def wrong_code_for(code: str) -> str:
    """The same locator (the first four characters) with a secret that is not the right one."""
    secret = code.replace("-", "")[4:]
    wrong = "22222222" if secret != "22222222" else "33333333"
    return f"{code[:4]}-{wrong[:4]}-{wrong[4:]}"


def test_a_strangers_wrong_guesses_at_a_locator_do_not_stop_the_owners_right_code(draft_and_code, settings):
    draft, code = draft_and_code
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE * 3):
        with contextlib.suppress(Refused):
            services.draft_resume(code=wrong_code_for(code), client=STRANGER)

    assert services.draft_resume(code=code, client=OWNER) == draft


def test_many_strangers_at_one_locator_do_not_stop_the_owner_either(draft_and_code, settings):
    draft, code = draft_and_code
    for n in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE * 4):
        assert services.draft_resume(code=wrong_code_for(code), client=f"203.0.113.{n}") is None

    assert services.draft_resume(code=code, client=OWNER) == draft


def test_one_client_guessing_one_locator_is_limited_and_told_when_to_try_again(draft_and_code, settings):
    draft, code = draft_and_code
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE):
        assert services.draft_resume(code=wrong_code_for(code), client=STRANGER) is None

    # Past its limit the guesser is refused whatever it sends, so the answer says nothing of
    # whether a guess was right.
    with pytest.raises(services.ReturnCodesLimited) as limited:
        services.draft_resume(code=code, client=STRANGER)
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    assert timedelta(0) < limited.value.retry_after <= window
    with time_machine.travel(timezone.now() + window + timedelta(seconds=1)):
        assert services.draft_resume(code=code, client=STRANGER) == draft


def test_one_client_guessing_many_locators_is_limited(db, settings):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 3
    for locator in ["2222", "3333", "4444"]:
        assert services.draft_resume(code=f"{locator}-5555-6666", client=STRANGER) is None

    with pytest.raises(services.ReturnCodesLimited):
        services.draft_resume(code="7777-5555-6666", client=STRANGER)
    assert services.draft_resume(code="7777-5555-6666", client=OWNER) is None


def test_addresses_in_one_ipv6_64_are_one_client(db, settings):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 2
    services.draft_resume(code="2222-5555-6666", client="2001:db8:1:2::1")
    services.draft_resume(code="3333-5555-6666", client="2001:db8:1:2::2")

    with pytest.raises(services.ReturnCodesLimited):
        services.draft_resume(code="4444-5555-6666", client="2001:db8:1:2:ffff::3")
    assert services.draft_resume(code="4444-5555-6666", client="2001:db8:1:3::1") is None


def refused_as_too_many(response) -> bool:
    """Whether the page gives the real "too many codes" message, with however many minutes
    of the window are left (ReturnCodeForm.too_many)."""
    html = response.content.decode()
    window = django_settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES
    return any(str(ReturnCodeForm.too_many(timedelta(minutes=m))) in html for m in range(1, window + 1))


def wrong_guesses(client, code, count, **headers) -> list[bool]:
    """Whether each of `count` wrong guesses at `code`'s locator was answered "too many"."""
    responses = [client.post(RESUME, {"code": wrong_code_for(code)}, **headers) for _ in range(count)]
    return [refused_as_too_many(response) for response in responses]


def test_the_page_tells_a_limited_client_how_long_to_wait(client, draft_and_code, settings):
    _draft, code = draft_and_code
    limit = settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE

    answers = wrong_guesses(client, code, limit + 1, REMOTE_ADDR=STRANGER)

    assert answers == [False] * limit + [True]
    html = client.post(RESUME, {"code": code}, REMOTE_ADDR=STRANGER).content.decode()
    assert f"Try again in {settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES} minutes" in html


def test_two_clients_behind_a_trusted_proxy_have_separate_limits(client, draft_and_code, settings):
    settings.WAYMARK_TRUSTED_PROXIES = [PROXY]
    _draft, code = draft_and_code
    limit = settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE

    stranger = wrong_guesses(client, code, limit + 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    owner = client.post(RESUME, {"code": code}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)

    assert stranger[-1] is True
    assert owner.status_code == 302


def test_an_untrusted_peer_cannot_spoof_x_forwarded_for_to_escape_its_limit(client, draft_and_code, settings):
    settings.WAYMARK_TRUSTED_PROXIES = [PROXY]
    _draft, code = draft_and_code
    limit = settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE

    answers = [
        wrong_guesses(client, code, 1, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")[0]
        for n in range(limit + 1)
    ]

    assert answers == [False] * limit + [True]


def test_the_operator_is_warned_of_many_wrong_codes_for_one_locator_without_the_code(draft_and_code, settings, caplog):
    settings.WAYMARK_RETURN_CODE_LOCATOR_WARNING = 4
    _draft, code = draft_and_code
    wrong = wrong_code_for(code)

    with caplog.at_level(logging.WARNING, logger="reporting.services.drafts"):
        for n in range(settings.WAYMARK_RETURN_CODE_LOCATOR_WARNING):
            services.draft_resume(code=wrong, client=f"203.0.113.{n}")

    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    line = warnings[0].getMessage()
    assert "wrong return codes" in line
    for secret in (code, code.replace("-", ""), code[:4], wrong, wrong.replace("-", ""), wrong[5:]):
        assert secret not in line
    for n in range(settings.WAYMARK_RETURN_CODE_LOCATOR_WARNING):
        assert f"203.0.113.{n}" not in line


def test_wrong_expired_and_limited_answers_never_say_which_codes_exist(client, draft_and_code):
    draft, code = draft_and_code
    wrong = client.post(RESUME, {"code": wrong_code_for(code)}).content.decode()
    unknown = client.post(RESUME, {"code": "ZZZZ-5555-6666" if code[:4] != "ZZZZ" else "YYYY-5555-6666"})
    with time_machine.travel(draft.expires_at + timedelta(seconds=1)):
        expired = client.post(RESUME, {"code": code}).content.decode()

    not_found = str(ReturnCodeForm.NOT_FOUND)
    assert not_found in wrong
    assert not_found in unknown.content.decode()
    assert not_found in expired
