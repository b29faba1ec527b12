"""A journey as data, and the rules for moving through it.

A Flow is an ordered list of Pages, each in a Section, each shown when its condition holds
for the answers given on the pages shown before it. Everything here is pure: no database,
no request. The views keep a JourneyState in a draft and ask the Flow where to go next.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..routing import RoutingDecision
from .checks import Check
from .conditions import always
from .questions import Question
from .wording import Answers, Condition, Voice, Wording

# URL names under a journey that a page slug must not take.
RESERVED_SLUGS = frozenset({"check-your-answers", "please-check", "save", "resume", "sent"})
CONTINUE = _("Continue")


@dataclass(frozen=True)
class Section:
    key: str
    title: Wording


@dataclass(frozen=True, kw_only=True)
class Forget:
    """Answers that an answer rules out, such as every contact detail once someone chooses to
    report anonymously. Declared on the page whose answer decides (`Page.forgets`).

    When `when` holds, the answers to the questions on `pages` are deleted from the draft as
    soon as the deciding page is answered (with anything typed on them that did not
    validate), and those pages count as not done, so choosing otherwise later asks them
    again. Flow.answers leaves them out whatever the draft holds, so they are never sent.
    """

    when: Condition
    pages: tuple["Page", ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(question.name for page in self.pages for question in page.questions)


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page of a journey.

    A page with one question and no title uses the question as its heading (the GOV.UK
    pattern). A page with no questions is a content page: it says something (a content
    warning, what to do in an emergency) and has a button to carry on, unless it is
    `terminal`, in which case the journey cannot go past it (a report we cannot take).
    """

    slug: str
    section: str
    questions: tuple[Question, ...] = ()
    title: Wording | None = None
    body: tuple[Wording, ...] = ()
    warning: Wording | None = None
    why: Wording | None = None
    when: Condition = always
    terminal: bool = False
    continue_label: Wording = CONTINUE
    template: str = "reporting/journey/page.html"
    # Extra template context worked out from the answers (for example, a force's details).
    context: Callable[[Answers], dict[str, Any]] | None = None
    # Answers this page's answer can rule out (see Forget).
    forgets: tuple[Forget, ...] = ()

    @property
    def asks(self) -> bool:
        return bool(self.questions)

    @property
    def question_is_heading(self) -> bool:
        return len(self.questions) == 1 and self.title is None and not self.body


@dataclass
class JourneyState:
    """Where one person is in one journey: what they answered, which pages they have
    finished, and anything typed on a page that did not validate (kept, never lost)."""

    answers: dict[str, Any] = field(default_factory=dict)
    completed: list[str] = field(default_factory=list)
    unsaved: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Checks (engine.checks) the person chose to carry on past, with the answers they read.
    confirmed: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "JourneyState":
        data = data or {}
        return cls(
            answers=dict(data.get("answers", {})),
            completed=list(data.get("completed", [])),
            unsaved=dict(data.get("unsaved", {})),
            confirmed=dict(data.get("confirmed", {})),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "completed": self.completed,
            "unsaved": self.unsaved,
            "confirmed": self.confirmed,
        }

    def confirm(self, check: Check, answers: Answers) -> None:
        """The person chose to carry on with these answers as they are."""
        self.confirmed[check.key] = _as_stored(check.snapshot(answers))

    def record(self, page: Page, cleaned: dict[str, Any], *, finished: bool = True) -> None:
        """Keeps a page's valid answers. An unfinished page (saved to come back to) keeps
        them without counting as done, so the person comes back to it."""
        for question in page.questions:
            self.answers[question.name] = cleaned.get(question.name)
        if finished and page.slug not in self.completed:
            self.completed.append(page.slug)
        self.unsaved.pop(page.slug, None)
        for forget in page.forgets:
            if forget.when(self.answers):
                self.forget(forget)

    def forget(self, forget: Forget) -> None:
        """Deletes what was given on the pages ruled out, typed or saved."""
        for page in forget.pages:
            for question in page.questions:
                self.answers.pop(question.name, None)
            self.unsaved.pop(page.slug, None)
            if page.slug in self.completed:
                self.completed.remove(page.slug)

    def keep_unsaved(self, page: Page, raw: dict[str, Any]) -> None:
        self.unsaved[page.slug] = raw


@dataclass(frozen=True)
class SummaryRow:
    page: Page
    question: Question
    label: str
    value: str | list[str]
    long_text: bool


@dataclass(frozen=True)
class SummarySection:
    title: str
    rows: tuple[SummaryRow, ...]


@dataclass(frozen=True)
class Progress:
    """Where the person is: the section's name, and nothing more. A count ("part 3 of 9")
    would change as answers open or close branches, so it could jump or go backwards; the
    GOV.UK question pages pattern shows the section name as the caption instead."""

    section_title: str


