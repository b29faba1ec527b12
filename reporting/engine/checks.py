"""Answers that contradict each other, queried kindly before check your answers.

A journey declares its checks as data (`Flow.checks`): when a check's condition holds for
the answers that count, the person sees a "please check" page before check your answers,
with the check's message and one question: go back and change an answer (the check's
`page`), or carry on with the answers as they are. Carrying on is remembered with the
answers the check reads (`JourneyState.confirmed`), so the same answers are not queried
twice, and a change to any of them asks again. Nothing is refused: a contradiction may be
how it really was, and the person decides.

    Check(
        key="not-recent-but-within-7-days",
        when=AllOf(Is("recent", "no"), Is("when_roughly", "today", "yesterday", "this_week")),
        reads=("recent", "when_roughly"),
        page="recent",
        message=_("You told us it did not happen in the last 7 days, but also that ..."),
    )
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from .wording import Answers, Condition, Wording


@dataclass(frozen=True, kw_only=True)
class Check:
    # Stable, in the address of its page: letters, digits and hyphens.
    key: str
    # When the answers contradict each other.
    when: Condition
    # The answers the condition compares: the ones shown on the page, and the ones whose
    # change asks again after the person chose to carry on.
    reads: tuple[str, ...]
    # The slug of the page to go back to, to change an answer.
    page: str
    # What seems not to fit, said kindly and without blame.
    message: Wording

    def snapshot(self, answers: Answers) -> dict[str, Any]:
        return {name: answers.get(name) for name in self.reads}


# A date typed as numbers: 3/3/2025, 03-03-25, 3.3.2025 or 2025-03-03.
_DAY_FIRST = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def dates_in(text: str) -> list[date]:
    """The whole dates written as numbers in a sentence (day first, as in the UK); words and
    partial dates are left alone."""
    found = []
    matches = [(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    matches += [(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d)) for d, m, y in _DAY_FIRST.findall(text)]
    for year, month, day in matches:
        try:
            found.append(date(year, month, day))
        except ValueError:
            continue
    return found


@dataclass(frozen=True)
class MentionsDateWithin:
    """The free-text answer `name` gives a date within the last `days` days (or later)."""

    name: str
    days: int

    def __call__(self, answers: Answers) -> bool:
        text = answers.get(self.name)
        if not isinstance(text, str):
            return False
        since = timezone.localdate() - timedelta(days=self.days)
        return any(day >= since for day in dates_in(text))
