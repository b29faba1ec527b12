"""Dumps every page of the site to a folder, the same bytes on every run, so that two versions
of the code can be compared with ``diff -r`` (for example before and after a restructuring).

Run from the repository root, with an absent or empty OUTDIR:

    .venv/bin/python -m tests.snapshots.dump_pages OUTDIR

Not a test (pytest collects only test_*.py, and there are no test functions here). It uses
only what outlives a restructuring: URLs (through reverse() and URL names), the helpers in
tests/factories.py, management commands, and pages and forms as a browser sees them. It
imports nothing from portal, reporting or support: reports are sent through the factories,
and every later change (claims, grades, notes, transfers, referrals) is a form posted by a
member of staff, as in the browser.

What it does
------------
- Django with DJANGO_SETTINGS_MODULE=portal.settings.test on a new in-memory SQLite database,
  migrated here (DATABASE_URL is set to sqlite://:memory: for this process; REDIS_URL is
  dropped, so tasks and outbox messages run in-process, as in the tests).
- Time stands still (time_machine, tick=False). The data is built from 5 March 2026 on, a few
  hours apart, and every page is read at DUMP_AT.
- Randomness is made repeatable, not removed: os.urandom (UUIDs, nonces, salts) and
  random.SystemRandom (the `secrets` module: report references, return codes, submission
  keys, session keys, CSRF masks, authenticator keys) draw from seeded streams. The seed is
  set again before every request (from the number of the request) and before every step of
  the set-up (from its name), so a value depends only on what happens within that request or
  step, never on how much randomness was used before it. Each byte length asked of
  os.urandom has its own stream, so UUIDs do not move when something else takes a nonce.
  The script re-runs itself with PYTHONHASHSEED=0, so set and dict orders are fixed too.
- The case file PDF: WeasyPrint's HTML class is replaced for this process, so the HTML the
  view hands to WeasyPrint is written (as ``case-file.pdf.weasyprint.html``) and no PDF is
  drawn (the response is then a short stub, whose status and content type are indexed).

The data
--------
Forces, grade schemes and national support services (load_forces, load_grade_schemes,
load_support_services); Met staff of every role and a South Wales supervisor; two agencies
(domestic abuse and housing; ISVA and SARC, both in the Met's area) with a worker each; ten
reports sent from the factories' answer sets (each journey in the Met's queue, one Sarah's
Law application in South Wales's), then worked: one claimed, one graded with THRIVE and a
note, one transferred to South Wales (pending), one closed, one assigned to a case officer;
referrals accepted, with first contact, and declined, and one made by an officer.

What it reads
-------------
Public pages and the find-support questions and results, in English and Welsh (the language
chosen through /language/cy/, as the language navigation does); every page of every journey
in both languages, blank and with errors (each reached with a draft from
factories.session_with_draft_reaching; the journey's pages are found by walking its answer
sets with factories.walk_journey, filling in a page the set does not answer as a person
would), its start, save, resume, check-your-answers and sent pages; signing in; every staff
page for each member of force staff, and every report page for each report (after giving a
reason); every agency page for each agency worker. Mostly GETs: the only posts are those that
reach a state (sign-in, a reason, saving, sending, the set-up's staff actions). Not read: the
Django admin (/staff/admin/), and staff pages in Welsh.

What it writes
--------------
- One file per page read: LANG/PATH.html for public pages, where PATH is the URL path
  (``en/report/domestic-abuse/what-happened.html``), and LANG/as-WHO/PATH.html for pages read
  signed in as WHO (``en/as-met-supervisor/staff/queue.html``). A query string follows the
  path after ``__``. A page read again in another state gets a ``--STATE`` suffix (or ``~N``).
  The CSV export is written as it is sent.
- OUTDIR/index.txt: every request made, in order (set-up posts included), one line each:
  method, who, language, URL, status, content type, Location and Content-Disposition when
  sent, and the file written, if any. Comment lines (#) say what each part is about.
- OUTDIR/emails.txt: the emails the site sent (referral notifications), in order.
- As `make test` does, it compiles locale/ (compilemessages) in the repository first.

Normalised (the only changes made to what the server sent)
-----------------------------------------------------------
    name="csrfmiddlewaretoken" value="..."  ->  value="CSRF-TOKEN"
        the CSRF token is masked with a fresh random string on every render
    nonce="..."                              ->  nonce="CSP-NONCE"
        django-csp's per-response nonce (no template uses one yet)
Nothing else is normalised: references, return codes, UUIDs, dates and times are made
repeatable by the seeding and the frozen clock above instead.
"""

import html
import itertools
import logging
import os
import random
import re
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[2]
MODULE = "tests.snapshots.dump_pages"

# Thursday 5 March 2026, 09:00 (GMT): the first report arrives. Staff work on Monday 9 March;
# every page is read on Tuesday 10 March at 10:00.
BUILD_FROM = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
WORK_AT = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
DUMP_AT = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)

LANGUAGES = ("en", "cy")
LANGUAGE_CODES = {"en": "en-gb", "cy": "cy"}

