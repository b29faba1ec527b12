"""GOV.UK Frontend 6 markup for every Django form field, through Django's form renderer.

`FORM_RENDERER` (portal/settings/base.py) is `GOVUKFormRenderer`: it loads our own templates in
templates/forms/ and gives every form `GOVUKBoundField`, which picks the field's template from
its widget (text input, textarea, select, radios, checkboxes, date input) and works out the ids
GOV.UK Frontend ties together (hint, error message, aria-describedby). How a field looks beyond
its widget (label size, label as the page heading, input width, textarea rows, inline radios,
a character count, hints and dividers on options) is its `Display`, set with `show()`.

Ids: the input is `field.auto_id` ("id_<name>"); radio and checkbox options are numbered from
1 ("id_<name>_1"); a date's boxes are its widget's parts ("id_<name>_0" to "_2"). Hints and
error messages follow GOV.UK Frontend: "<id>-hint", "<id>-error", "<option id>-item-hint".
See docs/decisions/0014-govuk-frontend-through-django-form-renderer.md.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# Attributes the templates write themselves, or that GOV.UK Frontend does not use: `required`
# (forms are `novalidate`; the server says what is missing), `cols` (widths come from classes).
OWN_ATTRIBUTES = frozenset({"class", "id", "name", "type", "value", "required", "cols", "rows"})


@dataclass(frozen=True)
class Item:
    """How one option of radios or checkboxes looks, beyond its label."""

    hint: str | None = None
    # Drawn before the option: GOV.UK's divider item ("or").
    divider: str | None = None
    # A checkbox that stands alone ("None of these"): choosing it unticks the others.
    exclusive: bool = False


@dataclass(frozen=True)
class Display:
    """How a field looks. Sizes are GOV.UK's "s", "m", "l" and "xl"."""

    size: str = ""
    # The label (or legend) is the page's <h1>: a page that asks one question.
    heading: bool = False
    # An input's width in characters (2, 3, 4, 5, 10, 20, 30): govuk-input--width-N.
    width: int | None = None
    rows: int = 5
    inline: bool = False
    # A textarea with GOV.UK's character count.
    max_characters: int | None = None
    # Options' hints and dividers, by option value (as a string).
    items: Mapping[str, Item] = field(default_factory=dict)


def show(form_field: forms.Field, display: Display | None = None, **options: Any) -> forms.Field:
    """Set how a form field looks: `show(field, size="m", rows=3)`."""
    form_field.display = display or Display(**options)
    return form_field


def _template_for(widget: forms.Widget) -> str:
    # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "forms/checkboxes.html"
    if isinstance(widget, forms.RadioSelect):
        return "forms/radios.html"
    if isinstance(widget, forms.MultiWidget):
        return "forms/date_input.html"
    if isinstance(widget, forms.Textarea):
        return "forms/textarea.html"
    if isinstance(widget, forms.Select):
        return "forms/select.html"
    if widget.is_hidden:
        return "forms/hidden.html"
    return "forms/input.html"


class GOVUKBoundField(BoundField):
    @property
    def template_name(self) -> str:
        return self.field.template_name or _template_for(self.field.widget)

    @property
    def display(self) -> Display:
        return getattr(self.field, "display", None) or Display()

    def get_context(self) -> dict[str, Any]:
        # An id set on the widget wins, as in Django's own rendering.
        auto_id = self.field.widget.attrs.get("id") or self.auto_id
        display = self.display
        hint_id = f"{auto_id}-hint" if self.help_text else ""
        errors = [
            (f"{auto_id}-error" if number == 1 else f"{auto_id}-error-{number}", message)
            for number, message in enumerate(self.errors, start=1)
        ]
        described_by = [hint_id] if hint_id else []
        described_by += [error_id for error_id, _message in errors]
        widget = self.field.widget
        rendered = widget.get_context(self.html_name, self.value(), {"id": auto_id})["widget"]
        context = {
            "field": self,
            "id": auto_id,
            "display": display,
            "hint_id": hint_id,
            "errors": errors,
            "described_by": " ".join(described_by),
            "attrs": {name: value for name, value in widget.attrs.items() if name not in OWN_ATTRIBUTES},
            "input_type": getattr(widget, "input_type", "text"),
            "value": rendered.get("value"),
        }
        if display.max_characters:
            # GOV.UK's character count: its message comes first in aria-describedby, and the
            # box takes text past the limit (the count and the server say so) rather than
            # silently cutting off what someone pastes.
            context["described_by"] = " ".join([f"{auto_id}-info", *described_by])
            context["attrs"].pop("maxlength", None)
        if isinstance(widget, forms.MultiWidget):
            context["parts"] = rendered["subwidgets"]
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.Select):
            context["items"] = self.items(display, auto_id)
        return context

    def items(self, display: Display, auto_id: str) -> list[dict[str, Any]]:
        value = self.value()
        chosen = {str(each) for each in value} if isinstance(value, list | tuple) else {str(value)}
        items = []
        for number, (choice_value, label) in enumerate(self.field.choices, start=1):
            item_id = f"{auto_id}_{number}"
            item = display.items.get(str(choice_value), Item())
            items.append(
                {
                    "id": item_id,
                    "value": choice_value,
                    "label": label,
                    "checked": str(choice_value) in chosen,
                    "hint": item.hint,
                    "hint_id": f"{item_id}-item-hint",
                    "divider": item.divider,
                    "exclusive": item.exclusive,
                }
            )
        return items


class GOVUKFormRenderer(TemplatesSetting):
    """Django's form renderer with our templates (templates/forms/) and GOVUKBoundField."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/input.html"
    bound_field_class = GOVUKBoundField


class DatePartsWidget(forms.MultiWidget):
    """Three text inputs, named `<name>_0` (day), `_1` (month) and `_2` (year), drawn in the
    GOV.UK date input pattern (templates/forms/date_input.html)."""

    def __init__(self):
        super().__init__([forms.TextInput() for _part in range(3)])

    def decompress(self, value):
        """A date, or a stored date ("1990-03-27"), back into its day, month and year."""
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and value else value
        except ValueError:
            day = None
        if isinstance(day, date):
            return [str(day.day), str(day.month), str(day.year)]
        return ["", "", ""]
