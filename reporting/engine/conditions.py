"""Conditions that show or skip a page, written as data: `when=Is("who_for", "someone_else")`.

A condition sees only the answers on pages shown before the page it guards, so an answer
left behind on a branch the person has since closed never steers the journey.
"""

from dataclasses import dataclass
from typing import Any

from .wording import Answers, Condition


@dataclass(frozen=True, init=False)
class Is:
    """The answer to `name` is one of `values`."""

    name: str
    values: tuple[Any, ...]

    def __init__(self, name: str, *values: Any):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "values", values)

    def __call__(self, answers: Answers) -> bool:
        return answers.get(self.name) in self.values


@dataclass(frozen=True, init=False)
class Includes:
    """The answer to the multiple-choice question `name` includes any of `values`."""

    name: str
    values: tuple[Any, ...]

    def __init__(self, name: str, *values: Any):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "values", values)

    def __call__(self, answers: Answers) -> bool:
        chosen = answers.get(self.name) or ()
        return any(value in chosen for value in self.values)


@dataclass(frozen=True)
class Not:
    condition: Condition

    def __call__(self, answers: Answers) -> bool:
        return not self.condition(answers)


@dataclass(frozen=True, init=False)
class AllOf:
    conditions: tuple[Condition, ...]

    def __init__(self, *conditions: Condition):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers: Answers) -> bool:
        return all(condition(answers) for condition in self.conditions)


@dataclass(frozen=True, init=False)
class AnyOf:
    conditions: tuple[Condition, ...]

    def __init__(self, *conditions: Condition):
        object.__setattr__(self, "conditions", conditions)

    def __call__(self, answers: Answers) -> bool:
        return any(condition(answers) for condition in self.conditions)


def always(answers: Answers) -> bool:
    return True
