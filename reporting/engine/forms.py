"""The one form class every journey page uses, built from the page's questions."""

import dataclasses
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from portal.forms import GDSForm

from .flow import Page
from .wording import Voice


class JourneyPageForm(GDSForm):
    """A page's questions as a form. The page template draws the buttons (Continue, and
    Save and come back later), so the form draws only the questions, each as its kind says
    (Question.layout, drawn by templates/forms/)."""

    submit_label = None

    def __init__(self, *args, page: Page, voice: Voice, **kwargs):
        self.page = page
        self.voice = voice
        super().__init__(*args, **kwargs)
        for question in page.questions:
            field = question.field(voice)
            field.widget.attrs.update(question.widget_attrs())
            # The length is checked on the server with a clear message; the HTML attribute
            # would silently cut off what someone types or pastes.
            field.widget.attrs.pop("maxlength", None)
            field.display = dataclasses.replace(
                question.layout(as_heading=page.question_is_heading), items=question.items(voice)
            )
            self.fields[question.name] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for question in self.page.questions:
            if question.name in cleaned:
                try:
                    cleaned[question.name] = question.clean(cleaned[question.name], self.voice)
                except forms.ValidationError as error:
                    self.add_error(question.name, error)
        return cleaned

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary, in the order of the questions."""
        return [
            (question.anchor, message)
            for question in self.page.questions
            for message in self.errors.get(question.name, [])
        ]


def page_form(page: Page, voice: Voice, *, data=None, initial: dict[str, Any] | None = None) -> JourneyPageForm:
    return JourneyPageForm(data=data, initial=initial, page=page, voice=voice)


def raw_input(page: Page, data) -> dict[str, Any]:
    """What was typed on the page, kept as it is so a page that did not validate comes
    back exactly as the person left it."""
    return {name: value for question in page.questions for name, value in question.kept(data).items()}


def rebind(raw: dict[str, Any]) -> MultiValueDict:
    return MultiValueDict({name: value if isinstance(value, list) else [value] for name, value in raw.items()})
