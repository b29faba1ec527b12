"""A load and fault driver of our own: simulated people walking a journey over HTTP as a
browser without JavaScript would. Each person keeps their own cookies, reads each page's
form, fills in the fields from a set of answers, posts it and follows the redirect, until the
confirmation page gives them a reference.

Loopback only, bounded in people and in time, and it stops by itself.
"""

import http.client
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

MAX_PAGES = 80  # a journey longer than this is going round in circles
REQUEST_TIMEOUT = 60


# --- reading pages -------------------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str
    # (kind, name, value, checked) in document order; kind is the input type, "textarea",
    # "select" (value: the selected option) or "button".
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)


class PageParser(HTMLParser):
    """The forms, the title, the reference and the first start button of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.title = ""
        self.reference = ""
        self.start_link = ""
        self._form: Form | None = None
        self._text_target: str | None = None
        self._textarea: list | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(method=attributes.get("method", "get").lower(), action=attributes.get("action", ""))
            self.forms.append(self._form)
        elif tag == "title":
            self._text_target = "title"
        elif tag == "strong" and attributes.get("id") == "reference":
            self._text_target = "reference"
        elif tag == "a" and "govuk-button--start" in attributes.get("class", "") and not self.start_link:
            self.start_link = attributes.get("href", "")
        elif self._form is not None and attributes.get("name") and "disabled" not in attributes:
            name = attributes["name"]
            if tag == "input":
                kind = attributes.get("type", "text").lower()
                self._form.fields.append((kind, name, attributes.get("value", ""), "checked" in attributes))
                if kind in ("radio", "checkbox"):
                    self._form.options.setdefault(name, []).append(attributes.get("value", "on"))
            elif tag == "button" and attributes.get("type", "submit") == "submit":
                self._form.fields.append(("button", name, attributes.get("value", ""), False))
            elif tag == "textarea":
                self._textarea = [name, ""]
            elif tag == "select":
                self._select = name
                self._form.fields.append(("select", name, "", False))
        if tag == "option" and self._select and self._form is not None:
            value = attributes.get("value", "")
            self._form.options.setdefault(self._select, []).append(value)
            if "selected" in attributes or not self._form.fields[-1][2]:
                self._form.fields[-1] = ("select", self._select, value, False)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag in ("title", "strong"):
            self._text_target = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.fields.append(("textarea", self._textarea[0], self._textarea[1], False))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._text_target == "title":
            self.title += data
        elif self._text_target == "reference":
            self.reference += data.strip()
        if self._textarea is not None:
            self._textarea[1] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    parser.title = " ".join(parser.title.split())
    return parser


def main_form(page: PageParser) -> Form | None:
    """The form a person fills in: the one that continues or sends (not the language switch)."""
    for form in page.forms:
        if form.method != "post":
            continue
        names = {name for _kind, name, _value, _checked in form.fields}
        if "submission_key" in names or any(
            kind == "button" and name == "action" and value == "continue" for kind, name, value, _ in form.fields
        ):
            return form
    return None


def filled(form: Form, answers: dict) -> list[tuple[str, str]]:
    """What a browser sends for this form once a person has given these answers, clicking the
    continue button (or the only submit button)."""
    data: list[tuple[str, str]] = []
    for kind, name, value, checked in form.fields:
        if kind == "button":
            if name == "action" and value == "continue":
                data.append((name, value))
            continue
        if kind in ("submit", "image", "reset", "file"):
            continue
        answer = answers.get(name)
        if kind in ("radio", "checkbox"):
            if name in answers:
                chosen = answer if isinstance(answer, list) else [answer]
                unknown = set(map(str, chosen)) - set(form.options.get(name, []))
                if unknown:
                    raise WalkError(f"no option {sorted(unknown)} for {name!r}")
                if value in map(str, chosen):
                    data.append((name, value))
            elif checked:
                data.append((name, value))
        elif kind == "hidden" or name not in answers:
            data.append((name, value))
        else:
            data.append((name, "" if answer is None else str(answer)))
    return data


# --- a person ------------------------------------------------------------------------------


class WalkError(Exception):
    """The journey did not go as a person would expect (a form error, a page with no form)."""


@dataclass
class Response:
    status: int
    location: str
    body: str
    seconds: float


@dataclass
class Outcome:
    reference: str = ""
    error: str = ""
    sends: int = 0  # how many times the person pressed Send
    # (status, title) of every failed send or failed page: what the person saw.
    seen_failures: list[tuple[int, str, str]] = field(default_factory=list)
    # The text of every page a failed send showed, for tests that read what it said.
    failed_send_pages: list[str] = field(default_factory=list)


class Person:
    """One simulated person: their own cookies, a browser's way with forms and redirects."""

    def __init__(
        self, base_url: str, *, results: "Results", stop: threading.Event, retry_for: float = 0.0, before_send=None
    ):
        parts = urlsplit(base_url)
        if parts.hostname != "127.0.0.1":
            raise ValueError("The driver only talks to 127.0.0.1.")
        self.base_url, self.port = base_url, parts.port
        self.cookies: dict[str, str] = {}
        self.results = results
        self.stop = stop
        # When a page fails (5xx, connection refused), try again for this long, a second
        # apart, as a person would reload; 0 gives up at once.
        self.retry_for = retry_for
        # Called on check your answers, before pressing Send (for tests that time a fault).
        self.before_send = before_send

    # HTTP -------------------------------------------------------------------------------
    def request(self, method: str, url: str, data: list[tuple[str, str]] | None = None) -> Response:
        path = urlsplit(urljoin(self.base_url, url))
        target = path.path + (f"?{path.query}" if path.query else "")
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "waymark-stack-test", "Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.base_url
            headers["Referer"] = urljoin(self.base_url, url)
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, target, body=body, headers=headers)
            reply = connection.getresponse()
            text = reply.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        seconds = time.monotonic() - started
        for header, value in reply.getheaders():
            if header.lower() == "set-cookie":
                self._remember(value)
        self.results.status(reply.status, target)
        return Response(reply.status, reply.getheader("Location") or "", text, seconds)

    def _remember(self, set_cookie: str) -> None:
        pair, *attributes = [part.strip() for part in set_cookie.split(";")]
        name, _, value = pair.partition("=")
        expired = any(
            a.lower() in ("max-age=0",) or a.lower().startswith("expires=thu, 01 jan 1970") for a in attributes
        )
        if expired:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def get(self, url: str) -> tuple[str, Response]:
        """GET, following redirects as a browser does; returns the final URL and response."""
        for _hop in range(10):
            response = self.request("GET", url)
            if response.status in (301, 302, 303, 307, 308):
                url = urljoin(self.base_url, response.location)
                continue
            return url, response
        raise WalkError(f"too many redirects from {url}")

    def patiently(self, attempt, what: str, outcome: Outcome):
        """Runs `attempt` (one request, or a GET with its redirects) again while the site
        fails, for up to `retry_for` seconds."""
        deadline = time.monotonic() + self.retry_for
        while True:
            try:
                result = attempt()
                status = result[1].status if isinstance(result, tuple) else result.status
                body = result[1].body if isinstance(result, tuple) else result.body
                if status < 500:
                    return result
                outcome.seen_failures.append((status, what, parse(body).title))
                if what == "send":
                    outcome.failed_send_pages.append(body)
            except OSError as error:
                outcome.seen_failures.append((0, what, type(error).__name__))
            if time.monotonic() >= deadline or self.stop.wait(1.0):
                raise WalkError(f"{what} kept failing")

    # the journey --------------------------------------------------------------------------
    def report(self, start_path: str, answers: dict) -> Outcome:
        outcome = Outcome()
        try:
            self._walk(start_path, answers, outcome)
        except (WalkError, OSError) as error:
            outcome.error = f"{type(error).__name__}: {error}"
        return outcome

    def _walk(self, start_path: str, answers: dict, outcome: Outcome) -> None:
        url, response = self.patiently(lambda: self.get(start_path), "start page", outcome)
        start_link = parse(response.body).start_link
        if not start_link:
            raise WalkError(f"no start button on {url}")
        url, response = self.patiently(lambda: self.get(urljoin(url, start_link)), "first question", outcome)
        for _page in range(MAX_PAGES):
            page = parse(response.body)
            if page.reference:
                outcome.reference = page.reference
                return
            form = main_form(page)
            if form is None:
                raise WalkError(f"no form on {urlsplit(url).path} ({response.status} {page.title!r})")
            data = filled(form, answers)
            action = urljoin(url, form.action or url)
            sending = any(name == "submission_key" for name, _value in data)
            if sending:
                outcome.sends += 1
                if self.before_send is not None:
                    self.before_send()
            posted = self.patiently(
                lambda action=action, data=data: self.request("POST", action, data),
                "send" if sending else "answer",
                outcome,
            )
            self.results.timing("send" if sending else "answer", posted.seconds)
            if posted.status not in (302, 303):
                if sending:
                    # Not sent (the calm page says so): what did the person see?
                    outcome.seen_failures.append((posted.status, "send", parse(posted.body).title))
                    outcome.failed_send_pages.append(posted.body)
                    raise WalkError(f"send answered {posted.status} {parse(posted.body).title!r}")
                raise WalkError(f"{urlsplit(action).path} answered {posted.status} {parse(posted.body).title!r}")
            next_url = urljoin(action, posted.location)
            started = time.monotonic()
            url, response = self.patiently(lambda next_url=next_url: self.get(next_url), "page", outcome)
            if "/sent/" not in url:
                self.results.timing("page", time.monotonic() - started)
            if response.status != 200:
                raise WalkError(f"{urlsplit(url).path} answered {response.status}")
        raise WalkError("the journey did not end")


