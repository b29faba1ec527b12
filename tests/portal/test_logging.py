"""Log lines: one JSON object each, with the request's id, and no personal data in any of them."""

import io
import json
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.log import configure_logging

from portal.logs import logging_config
from reporting.models import Report
from tests.factories import PASSWORD, current_code, grade_schemes, staff_user
from tests.portal.test_production_settings import run_in_production

JOURNEY = "domestic-abuse"
CANARIES = {
    "your_name": "Canaryname Quillfeather",
    "what_happened": "CANARY-WHAT-HAPPENED-8812 he took my phone",
    "phone": "07700 900417",
    "incident_postcode": "SW1A 1AA",
}
REASON_CANARY = "CANARY-REASON-5531 call from her sister"


@pytest.fixture
def log_output(settings):
    """The real logging configuration, at DEBUG, writing to a buffer instead of stderr; errors
    emailed to an admin as in production."""
    stream = io.StringIO()
    config = logging_config(json_lines=True, level="DEBUG")
    config["handlers"]["console"]["stream"] = stream
    settings.ADMINS = [("Operations", "ops@example.police.uk")]
    configure_logging(django_settings.LOGGING_CONFIG, config)
    try:
        yield stream
    finally:
        configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def page(slug: str) -> str:
    return reverse("reporting:journey_page", args=[JOURNEY, slug])


VICTIM = {
    "in-danger": {"in_danger": "no"},
    "who-for": {"who_for": "myself"},
    "your-name": {"your_name": CANARIES["your_name"]},
    "relationship": {"relationship": "ex_partner"},
    "kinds-of-abuse": {"abuse_kinds": ["physical"]},
    "what-happened": {"what_happened": CANARIES["what_happened"]},
    "when": {"when_last": "this_week"},
    "where": {"where": "known_place"},
    "incident-postcode": {"incident_postcode": CANARIES["incident_postcode"]},
    "injuries": {"injured": "no"},
    "children": {"children": "no"},
    "risk": {"risk_indicators": ["strangulation"]},
    "person-lives-with": {"person_lives_with": "no"},
    "contact-methods": {"contact_methods": ["call"]},
    "contact-phone": {"phone": CANARIES["phone"]},
    "safe-times": {"safe_days": ["weekdays"], "safe_times": ["morning"]},
    "trusted-person": {"trusted_contact": "no"},
    "officer": {"officer_gender": "no_preference"},
    "support": {"support_referrals": []},
    "copy": {"copy_safe": "no"},
}


def walk(client, *, start: str, until: str = "check-your-answers") -> None:
    url = start
    for _ in range(60):
        slug = url.split("?")[0].rstrip("/").split("/")[-1]
        if slug in (until, "check-your-answers"):
            return
        response = client.post(url, VICTIM.get(slug, {}))
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        url = response["Location"]
    raise AssertionError("The journey did not end")


def test_a_report_and_its_reading_leave_no_personal_data_in_the_logs(
    client, forces, log_output, django_capture_on_commit_callbacks
):
    grade_schemes()
    # A person starts, saves with a return code, and carries on from another device.
    walk(client, start=page("in-danger"), until="what-happened")
    saved = client.post(page("what-happened"), {**VICTIM["what-happened"], "action": "save"})
    code = re.search(r'id="return-code">([^<]+)<', saved.content.decode())[1].strip()
    device = Client()
    resume = reverse("reporting:journey_resume", args=[JOURNEY])
    device.post(resume, {"code": "2222-3333-4444"})
    resumed = device.post(resume, {"code": code})
    walk(device, start=resumed["Location"])
    check = reverse("reporting:journey_check_answers", args=[JOURNEY])
    with django_capture_on_commit_callbacks(execute=True):
        device.post(check, {"submission_key": device.get(check).context["submission_key"]})
    report = Report.objects.get()
    victim_sessions = {client.cookies["waymark_session"].value, device.cookies["waymark_session"].value}
    # A member of staff signs in (a wrong password first), and opens it with a reason.
    officer = staff_user(username="officer.logs", role="case_officer")
    staff = Client()
    staff.post(reverse("portal:staff_sign_in"), {"username": "officer.logs", "password": "Wrong-Password-777"})
    staff.post(reverse("portal:staff_sign_in"), {"username": "officer.logs", "password": PASSWORD})
    totp = current_code(officer)
    staff.post(reverse("portal:staff_verify"), {"code": totp})
    staff.post(
        reverse("reporting:staff_report_reason", args=[report.reference]),
        {
            "reason": "other",
            "detail": REASON_CANARY,
            "next": reverse("reporting:staff_report", args=[report.reference]),
        },
    )
    opened = staff.get(reverse("reporting:staff_report", args=[report.reference]))
    assert CANARIES["what_happened"] in opened.content.decode()
    staff.get("/no-such-page/")  # something is logged: a 404 warning

    written = log_output.getvalue() + "".join(message.subject + message.body for message in mail.outbox)
    assert lines(log_output), "nothing was captured"
    secrets = [*CANARIES.values(), REASON_CANARY, code, code.replace("-", ""), PASSWORD, "Wrong-Password-777", totp]
    secrets += [*victim_sessions, staff.cookies["waymark_session"].value]
    for secret in secrets:
        assert secret not in written, secret
        assert secret.lower() not in written.lower(), secret
    assert "Quillfeather" not in written and "8812" not in written and "900417" not in written