@dataclass(frozen=True, kw_only=True)
class Flow:
    """The pages of one journey, and the few facts only the journey knows."""

    slug: str
    sections: tuple[Section, ...]
    pages: tuple[Page, ...]
    # True when the person is reporting for someone else: the pages then say "they".
    someone_else: Condition = lambda answers: False
    # Which force the answers route to; None until the location pages are answered.
    routing: Callable[[Answers], RoutingDecision | None] = lambda answers: None
    # The risk indicators triage reads, as stable codes.
    risk_indicators: Callable[[Answers], list[str]] = lambda answers: []
    # Answers that contradict each other, queried before check your answers (engine.checks).
    checks: tuple[Check, ...] = ()

    def __post_init__(self):
        slugs = [page.slug for page in self.pages]
        names = [question.name for page in self.pages for question in page.questions]
        sections = {section.key for section in self.sections}
        problems = [f"duplicate page {slug}" for slug in set(slugs) if slugs.count(slug) > 1]
        problems += [f"duplicate question {name}" for name in set(names) if names.count(name) > 1]
        problems += [f"reserved page slug {slug}" for slug in slugs if slug in RESERVED_SLUGS]
        problems += [f"unknown section {p.section} on {p.slug}" for p in self.pages if p.section not in sections]
        keys = [check.key for check in self.checks]
        problems += [f"duplicate check {key}" for key in set(keys) if keys.count(key) > 1]
        problems += [f"check {c.key} goes back to unknown page {c.page}" for c in self.checks if c.page not in slugs]
        if problems:
            raise ValueError(f"Journey {self.slug} is declared wrongly: {', '.join(sorted(problems))}")

    def page(self, slug: str) -> Page | None:
        return next((page for page in self.pages if page.slug == slug), None)

    def _walk(self, state: JourneyState) -> Iterator[tuple[Page, dict[str, Any]]]:
        """Yields each page shown for these answers, with the answers it can see."""
        seen: dict[str, Any] = {}
        for page in self.pages:
            if page.when(seen):
                yield page, dict(seen)
                for question in page.questions:
                    if question.name in state.answers:
                        seen[question.name] = state.answers[question.name]

    def shown(self, state: JourneyState) -> list[Page]:
        return [page for page, _seen in self._walk(state)]

    def answers(self, state: JourneyState) -> dict[str, Any]:
        """The answers that count: those on pages shown for the answers given.

        An answer left on a branch the person closed stays in the draft (so it comes back if
        they reopen the branch) but is not part of the report. An answer another answer has
        ruled out (Forget) is never part of it.
        """
        shown = self.shown(state)
        answers = {
            question.name: state.answers[question.name]
            for page in shown
            if page.slug in state.completed
            for question in page.questions
            if question.name in state.answers
        }
        forgotten = self.forgotten(answers)
        return {name: value for name, value in answers.items() if name not in forgotten}

    def forgotten(self, answers: Answers) -> frozenset[str]:
        """The questions these answers rule out, whatever pages are shown."""
        return frozenset().union(
            *(forget.names for page in self.pages for forget in page.forgets if forget.when(answers))
        )

    def voice(self, state: JourneyState) -> Voice:
        answers = self.answers(state)
        return Voice(answers=answers, them=self.someone_else(answers))

    def first_unfinished(self, state: JourneyState) -> Page | None:
        return next((page for page in self.shown(state) if page.slug not in state.completed), None)

    def can_visit(self, page: Page, state: JourneyState) -> bool:
        """A page can be visited when it is shown and every page before it is finished:
        nobody reaches a later question by typing its address."""
        for shown in self.shown(state):
            if shown == page:
                return True
            if shown.slug not in state.completed:
                return False
        return False

    def next_page(self, page: Page, state: JourneyState) -> Page | None:
        shown = self.shown(state)
        if page not in shown:
            return self.first_unfinished(state)
        after = shown[shown.index(page) + 1 :]
        return after[0] if after else None

    def previous_page(self, page: Page, state: JourneyState) -> Page | None:
        shown = self.shown(state)
        if page not in shown or shown.index(page) == 0:
            return None
        return shown[shown.index(page) - 1]

    def is_finished(self, state: JourneyState) -> bool:
        return self.first_unfinished(state) is None

    def check(self, key: str) -> Check | None:
        return next((check for check in self.checks if check.key == key), None)

    def pending_check(self, state: JourneyState) -> Check | None:
        """The first check whose answers contradict each other, unless the person chose to
        carry on with those very answers."""
        answers = self.answers(state)
        for check in self.checks:
            if check.when(answers) and state.confirmed.get(check.key) != _as_stored(check.snapshot(answers)):
                return check
        return None

    def progress(self, page: Page, state: JourneyState) -> Progress:
        section = next(s for s in self.sections if s.key == page.section)
        return Progress(section_title=self.voice(state).say(section.title))

    def summary(self, state: JourneyState) -> list[SummarySection]:
        """What check your answers shows: every question on a shown page, by section."""
        voice = self.voice(state)
        answers = voice.answers
        forgotten = self.forgotten(answers)
        rows_by_section: dict[str, list[SummaryRow]] = {}
        for page in self.shown(state):
            for question in page.questions:
                if question.name in forgotten:
                    continue
                rows_by_section.setdefault(page.section, []).append(
                    SummaryRow(
                        page=page,
                        question=question,
                        label=voice.say(question.summary or question.label),
                        value=question.display(answers.get(question.name), voice, answers),
                        long_text=question.is_long_text(),
                    )
                )
        return [
            SummarySection(title=voice.say(section.title), rows=tuple(rows_by_section[section.key]))
            for section in self.sections
            if section.key in rows_by_section
        ]

    def record_of_questions(self, state: JourneyState) -> list[dict[str, str]]:
        """The questions as the person saw them, with their answers, kept with a report so
        staff read what was asked even after the journey's wording changes. Each names its
        answer, so a part of the report (the safe-contact panel) can find its own."""
        return [
            {
                "section": section.title,
                "name": row.question.name,
                "question": row.label,
                "answer": "\n".join(row.value) if isinstance(row.value, list) else row.value,
            }
            for section in self.summary(state)
            for row in section.rows
        ]


def _as_stored(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot as it reads back from a saved draft (JSON): lists, never tuples."""
    return {name: list(value) if isinstance(value, tuple) else value for name, value in snapshot.items()}