# --- many people -----------------------------------------------------------------------------


class Results:
    """What every person did: outcomes, statuses and timings, safe to add to from threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.outcomes: list[Outcome] = []
        self.statuses: dict[int, int] = {}
        self.server_errors: list[tuple[int, str, float]] = []
        self.timings: dict[str, list[float]] = {"page": [], "answer": [], "send": []}
        self.started = time.monotonic()

    def status(self, status: int, path: str) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500:
                self.server_errors.append((status, path, time.monotonic() - self.started))

    def timing(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.timings[kind].append(seconds)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    @property
    def references(self) -> list[str]:
        return [outcome.reference for outcome in self.outcomes if outcome.reference]

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.reference]

    def percentile(self, kind: str, fraction: float) -> float:
        values = sorted(self.timings[kind])
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(fraction * len(values)))]

    def summary(self) -> str:
        figures = ", ".join(
            f"{kind} p50 {self.percentile(kind, 0.5) * 1000:.0f} ms p95 {self.percentile(kind, 0.95) * 1000:.0f} ms"
            f" (n={len(self.timings[kind])})"
            for kind in self.timings
        )
        return (
            f"{len(self.references)} reports sent by {len(self.outcomes)} people, "
            f"{len(self.failed)} not sent; statuses {dict(sorted(self.statuses.items()))}; {figures}"
        )


def drive(
    base_url: str,
    *,
    people: int,
    seconds: float,
    answers: dict,
    start_path: str = "/report/domestic-abuse/",
    max_reports: int = 5000,
    retry_for: float = 0.0,
    before_send=None,
    stop: threading.Event | None = None,
) -> Results:
    """`people` at once, each starting a new report (a new person: fresh cookies) as soon as
    the last one ends, for `seconds`; reports under way at the end are finished. Returns when
    every thread has stopped (a hard limit of `seconds` + 5 minutes). Setting `stop` ends the
    run early."""
    results = Results()
    stop = stop or threading.Event()
    deadline = time.monotonic() + seconds
    started = [0]

    def one_at_a_time() -> None:
        while time.monotonic() < deadline and not stop.is_set():
            with results.lock:
                if started[0] >= max_reports:
                    return
                started[0] += 1
            person = Person(base_url, results=results, stop=stop, retry_for=retry_for, before_send=before_send)
            results.add(person.report(start_path, answers))

    threads = [threading.Thread(target=one_at_a_time, name=f"person-{n}", daemon=True) for n in range(people)]
    for thread in threads:
        thread.start()
    hard_limit = time.monotonic() + seconds + 300
    for thread in threads:
        thread.join(timeout=max(0.0, hard_limit - time.monotonic()))
    stop.set()
    if any(thread.is_alive() for thread in threads):
        raise TimeoutError("Simulated people were still busy 5 minutes after the end of the run.")
    return results
