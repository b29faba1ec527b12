"""Questions asked again for each of several things, such as every address someone has lived
at, declared once.

A Repeat becomes ordinary pages, one for each thing, revealed one at a time: each page asks
about one thing and ends with "Is there another?". Answering yes shows the next page; no (or
leaving it) ends the list. Each page after the first lists what has been added so far. It
works without JavaScript, and everything else in the engine (going back, check your
answers, saving, branches) works on these pages as on any other.

The pages are numbered ("Previous address 2"): put `%(number)d` in any wording to say which.
A question declared as `Text(name="postcode", ...)` is asked on page n under the name
`<name>_<n>_postcode`, so each answer keeps its own place in the report.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .conditions import AllOf, Is, always
from .flow import Page
from .questions import Option, Question, Radios
from .wording import Answers, Condition, Format, Voice, Wording

YES = "yes"
LIMIT_REACHED = _(
    "This is the last one you can add here. You can tell the officer about any others when they contact you."
)


def _numbered(wording: Wording | None, number: int) -> Wording | None:
    return None if wording is None else Format(wording, number=number)


@dataclass(frozen=True, kw_only=True)
class Repeat:
    slug: str
    section: str
    name: str
    # The questions about one thing; their wording can say %(number)d.
    questions: tuple[Question, ...]
    title: Wording
    # "Is there another?", asked at the end of each page but the last.
    another: Wording
    # Check your answers' label for that question, e.g. "More addresses after address %(number)d".
    another_summary: Wording
    another_hint: Wording | None = None
    body: tuple[Wording, ...] = ()
    # Whether the first page is shown at all, e.g. after "Have they lived anywhere else?".
    when: Condition = always
    limit: int = 10
    limit_reached: Wording = LIMIT_REACHED

    def __post_init__(self):
        if self.limit < 1:
            raise ValueError(f"Repeat {self.slug} needs a limit of at least 1")

    def item_name(self, number: int, question: Question) -> str:
        return f"{self.name}_{number}_{question.name}"

    def another_name(self, number: int) -> str:
        return f"{self.name}_{number}_another"

    def _question(self, number: int, question: Question) -> Question:
        return dataclasses.replace(
            question,
            name=self.item_name(number, question),
            label=_numbered(question.label, number),
            hint=_numbered(question.hint, number),
            required=_numbered(question.required, number),
            summary=_numbered(question.summary or question.label, number),
        )

    def page(self, number: int) -> Page:
        questions = tuple(self._question(number, question) for question in self.questions)
        last = number == self.limit
        if not last:
            questions += (
                Radios(
                    name=self.another_name(number),
                    label=_numbered(self.another, number),
                    hint=_numbered(self.another_hint, number),
                    summary=_numbered(self.another_summary, number),
                    options=(Option(YES, _("Yes")), Option("no", _("No"))),
                    inline=True,
                ),
            )
        when = self.when if number == 1 else AllOf(self.when, Is(self.another_name(number - 1), YES))
        body = tuple(_numbered(paragraph, number) for paragraph in self.body)
        return Page(
            slug=f"{self.slug}-{number}",
            section=self.section,
            when=when,
            title=_numbered(self.title, number),
            body=(*body, self.limit_reached) if last else body,
            questions=questions,
            template="reporting/journey/repeat.html",
            context=lambda answers: {"added": self.added(answers, before=number)},
        )

    def added(self, answers: Answers, *, before: int) -> list[str]:
        """What the things before number `before` were, in a few words each: the first
        answer given about each, or its title."""
        shown = []
        for number, item in enumerate(self.items(answers)[: before - 1], start=1):
            given = [value for value in item.values() if isinstance(value, str) and value.strip()]
            shown.append(given[0] if given else Voice(answers=answers).say(_numbered(self.title, number)))
        return shown

    def pages(self) -> tuple[Page, ...]:
        return tuple(self.page(number) for number in range(1, self.limit + 1))

    def items(self, answers: Answers) -> list[dict[str, Any]]:
        """The things given, in order, each as {question name as declared: answer}. Stops
        where the person said there were no more."""
        if not self.when(answers):
            return []
        items = []
        for number in range(1, self.limit + 1):
            names = {question.name: self.item_name(number, question) for question in self.questions}
            if not any(name in answers for name in names.values()):
                break
            items.append({declared: answers.get(name) for declared, name in names.items()})
            if answers.get(self.another_name(number)) != YES:
                break
        return items