NORMALISE = (
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")'), rb"\1CSRF-TOKEN\2"),
    (re.compile(rb'(\bnonce=")[^"]*(")'), rb"\1CSP-NONCE\2"),
)


# --- Repeatable randomness ------------------------------------------------------------------


class Randomness:
    """Seeded stand-ins for the operating system's randomness (see the docstring above)."""

    def __init__(self):
        self.label = "start"
        self.streams: dict[str, random.Random] = {}

    def reseed(self, label: str) -> None:
        self.label = label
        self.streams = {}

    def stream(self, kind: str) -> random.Random:
        if kind not in self.streams:
            self.streams[kind] = random.Random(f"waymark-dump/{self.label}/{kind}")  # noqa: S311 - repeatable on purpose
        return self.streams[kind]

    def install(self) -> None:
        os.urandom = lambda n: self.stream(f"urandom-{n}").randbytes(n)
        random.SystemRandom.random = lambda _self: self.stream("system").random()
        random.SystemRandom.getrandbits = lambda _self, k: self.stream("system").getrandbits(k)
        random.SystemRandom.randbytes = lambda _self, n: self.stream("system").randbytes(n)
        random.seed(0)


RANDOMNESS = Randomness()


# --- Reading forms as a browser does ---------------------------------------------------------


class _Form(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.inputs: list[dict] = []
        self.labels: dict[str, str] = {}
        self.options: list[tuple[str | None, str, str]] = []
        self._label_for = self._select = self._option = None
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.inputs.append(attrs)
        elif tag == "textarea":
            self.inputs.append({**attrs, "type": "textarea"})
        elif tag == "label":
            self._label_for, self._text = attrs.get("for"), []
        elif tag == "select":
            self._select = attrs.get("name")
            self.inputs.append({**attrs, "type": "select"})
        elif tag == "option":
            self._option, self._text = attrs.get("value", ""), []

    def handle_endtag(self, tag):
        text = " ".join("".join(self._text).split())
        if tag == "label" and self._label_for:
            self.labels[self._label_for] = text
            self._label_for = None
        elif tag == "option" and self._option is not None:
            self.options.append((self._select, self._option, text))
            self._option = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        self._text.append(data)


def choice_value(page: str, name: str, label: str) -> str:
    """The value a browser sends for the radio button or option of `name` labelled `label`."""
    form = _Form(page)
    for attrs in form.inputs:
        if attrs.get("name") == name and label in form.labels.get(attrs.get("id"), ""):
            return attrs["value"]
    for select, value, text in form.options:
        if select == name and label in text:
            return value
    raise LookupError(f"No choice labelled {label!r} for {name!r}")


def filled_in(page: str, answers: dict) -> dict:
    """What a person would send on a journey page: the answer from `answers` where it has
    one, and otherwise something plausible (the first option, an example text or date)."""
    form = _Form(page)
    data: dict[str, object] = {}
    for attrs in form.inputs:
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or name == "csrfmiddlewaretoken" or name in data:
            continue
        date_part = re.fullmatch(r"(.+)_([012])", name)
        if name in answers:
            data[name] = answers[name]
        elif date_part and "govuk-date-input__input" in attrs.get("class", ""):
            given = str(answers.get(date_part[1]) or "1990-01-27").split("-")
            data[name] = given[2 - int(date_part[2])].lstrip("0")
        elif kind in ("radio", "checkbox"):
            data[name] = attrs.get("value", "")
        elif kind == "select":
            data[name] = next(value for select, value, _text in form.options if select == name and value)
        elif "email" in name or kind == "email":
            data[name] = "person@example.com"
        elif "phone" in name or kind == "tel":
            data[name] = "07700 900123"
        elif "postcode" in name:
            data[name] = "SW1A 1AA"
        else:
            data[name] = "Example"
    return data


def links(page: str, pattern: str) -> list[str]:
    """The hrefs on the page matching the pattern, unescaped, in order, each once."""
    found = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', page)]
    return list(dict.fromkeys(href for href in found if re.fullmatch(pattern, href)))


# --- Requests, the index and the files -------------------------------------------------------


class Recorder:
    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.lines: list[str] = []
        self.files: set[str] = set()
        self.requests = 0
        self.server_errors: list[str] = []

    def note(self, text: str) -> None:
        self.lines.append(f"# {text}")

    def log(self, browser, request: dict, response) -> int:
        url = request["PATH_INFO"] + (f"?{request['QUERY_STRING']}" if request.get("QUERY_STRING") else "")
        parts = [request["REQUEST_METHOD"], browser.who, browser.lang, url, "->", str(response.status_code)]
        parts.append(response.get("Content-Type", "-"))
        for header in ("Location", "Content-Disposition"):
            if response.has_header(header):
                parts.append(f"{header}: {response[header]}")
        if response.status_code >= 500:
            self.server_errors.append(" ".join(parts))
        self.lines.append("  ".join(parts))
        return len(self.lines) - 1

    def write(self, line: int, browser, url: str, body: bytes, content_type: str, state: str = "") -> None:
        path, _, query = url.partition("?")
        name = path.strip("/") or "index"
        if query:
            name += "__" + quote(query, safe="=&,+-_.%")
        if state:
            name += f"--{state}"
        if content_type.startswith("text/csv"):
            suffix = "" if name.endswith(".csv") else ".csv"
        elif content_type.startswith("application/pdf"):
            suffix = ".weasyprint.html"
        else:
            suffix = ".html"
        folder = browser.lang if browser.who == "public" else f"{browser.lang}/as-{browser.who}"
        relative = f"{folder}/{name}{suffix}"
        for number in itertools.count(2):
            if relative not in self.files:
                break
            relative = f"{folder}/{name}~{number}{suffix}"
        self.files.add(relative)
        for pattern, replacement in NORMALISE:
            body = pattern.sub(replacement, body)
        target = self.outdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.lines[line] += f"  [{relative}]"

    def finish(self) -> int:
        """Writes the index, and the emails the site sent (Django's test outbox), in order."""
        from django.core import mail

        (self.outdir / "index.txt").write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        emails = [
            f"To: {', '.join(message.to)}\nFrom: {message.from_email}\nSubject: {message.subject}\n\n{message.body}\n"
            for message in getattr(mail, "outbox", [])
        ]
        (self.outdir / "emails.txt").write_text("\n".join(emails), encoding="utf-8")
        return len(self.files) + 2


class CaseFileCapture:
    """Stands in for weasyprint.HTML: keeps the HTML it is given and draws no PDF."""

    captured: list[str] = []

    def __init__(self, *args, string=None, **kwargs):
        CaseFileCapture.captured.append(string if string is not None else (args[0] if args else ""))

    def write_pdf(self, *args, **kwargs) -> bytes:
        return b"%PDF-1.7\n% not drawn: tests/snapshots/dump_pages.py keeps the HTML instead\n"

    @classmethod
    def install(cls) -> bool:
        try:
            import weasyprint
        except ImportError:
            return False
        weasyprint.HTML.__init__ = cls.__init__
        weasyprint.HTML.write_pdf = cls.write_pdf
        return True


def browser_class():
    from django.test import Client

    class Browser(Client):
        """The test client, reseeding the randomness before each request and logging each
        one in the index; page() also writes what it got to a file."""

        def __init__(self, recorder: Recorder, who: str = "public", lang: str = "en"):
            super().__init__(raise_request_exception=False)
            self.recorder, self.who, self.lang = recorder, who, lang
            self._last_line = None

        def request(self, **request):
            self.recorder.requests += 1
            RANDOMNESS.reseed(f"request {self.recorder.requests}")
            CaseFileCapture.captured.clear()
            response = super().request(**request)
            self._last_line = self.recorder.log(self, request, response)
            return response

        def _keep(self, url, response, state):
            body = response.content
            content_type = response.get("Content-Type", "")
            if content_type.startswith("application/pdf") and CaseFileCapture.captured:
                body = CaseFileCapture.captured[-1].encode()
            self.recorder.write(self._last_line, self, url, body, content_type, state)
            return response

        def page(self, url: str, *, state: str = ""):
            """GET and write the response to a file."""
            return self._keep(url, self.get(url), state)

        def posted_page(self, url: str, data: dict, *, state: str = ""):
            """POST and write the response to a file: for pages only a form post shows."""
            return self._keep(url, self.post(url, data), state)

    return Browser


# --- The data ---------------------------------------------------------------------------------


class Site:
    """Everything built, by name: users, reports and referral pages."""

    def __init__(self, recorder: Recorder, clock):
        from tests import factories

        self.recorder, self.clock, self.f = recorder, clock, factories
        self.Browser = browser_class()
        self.staff: dict[str, object] = {}
        self.agency_staff: dict[str, object] = {}
        self.reports: dict[str, object] = {}

    def step(self, label: str) -> None:
        RANDOMNESS.reseed(f"build {label}")

    def as_staff(self, who: str):
        users = {**self.staff, **self.agency_staff}
        return self.f.verified_client(self.Browser(self.recorder, who=who), users[who])

    def build(self) -> None:
        from django.core.management import call_command
        from django.urls import reverse

        f = self.f
        self.recorder.note("set-up: reference data, staff, agencies and reports")
        for command in ("load_forces", "load_grade_schemes", "load_support_services"):
            self.step(command)
            call_command(command, stdout=StringIO(), stderr=StringIO())

        roles = (
            ("met-handler", f.MET, "contact_handler"),
            ("met-officer", f.MET, "case_officer"),
            ("met-supervisor", f.MET, "supervisor"),
            ("met-admin", f.MET, "force_admin"),
            ("sw-supervisor", f.SOUTH_WALES, "supervisor"),
        )
        for who, force_code, role in roles:
            self.step(f"staff {who}")
            self.staff[who] = f.staff_user(force_code=force_code, role=role, username=who.replace("-", "."))

        self.step("agency domestic abuse")
        domestic_abuse = f.support_agency(
            "Test Domestic Abuse Service", routes=((f.MET, "domestic_abuse"), (f.MET, "housing"))
        )
        self.step("agency isva")
        isva = f.support_agency(
            "Test ISVA Service", routes=((f.MET, "isva"), (f.MET, "sarc")), notification_email="isva@agency.example"
        )
        self.step("agency staff")
        self.agency_staff["da-worker"] = f.agency_user(domestic_abuse, username="da.worker")
        self.agency_staff["isva-worker"] = f.agency_user(isva, username="isva.worker")

        # (name, journey, answers): every journey in the Met's queue, and one in South Wales's.
        answers = {journey: base for journey, (base, _branches) in f.ANSWERS_BY_JOURNEY.items()}
        sent = (
            ("da-new", "domestic-abuse", answers["domestic-abuse"]),
            ("rsa-new", "rape-sexual-assault", answers["rape-sexual-assault"]),
            ("clares-law", "clares-law", dict(answers["clares-law"], at_risk_postcode="SW1A 1AA")),
            ("sarahs-law", "sarahs-law", dict(answers["sarahs-law"], child_postcode="SW1A 1AA")),
            ("da-claimed", "domestic-abuse", answers["domestic-abuse"]),
            ("da-graded", "domestic-abuse", answers["domestic-abuse"]),
            ("da-transfer", "domestic-abuse", answers["domestic-abuse"]),
            ("da-closed", "domestic-abuse", answers["domestic-abuse"]),
            ("rsa-allocated", "rape-sexual-assault", answers["rape-sexual-assault"]),
            ("sarahs-law-sw", "sarahs-law", answers["sarahs-law"]),
        )
        self.clock.move_to(BUILD_FROM)
        for name, journey, given in sent:
            self.step(f"report {name}")
            # Sent as the journey sends it; the outbox queues it and makes its referrals at once.
            self.reports[name] = f.submitted_journey_report(journey, given)
            report = self.reports[name]
            self.recorder.note(f"report {name}: {journey}, {report.reference}, force {report.force.code}")
            self.clock.shift(timedelta(hours=7))

        self.clock.move_to(WORK_AT)
        self.work()
        self.clock.move_to(WORK_AT + timedelta(hours=3))
        self.agencies_work()
        self.clock.move_to(WORK_AT + timedelta(hours=5))
        officer = self.as_staff("met-officer")
        url = reverse("support:officer_referral_new", args=[self.reports["da-graded"].pk])
        form = officer.get(url).content.decode()
        response = officer.post(
            url,
            {
                "route": choice_value(form, "route", "Housing or refuge service"),
                "consent_method": choice_value(form, "consent_method", "phone"),
            },
        )
        if response.status_code != 302:
            raise RuntimeError(f"The officer could not refer the report: {response.status_code}")

    def _post(self, who: str, name: str, report: str, data: dict | None = None, *, form_page: bool = False):
        """Posts a staff action about a report, after reading its form when the values come
        from it; time moves on ten minutes after each."""
        from django.urls import reverse

        browser = self.as_staff(who)
        url = reverse(name, args=[self.reports[report].reference])
        form = browser.get(url).content.decode() if form_page else ""
        response = browser.post(url, data(form) if callable(data) else (data or {}))
        if response.status_code != 302 or response["Location"].startswith(reverse("portal:staff_sign_in")):
            raise RuntimeError(f"{who} could not post {name} for {report}: {response.status_code}")
        self.clock.shift(timedelta(minutes=10))
        return response

    def work(self) -> None:
        self.recorder.note("set-up: force staff work reports")
        self._post("met-handler", "reporting:staff_report_claim", "da-claimed")
        self._post("met-officer", "reporting:staff_report_claim", "da-graded")
        self._post(
            "met-officer",
            "reporting:staff_report_grade",
            "da-graded",
            lambda form: {
                "grade": choice_value(form, "grade", "Priority"),
                "rationale": "Threats to kill and a recent injury.",
            },
            form_page=True,
        )
        levels = {"threat": "high", "harm": "high", "risk": "medium", "investigation": "medium"}
        thrive = {}
        for factor in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement"):
            thrive[f"{factor}_level"] = levels.get(factor, "low")
            thrive[f"{factor}_note"] = f"Note on {factor}."
        self._post("met-officer", "reporting:staff_report_thrive", "da-graded", thrive)
        self._post(
            "met-officer", "reporting:staff_report_note", "da-graded", {"text": "Called back; safe to talk after 6pm."}
        )
        self._post(
            "met-supervisor",
            "reporting:staff_report_transfer",
            "da-transfer",
            lambda form: {
                "force": choice_value(form, "force", "South Wales Police"),
                "reason": "The person has moved to Cardiff.",
            },
            form_page=True,
        )
        self._post(
            "met-supervisor",
            "reporting:staff_report_status",
            "da-closed",
            {"status": "closed", "outcome": "no_police_action_wanted", "note": "Did not want police action."},
        )
        self._post(
            "met-supervisor",
            "reporting:staff_report_assign",
            "rsa-allocated",
            lambda form: {"assignee": choice_value(form, "assignee", "(Case officer)")},
            form_page=True,
        )

    def agency_referral_urls(self, who: str) -> dict[str, str]:
        """The agency's referral pages, by the police reference each is listed with."""
        from django.urls import reverse

        inbox = self.as_staff(who).get(reverse("support:agency_inbox")).content.decode()
        found = re.findall(r'href="(/agency/referrals/[0-9a-f-]{36}/)">([0-9A-Z]{4}-[0-9A-Z]{4})<', inbox)
        return {reference: url for url, reference in found}

    def agencies_work(self) -> None:
        from django.utils import timezone

        self.recorder.note("set-up: agency staff answer referrals")
        urls = self.agency_referral_urls("da-worker")
        claimed, graded, closed = (self.reports[name].reference for name in ("da-claimed", "da-graded", "da-closed"))
        self._agency_post(urls[claimed] + "accept/")
        today = timezone.localdate()
        self._agency_post(
            urls[claimed] + "first-contact/",
            {
                "contacted_on_0": str(today.day),
                "contacted_on_1": str(today.month),
                "contacted_on_2": str(today.year),
                "note": "Spoke by phone, support plan agreed.",
            },
        )
        self._agency_post(urls[graded] + "accept/")
        self._agency_post(urls[closed] + "decline/", {"reason": "Outside the area we cover."})

    def _agency_post(self, url: str, data: dict | None = None) -> None:
        """Posts as the domestic abuse service's worker; time moves on half an hour after."""
        response = self.as_staff("da-worker").post(url, data or {})
        if response.status_code != 302 or response["Location"] != url.rsplit("/", 2)[0] + "/":
            raise RuntimeError(f"The agency could not post {url}: {response.status_code}")
        self.clock.shift(timedelta(minutes=30))


# --- The pages ----------------------------------------------------------------------------------


class Dump:
    def __init__(self, site: Site):
        self.site, self.recorder, self.f, self.Browser = site, site.recorder, site.f, site.Browser

    def browser(self, lang: str = "en", who: str = "public"):
        return self.Browser(self.recorder, who=who, lang=lang)

    def in_language(self, browser, lang: str, url: str):
        """Chooses the language as the language navigation does, then comes back to url."""
        from django.urls import reverse

        if lang != "en":
            browser.get(f"{reverse('portal:choose_language', args=[LANGUAGE_CODES[lang]])}?{urlencode({'next': url})}")
        return browser

    # Public pages -------------------------------------------------------------------------

    def public_pages(self) -> None:
        from django.urls import reverse

        pages = [
            reverse(name)
            for name in (
                "portal:home",
                "portal:staying_safe",
                "portal:accessibility",
                "portal:privacy",
                "portal:cookies",
                "reporting:about_data",
                "support:find_support",
                "support:directory",
                "portal:form_closed",
                "portal:exit",
                "portal:keep_alive",
            )
        ]
        pages += ["/no-such-page/", reverse("reporting:journey_start", args=["no-such-journey"])]
        for lang in LANGUAGES:
            self.recorder.note(f"public pages ({lang})")
            for url in pages:
                self.in_language(self.browser(lang), lang, url).page(url)

    def find_support(self) -> None:
        from django.urls import reverse

        def url(name: str, *pairs) -> str:
            return reverse(name) + (f"?{urlencode(pairs)}" if pairs else "")

        da, sv, me = ("help", "domestic_abuse"), ("help", "sexual_violence"), ("who", "me")
        pages = [
            url("support:question_help"),
            url("support:question_help", ("continue", "")),
            url("support:question_help", da, ("continue", "")),
            url("support:question_who", da),
            url("support:question_who", sv, ("help", "stalking")),
            url("support:question_who", da, ("continue", "")),
            url("support:question_who", da, me, ("continue", "")),
            url("support:question_who", sv, me, ("continue", "")),
            url("support:question_recent", sv, me),
            url("support:question_recent", sv, me, ("continue", "")),
            url("support:question_recent", sv, me, ("recent", "yes"), ("continue", "")),
            url("support:question_recent"),
            url("support:where", da, me),
            url("support:where", sv, me, ("recent", "no")),
            url("support:where"),
            url("support:question_area", da, me),
            url("support:question_area", da, me, ("area", "E23000001"), ("continue", "")),
            url("support:results"),
            url("support:results", da, me),
            url("support:results", da, me, ("area", "E23000001")),
            url("support:results", da, ("who", "someone_else"), ("area", "W15000003")),
            url("support:results", da, ("who", "own_behaviour")),
            url("support:results", sv, me, ("recent", "yes"), ("area", "W15000003")),
            url("support:results", sv, me, ("recent", "no"), ("area", "E23000001")),
            url("support:results", ("help", "stalking"), ("help", "honour_forced_marriage"), me, ("area", "E23000010")),
            url("support:results", ("help", "any_crime"), ("who", "someone_else")),
            url("support:results", ("help", "emotional_support"), me),
        ]
        where = reverse("support:where")
        posts = [
            ({"help": "domestic_abuse", "who": "me", "postcode": "SW1A 1AA"}, "london"),
            ({"help": "domestic_abuse", "who": "me", "postcode": ""}, "no-postcode"),
            ({"help": "domestic_abuse", "who": "me", "postcode": "NP16 1AA"}, "border"),
            ({"help": "domestic_abuse", "who": "me", "postcode": "ZZ99 9ZZ"}, "unknown"),
            ({"help": "domestic_abuse", "who": "me", "postcode": "not a postcode at all"}, "invalid"),
        ]
        for lang in LANGUAGES:
            self.recorder.note(f"find support ({lang})")
            for page in pages:
                self.in_language(self.browser(lang), lang, page).page(page)
            for data, state in posts:
                self.in_language(self.browser(lang), lang, where).posted_page(where, data, state=f"posted-{state}")

    # Signing in ---------------------------------------------------------------------------

    def sign_in(self) -> None:
        from django.urls import reverse
        from django_otp.plugins.otp_totp.models import TOTPDevice

        f = self.f
        sign_in, verify, set_up = (reverse(f"portal:staff_{name}") for name in ("sign_in", "verify", "set_up"))
        queue = reverse("reporting:staff_queue")
        self.recorder.note("signing in")
        anonymous = self.browser()
        for url in (
            sign_in,
            f"{sign_in}?timed_out=1",
            verify,
            set_up,
            reverse("portal:staff_home"),
            reverse("portal:staff_backup_codes"),
            queue,
            reverse("support:agency_inbox"),
        ):
            anonymous.page(url)

        user = self.site.staff["met-handler"]
        browser = self.browser(who="met-handler-signing-in")
        browser.page(f"{sign_in}?{urlencode({'next': queue})}")
        browser.posted_page(
            sign_in, {"username": user.username, "password": "not the password", "next": queue}, state="wrong-password"
        )
        browser.post(sign_in, {"username": user.username, "password": f.PASSWORD, "next": queue})
        browser.page(f"{verify}?{urlencode({'next': queue})}")
        browser.post(f"{verify}?{urlencode({'next': queue})}", {"code": f.current_code(user)})
        browser.post(reverse("portal:staff_sign_out"))
        browser.page(sign_in, state="signed-out")

        # A wrong code slows down the next try, and the clock stands still: another account.
        user = self.site.staff["met-admin"]
        browser = self.browser(who="met-admin-signing-in")
        browser.post(sign_in, {"username": user.username, "password": f.PASSWORD})
        browser.posted_page(verify, {"code": "000000"}, state="wrong-code")
        browser.posted_page(verify, {"code": f.current_code(user)}, state="right-code-too-soon")

        RANDOMNESS.reseed("build new starter")
        starter = f.user_without_authenticator("newstarter")
        browser = self.browser(who="newstarter")
        browser.post(sign_in, {"username": starter.username, "password": f.PASSWORD})
        browser.page(verify)
        browser.page(set_up)
        browser.page(set_up, state="again")
        device = TOTPDevice.objects.get(user=starter, confirmed=False)
        browser.post(set_up, {"code": f.code_for(device)})
        codes = reverse("portal:staff_backup_codes")
        browser.page(codes)
        browser.page(codes, state="shown-before")
        browser.page(reverse("portal:staff_home"))
        browser.post(codes)
        browser.page(codes, state="new-codes")

        RANDOMNESS.reseed("build second new starter")
        starter = f.user_without_authenticator("newstarter2")
        browser = self.browser(who="newstarter2")
        browser.post(sign_in, {"username": starter.username, "password": f.PASSWORD})
        browser.posted_page(set_up, {"code": "000000"}, state="wrong-code")

    # Force staff ---------------------------------------------------------------------------

    REPORT_PAGES = (
        "reporting:staff_report_claim",
        "reporting:staff_report_release",
        "reporting:staff_report_assign",
        "reporting:staff_report_grade",
        "reporting:staff_report_thrive",
        "reporting:staff_report_status",
        "reporting:staff_report_note",
        "reporting:staff_report_clock_met",
        "reporting:staff_report_transfer",
        "reporting:staff_report_transfer_accept",
        "reporting:staff_report_transfer_reject",
        "reporting:staff_report_audit",
    )

    def force_staff(self) -> None:
        from django.urls import reverse

        journeys = list(self.f.ANSWERS_BY_JOURNEY)
        for who in self.site.staff:
            self.recorder.note(f"force staff: {who}")
            browser = self.site.as_staff(who)
            browser.page(reverse("portal:staff_home"))
            browser.page(reverse("portal:staff_backup_codes"))
            queue = reverse("reporting:staff_queue")
            first = browser.page(queue).content.decode()
            tabs = links(first, r"\?status=[^#]*")
            for tab in tabs:
                page = browser.page(queue + tab).content.decode()
                for export in links(page, re.escape(reverse("reporting:staff_queue_export")) + r"\?.*"):
                    browser.page(export)
            for journey in journeys:
                browser.page(f"{queue}?{urlencode({'status': 'new', 'type': journey})}")
            browser.page(f"{queue}?{urlencode({'status': 'in_triage', 'mine': '1'})}")
            browser.page(reverse("reporting:staff_queue_export"))
            browser.page(reverse("reporting:staff_claim_next"))
            search = reverse("reporting:staff_search")
            browser.page(search)
            browser.page(f"{search}?{urlencode({'reference': self.site.reports['da-new'].reference})}")
            browser.page(f"{search}?{urlencode({'reference': 'ZZZZ-ZZZZ'})}")
            audit_list = browser.page(reverse("reporting:staff_audit_list")).content.decode()
            colleagues = links(audit_list, r"/staff/audit/staff/\d+/") or [
                reverse("reporting:staff_audit", args=[self.site.staff["met-handler"].pk])
            ]
            for colleague in colleagues:
                browser.page(colleague)
            browser.page(reverse("reporting:staff_dashboard"))
            browser.page(reverse("support:force_referrals"))
            for name, report in self.site.reports.items():
                self.recorder.note(f"force staff: {who}, report {name}")
                self.report_pages(browser, report)

    def report_pages(self, browser, report) -> None:
        from django.urls import reverse

        reference = report.reference
        page = reverse("reporting:staff_report", args=[reference])
        reason = reverse("reporting:staff_report_reason", args=[reference])
        browser.page(page, state="before-reason")
        browser.page(f"{reason}?{urlencode({'next': page})}")
        browser.posted_page(reason, {"reason": "other", "detail": "", "next": page}, state="posted-without-detail")
        browser.post(reason, {"reason": "triage", "next": page})
        browser.page(page)
        browser.page(reverse("reporting:staff_case_file", args=[reference]))
        for name in self.REPORT_PAGES:
            browser.page(reverse(name, args=[reference]))
        browser.page(reverse("support:officer_referral_new", args=[report.pk]))

    # Agency staff ---------------------------------------------------------------------------

    def agency_staff(self) -> None:
        from django.urls import reverse

        referrals = []
        for who in self.site.agency_staff:
            referrals += self.site.agency_referral_urls(who).values()
        for who in self.site.agency_staff:
            self.recorder.note(f"agency staff: {who}")
            browser = self.site.as_staff(who)
            browser.page(reverse("portal:staff_home"))
            browser.page(reverse("support:agency_inbox"))
            browser.page(f"{reverse('support:agency_inbox')}?page=2")
            browser.page(reverse("portal:staff_backup_codes"))
            browser.page(reverse("reporting:staff_queue"))
            browser.page(reverse("support:force_referrals"))
            browser.page(reverse("reporting:staff_report", args=[self.site.reports["da-new"].reference]))
            for url in referrals:
                for action in ("", "accept/", "decline/", "first-contact/"):
                    browser.page(url + action)

    # Reporting journeys -----------------------------------------------------------------------

    def journey_slugs(self, journey: str) -> list[str]:
        """Every page of the journey, in the order first reached when the journey's answer
        sets from tests/factories.py are walked through, one after another."""
        recorder, Browser = self.recorder, self.Browser

        class WalkEnded(Exception):
            pass

        class Walker(Browser):
            def __init__(self):
                super().__init__(recorder, who="walker")
                self.posted: list[str] = []

            def post(self, path, data=None, **extra):
                self.posted.append(path)
                response = super().post(path, data, **extra)
                if response.status_code == 302 and response["Location"] == path:
                    raise WalkEnded(path)  # a page that only leads to itself: the end of the road
                return response

        base, branches = self.f.ANSWERS_BY_JOURNEY[journey]
        slugs: list[str] = []
        for number, answers in enumerate((base, *branches)):
            walker, start, end = Walker(), None, None
            while end is None:
                try:
                    end = self.f.walk_journey(walker, journey, answers, start=start)
                except WalkEnded as ended:
                    end = f"{ended.args[0]} (leads only to itself)"
                except AssertionError:
                    # The answer set does not answer this page (it was made for reaching
                    # pages, not for sending): answer it as a person might, and go on.
                    stuck = walker.posted[-1]
                    response = walker.post(stuck, filled_in(walker.get(stuck).content.decode(), answers))
                    self.recorder.note(f"walk {journey} with answer set {number}: filled in {stuck}")
                    if response.status_code != 302:
                        end = f"{stuck} (not accepted even when filled in)"
                    start = response.get("Location")
            self.recorder.note(f"walk {journey} with answer set {number}: ended at {end}")
            for path in walker.posted:
                slug = path.rstrip("/").split("/")[-1]
                if slug not in slugs:
                    slugs.append(slug)
        return slugs

    def journeys(self) -> None:
        from django.conf import settings
        from django.urls import reverse

        for journey in self.f.ANSWERS_BY_JOURNEY:
            self.recorder.note(f"journey {journey}: finding its pages")
            slugs = self.journey_slugs(journey)
            start = reverse("reporting:journey_start", args=[journey])
            resume = reverse("reporting:journey_resume", args=[journey])
            for lang in LANGUAGES:
                self.recorder.note(f"journey {journey} ({lang})")
                self.in_language(self.browser(lang), lang, start).page(start)
                for slug in slugs:
                    url = reverse("reporting:journey_page", args=[journey, slug])
                    for state in ("", "errors"):
                        RANDOMNESS.reseed(f"build draft {journey} {slug} {lang} {state}")
                        browser = self.browser(lang)
                        browser.cookies[settings.SESSION_COOKIE_NAME] = self.f.session_with_draft_reaching(
                            slug, journey=journey
                        )
                        self.in_language(browser, lang, url)
                        if state == "errors":
                            browser.post(url, {})  # nothing answered: the page shows its errors
                        browser.page(url, state=state)
                self.save_and_resume(journey, lang, slugs, resume)
                self.send(journey, lang, start)

    def save_and_resume(self, journey: str, lang: str, slugs: list[str], resume: str) -> None:
        from django.urls import reverse

        browser = self.in_language(self.browser(lang), lang, resume)
        browser.page(resume)
        base, _branches = self.f.ANSWERS_BY_JOURNEY[journey]
        url = self.f.walk_journey(browser, journey, base, until=slugs[min(3, len(slugs) - 1)])
        saved = browser.posted_page(url, {"action": "save"}, state="saved").content.decode()
        renewed = browser.posted_page(reverse("reporting:journey_save", args=[journey]), {}, state="new-code")
        old_code, new_code = (
            re.search(r'id="return-code">([^<]+)<', page).group(1) for page in (saved, renewed.content.decode())
        )
        returning = self.in_language(self.browser(lang), lang, resume)
        returning.posted_page(resume, {"code": "ABCD-EFGH-JKMN"}, state="wrong-code")
        returning.posted_page(resume, {"code": old_code}, state="old-code")
        returning.page(resume, state="after-wrong-codes")
        back = returning.post(resume, {"code": new_code})
        returning.page(back["Location"], state="resumed")

    def send(self, journey: str, lang: str, start: str) -> None:
        from django.urls import reverse

        check = reverse("reporting:journey_check_answers", args=[journey])
        sent = reverse("reporting:journey_sent", args=[journey])
        browser = self.in_language(self.browser(lang), lang, start)
        browser.page(check, state="no-draft")
        base, _branches = self.f.ANSWERS_BY_JOURNEY[journey]
        self.f.walk_journey(browser, journey, base)
        page = browser.page(check).content.decode()
        key = re.search(r'name="submission_key" value="([^"]*)"', page)
        browser.post(check, {"submission_key": key.group(1) if key else ""})
        browser.page(sent)
        browser.page(check, state="after-sending")
        browser.page(reverse("reporting:journey_page", args=[journey, "no-such-page"]))


# --- Running it ---------------------------------------------------------------------------------


def setup_django() -> None:
    os.chdir(REPO)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.pop("REDIS_URL", None)
    RANDOMNESS.install()
    RANDOMNESS.reseed("django setup")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import CommandError, call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Every 404 and 405 asked for on purpose would be logged as a warning (errors still are),
    # and so would every failed sign-in (axes) and the unused broker's address (kombu).
    for logger in ("django.request", "axes", "kombu"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    try:
        call_command("compilemessages", ignore_patterns=["node_modules", ".venv", "var", "tests", "bench"], verbosity=0)
    except CommandError as error:
        print(f"Warning: the Welsh catalogue was not compiled ({error}); using the one there is.", file=sys.stderr)
    call_command("migrate", verbosity=0)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        print(f"Usage: .venv/bin/python -m {MODULE} OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[0]).resolve()
    if outdir.exists() and any(outdir.iterdir()):
        print(f"{outdir} is not empty: give a new folder.", file=sys.stderr)
        return 2
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Fixed set and dict orders everywhere: start again with a fixed hash seed.
        os.execve(sys.executable, [sys.executable, "-m", MODULE, *argv], {**os.environ, "PYTHONHASHSEED": "0"})  # noqa: S606
    outdir.mkdir(parents=True, exist_ok=True)

    import time_machine

    with time_machine.travel(BUILD_FROM, tick=False) as clock:
        setup_django()
        CaseFileCapture.install()
        recorder = Recorder(outdir)
        site = Site(recorder, clock)
        site.build()
        clock.move_to(DUMP_AT)
        dump = Dump(site)
        dump.public_pages()
        dump.find_support()
        dump.sign_in()
        dump.force_staff()
        dump.agency_staff()
        dump.journeys()
        files = recorder.finish()
    print(f"{files} files ({files - 2} pages, index.txt and emails.txt) from {recorder.requests} requests in {outdir}")
    if recorder.server_errors:
        print(f"{len(recorder.server_errors)} server errors (5xx), see index.txt:", file=sys.stderr)
        for line in recorder.server_errors[:20]:
            print(f"  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
