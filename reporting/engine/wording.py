"""Words that depend on the answers so far.

Most wording is a plain translatable string. Three small wrappers cover the rest, so a journey
can say "you" to a victim and "them" about someone else without a second set of pages, and
number the pages it repeats ("Previous address 2").

Whose story it is (Flow.someone_else) decides every Perspective: hints, "why we ask" texts,
bodies and section titles as well as labels, so someone reporting for another person is never
told what only the person it happened to should hear ("the clothes you were wearing"). Until
the answers say who it is about, a Voice says `me`: pages shown before that question use
neutral plain strings instead ("if the person causing harm is there now"), which
tests/reporting/test_third_party_voice.py checks on every journey.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Union

from django.utils.functional import Promise

Answers = Mapping[str, Any]
Condition = Callable[[Answers], bool]


@dataclass(frozen=True)
class Perspective:
    """Wording for a person reporting for themselves, and for someone reporting for another."""

    me: "Wording"
    them: "Wording"


@dataclass(frozen=True)
class When:
    """Wording chosen by an earlier answer."""

    condition: Condition
    then: "Wording"
    otherwise: "Wording"


@dataclass(frozen=True, init=False)
class Format:
    """Wording with values put in, for pages declared more than once from one template:
    `Format(_("Previous address %(number)d"), number=2)`."""

    wording: "Wording"
    params: tuple[tuple[str, Any], ...]

    def __init__(self, wording: "Wording", **params: Any):
        object.__setattr__(self, "wording", wording)
        object.__setattr__(self, "params", tuple(sorted(params.items())))


Wording = Union[str, Promise, Perspective, When, Format]  # noqa: UP007 - the forward references need Union


@dataclass(frozen=True)
class Voice:
    """How the journey speaks on one request: the answers so far, and whose story it is."""

    answers: Answers
    them: bool = False

    def say(self, wording: Wording | None) -> str:
        if wording is None:
            return ""
        if isinstance(wording, Perspective):
            return self.say(wording.them if self.them else wording.me)
        if isinstance(wording, When):
            return self.say(wording.then if wording.condition(self.answers) else wording.otherwise)
        if isinstance(wording, Format):
            return self.say(wording.wording) % dict(wording.params)
        return str(wording)