def test_each_line_is_one_json_object_with_the_request_id(client, db, log_output):
    response = client.get("/no-such-page/")

    [line] = [line for line in lines(log_output) if line["logger"] == "django.request"]
    assert set(line) == {"time", "level", "logger", "message", "request_id"}
    assert line["level"] == "WARNING"
    assert line["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def test_an_exception_is_logged_by_type_and_place_never_by_its_message(log_output):
    import logging

    try:
        raise ValueError("CANARY-IN-EXCEPTION 07700 900417")
    except ValueError:
        logging.getLogger("reporting.test").exception("Something failed")

    [line] = lines(log_output)
    assert line["exception"] == "ValueError"
    assert any("test_logging.py" in frame for frame in line["stack"])
    assert "CANARY" not in log_output.getvalue() and "900417" not in log_output.getvalue()


def test_every_request_gets_an_id_echoed_in_the_response(client, db):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_trusted_proxy_may_give_the_id_if_it_is_a_safe_token(client, db, settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["10.0.0.5"]

    proxied = client.get("/healthz", REMOTE_ADDR="10.0.0.5", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")
    unsafe = client.get("/healthz", REMOTE_ADDR="10.0.0.5", HTTP_X_REQUEST_ID="x\nforged log line")
    untrusted = client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_X_REQUEST_ID="lb-7f3a9c21-0002")

    assert proxied["X-Request-ID"] == "lb-7f3a9c21-0001"
    assert unsafe["X-Request-ID"] != "x\nforged log line" and re.fullmatch(r"[0-9a-f]{32}", unsafe["X-Request-ID"])
    assert untrusted["X-Request-ID"] != "lb-7f3a9c21-0002"


@pytest.mark.parametrize(
    ("module", "formatter"),
    [("portal.settings.production", "json"), ("portal.settings.local_stack", "json"), ("portal.settings.dev", "text")],
)
def test_production_and_the_local_stack_write_json_and_development_readable_lines(tmp_path, module, formatter):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LOGGING['handlers']['console']['formatter'])"
    )
    result = run_in_production(
        ["-c", script], tmp_path, DJANGO_SETTINGS_MODULE=module, DATABASE_URL="sqlite:///:memory:"
    )

    assert result.stdout.strip() == formatter, result.stderr


def an_enrolment_token() -> str:
    from portal.services import enrolment_link_issue
    from tests.factories import user_without_authenticator

    admin = staff_user(username="force.admin")
    return enrolment_link_issue(user=user_without_authenticator("newstarter"), by=admin)


def test_a_refused_enrolment_link_is_logged_without_its_token(client, db, log_output):
    token = an_enrolment_token()

    response = client.post(reverse("portal:staff_enrol", args=[token]))

    assert response.status_code == 405  # the link answers only GET: Django logs the refusal
    [line] = [line for line in lines(log_output) if line["logger"] == "django.request"]
    assert "/staff/enrol/" in line["message"]
    assert token not in log_output.getvalue()


def test_an_error_on_an_enrolment_link_is_emailed_without_its_token(db, log_output):
    from tests.portal.test_health import database_down

    token = an_enrolment_token()
    client = Client(raise_request_exception=False)

    with database_down():
        response = client.get(reverse("portal:staff_enrol", args=[token]))

    assert response.status_code == 503
    [email] = mail.outbox
    assert "/staff/enrol/" in email.body
    assert token not in email.subject + email.body
    assert token not in log_output.getvalue()
