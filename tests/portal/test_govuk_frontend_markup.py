"""Our form templates against the markup GOV.UK Frontend ships with its components.

The `govuk-frontend` npm package (node_modules/govuk-frontend/dist/govuk/components/<component>/
fixtures.json) lists, for each component, examples of its Nunjucks macro's options and the
HTML the macro renders. For each fixture whose options we use, the test builds the equivalent
Django field, renders it through our templates (templates/forms/, portal/form_rendering.py,
the project's FORM_RENDERER) and compares it with the fixture's HTML once both are parsed
into a canonical form: attributes sorted, class lists sorted, whitespace collapsed.

What is compared as it is, and the three places we differ on purpose:

- Ids and names of options and date boxes. GOV.UK's macros number options from their
  `idPrefix` (the first is `idPrefix`, the next `idPrefix-2`, dividers counted) and name the
  date boxes `day`, `month`, `year`. Django numbers options from 1 (`<id>_1`, which the error
  summary links to) and names a date's boxes after its widget's parts (`<name>_0` to `_2`,
  the names journeys keep drafts under). The test renames ours to theirs, one for one, in
  `id`, `for`, `name` and `aria-describedby`, before comparing.
- Our date boxes add `autocomplete="off" spellcheck="false"` (the device may be shared): the
  test adds them to the expected markup.
- A label, hint or error message on its own (the label, hint and error-message components)
  belongs to no input. Ours always does, so it carries the `for` or `id` that ties it to the
  input; the test adds that one attribute to the fixture before comparing.

COVERED lists, per component, the fixtures compared here. Every other fixture uses an option
we never use (UNUSED_OPTIONS says which and why); `test_every_other_fixture_uses_an_option_we_never_use`
holds that list to the truth, so a new fixture in a GOV.UK Frontend upgrade is either covered
or explained.
"""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict

from portal.form_rendering import DatePartsWidget, Display, Item
from portal.forms import GDSForm

COMPONENTS = Path(settings.BASE_DIR) / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"

COVERED = {
    "input": [
        "default",
        "with hint text",
        "with error message",
        "with error and hint",
        "with width-2 class",
        "with width-3 class",
        "with width-4 class",
        "with width-5 class",
        "with width-10 class",
        "with width-20 class",
        "with width-30 class",
        "with label as page heading",
        "id",
        "custom type",
        "value",
        "zero value",
        "inputmode",
        "with autocomplete attribute",
        "with spellcheck disabled",
        "with autocapitalize turned off",
    ],
    "textarea": [
        "default",
        "with hint",
        "with error message",
        "with default value",
        "with custom rows",
        "with label as page heading",
        "id",
        "with hint and error message",
        "with autocomplete attribute",
        "with spellcheck disabled",
    ],
    "character-count": [
        "default",
        "with hint",
        "with hint and error",
        "with default value",
        "with default value exceeding limit",
        "with custom rows",
        "with label as page heading",
        "id",
        "spellcheck disabled",
        "with id starting with number",
        "with id with special characters",
    ],
    "select": ["with hint text and error message", "error", "id"],
    "radios": [
        "default",
        "with hint",
        "inline",
        "with a divider",
        "with fieldset and error message",
        "with very long option text",
        "with hints on parent and items",
        "with hint and error message",
    ],
    "checkboxes": [
        "default",
        "with hint",
        "with divider and None",
        "with legend as a page heading",
        "with error message",
        "with very long option text",
        "with error message and hint",
    ],
    "date-input": ["default", "with values", "with values and name prefix", "with error message and hint"],
    "label": [
        "default",
        "for",
        "with bold text",
        "styled as xl text",
        "styled as large text",
        "styled as medium text",
        "styled as small text",
        "as page heading xl",
        "as page heading l",
        "as page heading m",
        "as page heading s",
        "as page heading without class",
        "html as text",
    ],
    "hint": ["default", "id", "html as text"],
    "error-message": ["default", "id", "html as text"],
    "fieldset": [
        "default",
        "styled as xl text",
        "styled as large text",
        "styled as medium text",
        "styled as small text",
        "as page heading xl",
        "as page heading l",
        "as page heading m",
        "as page heading s",
        "as page heading without class",
        "html as text",
        "role",
    ],
    "error-summary": [
        "default",
        "without links",
        "mixed with and without links",
        "error list with html as text",
        "error list with html as text link",
    ],
    "button": ["default", "no type", "no data-prevent-double-click"],
}

# Options (dotted paths into a fixture's options, `items.` for any item) that we never use,
# and why. "-fieldset" and "-items" stand for a fieldset or options left out.
NEVER_USED = {
    "prefix": "input prefixes",
    "suffix": "input suffixes",
    "inputWrapper": "a wrapper around the input",
    "formGroup": "classes or attributes on the form group",
    "describedBy": "aria-describedby pointing outside the field",
    "fieldset.describedBy": "aria-describedby pointing outside the field",
    "attributes": "arbitrary attributes on a component",
    "items.attributes": "attributes on options",
    "pattern": "the pattern attribute",
    "disabled": "disabled fields and buttons",
    "items.disabled": "disabled options",
    "items.conditional": "conditional reveals: a question that depends on another has its own page",
    "items.label": "classes or attributes on option labels",
    "items.id": "option ids of our own choosing",
    "items.name": "options or date boxes with names of their own",
    "items.html": "HTML option labels: ours are text",
    "items.selected": "an option selected by the item: ours follow the field's value",
    "items.classes": "classes on date boxes: ours have the GOV.UK widths",
    "items.error": "an error on one date box: our messages are about the whole date",
    "items.pattern": "the pattern attribute",
    "items.inputmode": "an inputmode on date boxes other than numeric",
    "items.autocomplete": "autocomplete values on date boxes: ours are off",
    "html": "HTML content: our labels, hints and messages are text, escaped",
    "label.html": "HTML labels",
    "fieldset.legend.html": "HTML legends",
    "legend.html": "HTML legends",
    "fieldset.classes": "classes on fieldsets",
    "fieldset.attributes": "attributes on fieldsets",
    "countType": "the character count's count type option (ours counts characters)",
    "maxwords": "a count of words: we count characters",
    "threshold": "a character count shown only near the limit",
    "textareaDescriptionText": "our own wording of the character count",
    "countMessage": "classes on the character count's message",
    "charactersUnderLimitText": "the character count's messages set per page",
    "charactersAtLimitText": "the character count's messages set per page",
    "charactersOverLimitText": "the character count's messages set per page",
    "wordsUnderLimitText": "a count of words",
    "wordsAtLimitText": "a count of words",
    "wordsOverLimitText": "a count of words",
    "visuallyHiddenText": "another prefix for error messages: ours is the translated 'Error:'",
    "descriptionText": "a description in the error summary",
    "descriptionHtml": "a description in the error summary",
    "titleHtml": "an HTML title for the error summary",
    "errorList.html": "HTML error messages",
    "errorList.attributes": "attributes on error links",
    "disableAutoFocus": "the error summary's focus setting",
    "href": "links styled as buttons",
    "isStartButton": "start buttons",
    "preventDoubleClick": "double-click prevention set per button",
    "day": "the date's boxes set one by one (labels, names, errors, values)",
    "month": "the date's boxes set one by one (labels, names, errors, values)",
    "year": "the date's boxes set one by one (labels, names, errors, values)",
    "-fieldset": "radios or checkboxes without a fieldset: ours always have one",
    "-items": "a select without options",
}
# Per component: options used elsewhere, never on this component.
NEVER_USED_HERE = {
    "textarea": {"classes": "extra classes on a textarea"},
    "character-count": {"classes": "extra classes on a character count"},
    "select": {"classes": "extra classes on a select"},
    "checkboxes": {"classes": "extra classes, such as small checkboxes"},
    "date-input": {
        "classes": "extra classes on a date input",
        "items": "the date's boxes set one by one",
        "items.value": "a date box's value of its own: ours come from the field",
    },
    "hint": {"classes": "extra classes on a hint"},
    "error-message": {"classes": "extra classes on an error message"},
    "fieldset": {"classes": "extra classes on a fieldset"},
    "error-summary": {"classes": "extra classes on the error summary"},
    "button": {
        "classes": "buttons styled other than the default (pages draw their secondary buttons)",
        "name": "buttons with names (the page templates draw those)",
        "type": "buttons of another type",
        "value": "buttons with values (the page templates draw those)",
        "id": "buttons with ids",
    },
}
# Fixtures that use no option above but still something we never do.
SKIPPED = {
    "input": {
        "with extra letter spacing": "the extra letter spacing class",
        "classes": "extra classes on an input",
        "with spellcheck enabled": "spellcheck turned on: we only ever turn it off",
    },
    "textarea": {"with spellcheck enabled": "spellcheck turned on: we only ever turn it off"},
    "character-count": {
        "to configure in JavaScript": "a limit set only in JavaScript: ours is in the markup",
        "spellcheck enabled": "spellcheck turned on: we only ever turn it off",
        "with neither maxlength, maxwords nor textarea description set": "a character count without a limit",
    },
    "select": {
        "with falsy items": "empty items among the options",
        "without values": "options without values",
        "without values with selected value": "options without values",
        "with falsy values": "false or 0 as an option's value: ours are strings",
        "item selected overrides value": "an option selected by the item: ours follow the field's value",
    },
    "radios": {
        "small with long text": "small radios",
        "small inline": "small radios",
        "small with a divider": "small radios",
        "with falsy items": "empty items among the options",
    },
    "checkboxes": {
        "with falsy values": "empty items among the options",
        "with id and name": "options with ids and names of their own",
    },
    "label": {"empty": "a label without text", "classes": "classes other than the GOV.UK sizes"},
    "fieldset": {"legend classes": "legend classes other than the GOV.UK sizes"},
    "error-summary": {"html as titleText": "a title other than 'There is a problem'"},
}


def fixtures(component):
    with (COMPONENTS / component / "fixtures.json").open() as file:
        return {fixture["name"]: fixture for fixture in json.load(file)["fixtures"]}


# --- A canonical form of HTML -----------------------------------------------------------

VOID = {"input", "br", "img", "hr", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Tree(HTMLParser):
    """HTML as nested [tag, {attribute: value}, children] lists, text with its whitespace
    collapsed; empty text dropped."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = ["#root", {}, []]
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = [tag, {name: value or "" for name, value in attrs}, []]
        self.stack[-1][2].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1][2].append([tag, {name: value or "" for name, value in attrs}, []])

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.stack[-1][2].append(text)


def canonical(node, depth=0) -> str:
    """One line per element or text, attributes sorted, class lists sorted."""
    if isinstance(node, str):
        return "  " * depth + repr(node)
    tag, attrs, children = node
    shown = []
    for name in sorted(attrs):
        value = attrs[name]
        if name == "class":
            value = " ".join(sorted(value.split()))
        shown.append(f"{name}={value!r}")
    lines = ["  " * depth + f"<{tag} {' '.join(shown)}>".replace(" >", ">")]
    lines += [canonical(child, depth + 1) for child in children]
    return "\n".join(lines)


def parse(html):
    return Tree(html).root


def first(node, test):
    """The first element, depth first, for which test(element) holds."""
    if isinstance(node, str):
        return None
    if test(node):
        return node
    for child in node[2]:
        found = first(child, test)
        if found is not None:
            return found
    return None


def with_class(name):
    return lambda node: name in node[1].get("class", "").split()


def rename(node, names):
    """Ours renamed to GOV.UK's: ids, label targets, input names and aria-describedby."""
    if isinstance(node, str):
        return
    attrs = node[1]
    for attribute in ("id", "for", "name"):
        if attrs.get(attribute) in names:
            attrs[attribute] = names[attrs[attribute]]
    if "aria-describedby" in attrs:
        attrs["aria-describedby"] = " ".join(names.get(token, token) for token in attrs["aria-describedby"].split())
    for child in node[2]:
        rename(child, names)


def assert_same(ours, expected):
    assert canonical(ours) == canonical(expected)


# --- Fixture options as Django fields ----------------------------------------------------

SIZES = {"xl", "l", "m", "s"}


def size_of(classes, prefix):
    for name in (classes or "").split():
        if name.startswith(prefix) and name[len(prefix) :] in SIZES:
            return name[len(prefix) :]
    return ""


def text(value):
    return None if value is None else str(value)


def render_field(name, field, *, data=None, error=None):
    """The field on its own in a form, rendered through the project's form renderer."""
    form_class = type("FixtureForm", (forms.Form,), {name: field})
    form = form_class(data=data or {}, auto_id="%s")
    form.is_valid()
    if error:
        form.add_error(name, error)
    return form[name].as_field_group()


def label_display(options, **more):
    label = options.get("label", {})
    return Display(
        size=size_of(label.get("classes"), "govuk-label--"), heading=bool(label.get("isPageHeading")), **more
    )


def legend_display(options, **more):
    legend = options.get("fieldset", {}).get("legend", {})
    return Display(
        size=size_of(legend.get("classes"), "govuk-fieldset__legend--"),
        heading=bool(legend.get("isPageHeading")),
        **more,
    )


def render_input(options):
    attrs = {"id": options.get("id", options["name"])}
    for name in ("inputmode", "autocomplete", "autocapitalize"):
        if name in options:
            attrs[name] = options[name]
    if options.get("spellcheck") is False:
        attrs["spellcheck"] = "false"
    widget = forms.TextInput(attrs=attrs)
    widget.input_type = options.get("type", "text")
    width = next(
        (int(name.rsplit("-", 1)[1]) for name in options.get("classes", "").split() if "--width-" in name), None
    )
    field = forms.CharField(
        label=options["label"]["text"], help_text=options.get("hint", {}).get("text", ""), required=False, widget=widget
    )
    field.display = label_display(options, width=width)
    data = {options["name"]: str(options["value"])} if "value" in options else None
    return render_field(options["name"], field, data=data, error=options.get("errorMessage", {}).get("text"))


def render_textarea(options, *, max_characters=None):
    attrs = {"id": options.get("id", options["name"])}
    if "autocomplete" in options:
        attrs["autocomplete"] = options["autocomplete"]
    if options.get("spellcheck") is False:
        attrs["spellcheck"] = "false"
    field = forms.CharField(
        label=options["label"]["text"],
        help_text=options.get("hint", {}).get("text", ""),
        required=False,
        widget=forms.Textarea(attrs=attrs),
    )
    field.display = label_display(options, rows=options.get("rows", 5), max_characters=max_characters)
    data = {options["name"]: options["value"]} if "value" in options else None
    return render_field(options["name"], field, data=data, error=options.get("errorMessage", {}).get("text"))


def render_character_count(options):
    return render_textarea(options, max_characters=options["maxlength"])


def render_select(options):
    choices = [(item["value"], item["text"]) for item in options["items"]]
    field = forms.ChoiceField(
        label=options["label"]["text"],
        help_text=options.get("hint", {}).get("text", ""),
        choices=choices,
        required=False,
        widget=forms.Select(attrs={"id": options.get("id", options["name"])}),
    )
    field.display = label_display(options)
    data = {options["name"]: str(options["value"])} if "value" in options else None
    return render_field(options["name"], field, data=data, error=options.get("errorMessage", {}).get("text"))


def render_choices(options, widget_class):
    """Radios or checkboxes, and the renaming of our option ids to GOV.UK's."""
    name = options["name"]
    prefix = options.get("idPrefix", name)
    choices, items, names = [], {}, {}
    divider = None
    for position, item in enumerate(options["items"], start=1):
        if "divider" in item:
            divider = item["divider"]
            continue
        choices.append((item["value"], item["text"]))
        ours = f"{prefix}_{len(choices)}"
        theirs = item.get("id") or (prefix if position == 1 else f"{prefix}-{position}")
        names[ours] = theirs
        names[f"{ours}-item-hint"] = f"{theirs}-item-hint"
        items[str(item["value"])] = Item(
            hint=item.get("hint", {}).get("text"), divider=divider, exclusive=item.get("behaviour") == "exclusive"
        )
        divider = None
    multiple = widget_class is forms.CheckboxSelectMultiple
    field = (forms.MultipleChoiceField if multiple else forms.ChoiceField)(
        label=options["fieldset"]["legend"]["text"],
        help_text=options.get("hint", {}).get("text", ""),
        choices=choices,
        required=False,
        widget=widget_class(attrs={"id": prefix}),
    )
    field.display = legend_display(options, items=items, inline="govuk-radios--inline" in options.get("classes", ""))
    checked = options.get("values") if multiple else options.get("value")
    checked = checked or [item["value"] for item in options["items"] if item.get("checked")]
    data = None
    if checked:
        data = MultiValueDict({name: checked if isinstance(checked, list) else [checked]})
    html = render_field(name, field, data=data, error=options.get("errorMessage", {}).get("text"))
    return html, names


def render_date_input(options):
    from reporting.engine.questions import DatePartsField

    field_id = options["id"]
    prefix = options.get("namePrefix")
    field = DatePartsField(
        label=options["fieldset"]["legend"]["text"], help_text=options.get("hint", {}).get("text", ""), required=False
    )
    assert isinstance(field.widget, DatePartsWidget)
    names = {}
    data = {}
    for number, part in enumerate(("day", "month", "year")):
        names[f"{field_id}_{number}"] = f"{field_id}-{part}"
        value = (options.get("values") or {}).get(f"{prefix}-{part}" if prefix else part)
        if value is not None:
            data[f"{field_id}_{number}"] = str(value)
    field.display = legend_display(options)
    html = render_field(field_id, field, data=data, error=options.get("errorMessage", {}).get("text"))
    # Names after ids: a box's id and its name are the same string in ours.
    tree = parse(html)
    for number, part in enumerate(("day", "month", "year")):
        box = first(tree, lambda node, n=number: node[0] == "input" and node[1].get("id") == f"{field_id}_{n}")
        box[1]["name"] = f"{prefix}-{part}" if prefix else part
    rename(tree, names)
    return tree


# --- The components ----------------------------------------------------------------------


def cases(component):
    return [pytest.param(component, name, id=f"{component}: {name}") for name in COVERED[component]]


@pytest.mark.parametrize(("component", "name"), cases("input") + cases("textarea") + cases("select"))
def test_a_field_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    render = {"input": render_input, "textarea": render_textarea, "select": render_select}[component]

    assert_same(parse(render(fixture["options"])), parse(fixture["html"]))


@pytest.mark.parametrize(("component", "name"), cases("character-count"))
def test_a_character_count_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]

    assert_same(parse(render_character_count(fixture["options"])), parse(fixture["html"]))


@pytest.mark.parametrize(("component", "name"), cases("radios") + cases("checkboxes"))
def test_options_match_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    widget = forms.RadioSelect if component == "radios" else forms.CheckboxSelectMultiple

    html, names = render_choices(fixture["options"], widget)
    ours = parse(html)
    rename(ours, names)

    assert_same(ours, parse(fixture["html"]))


@pytest.mark.parametrize(("component", "name"), cases("date-input"))
def test_a_date_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    expected = parse(fixture["html"])
    # Ours ask the browser not to remember what was typed: the device may be shared.
    for _box in ("day", "month", "year"):
        found = first(expected, lambda node: node[0] == "input" and "autocomplete" not in node[1])
        found[1].update({"autocomplete": "off", "spellcheck": "false"})

    assert_same(render_date_input(fixture["options"]), expected)


@pytest.mark.parametrize(("component", "name"), cases("label"))
def test_a_label_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    options = {"name": "test-target-input", "label": fixture["options"]}
    ours = parse(render_input(options))
    expected = parse(fixture["html"])
    label = first(expected, lambda node: node[0] == "label")
    # A label of ours is always for its input.
    label[1].setdefault("for", "test-target-input")

    heading = first(ours, lambda node: node[0] == "h1")
    assert_same(["#root", {}, [heading or first(ours, lambda node: node[0] == "label")]], expected)


@pytest.mark.parametrize(("component", "name"), cases("hint"))
def test_a_hint_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    options = {"name": "my", "label": {"text": "Label"}, "hint": {"text": fixture["options"]["text"]}}
    ours = first(parse(render_input(options)), with_class("govuk-hint"))
    expected = parse(fixture["html"])
    # A hint of ours always has the id its input is described by.
    hint = first(expected, with_class("govuk-hint"))
    hint[1].setdefault("id", "my-hint")

    assert_same(["#root", {}, [ours]], expected)


@pytest.mark.parametrize(("component", "name"), cases("error-message"))
def test_an_error_message_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    field_id = fixture["options"].get("id", "my")
    options = {"name": "my", "label": {"text": "Label"}, "errorMessage": {"text": fixture["options"]["text"]}}
    ours = first(parse(render_input(options)), with_class("govuk-error-message"))
    rename(ours, {"my-error": field_id})
    expected = parse(fixture["html"])
    # An error message of ours always has the id its input is described by.
    message = first(expected, with_class("govuk-error-message"))
    message[1].setdefault("id", field_id)

    assert_same(["#root", {}, [ours]], expected)


@pytest.mark.parametrize(("component", "name"), cases("fieldset"))
def test_a_fieldset_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    options = {"name": "address", "fieldset": fixture["options"], "items": [{"value": "a", "text": "A"}]}
    if fixture["options"].get("role") == "group":
        tree = render_date_input({"id": "address", "fieldset": fixture["options"]})
    else:
        html, _names = render_choices(options, forms.RadioSelect)
        tree = parse(html)
    fieldset = first(tree, lambda node: node[0] == "fieldset")
    # The fieldset and its legend: what follows the legend is the field's own (compared above).
    fieldset[2] = [child for child in fieldset[2] if not isinstance(child, str) and child[0] == "legend"]

    assert_same(["#root", {}, [fieldset]], parse(fixture["html"]))


class SummaryForm(GDSForm):
    date = forms.CharField(label="Date")
    postcode = forms.CharField(label="Postcode")


@pytest.mark.parametrize(("component", "name"), cases("error-summary"))
def test_the_error_summary_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]
    form = SummaryForm(data={"date": "x", "postcode": "x"})
    assert form.is_valid()
    hrefs = {}
    for number, error in enumerate(fixture["options"]["errorList"]):
        if "href" in error:
            field = ("date", "postcode")[number]
            form.add_error(field, error["text"])
            hrefs[f"#id_{field}"] = error["href"]
        else:
            form.add_error(None, error["text"])
    ours = parse(render_to_string("includes/error_summary.html", {"form": form}))
    for link in [first(ours, lambda node, h=href: node[1].get("href") == h) for href in hrefs]:
        link[1]["href"] = hrefs[link[1]["href"]]

    assert_same(ours, parse(fixture["html"]))


@pytest.mark.parametrize(("component", "name"), cases("button"))
def test_the_button_matches_govuk_frontend(component, name):
    fixture = fixtures(component)[name]

    class ButtonForm(GDSForm):
        submit_label = fixture["options"]["text"]

    ours = first(parse(str(ButtonForm())), lambda node: node[0] == "button")

    assert_same(["#root", {}, [ours]], parse(fixture["html"]))


# --- The list of what is covered tells the truth ------------------------------------------


def option_paths(component, options, prefix=""):
    """Every option a fixture sets, as dotted paths; `items.` for any item."""
    paths = set()
    for key, value in options.items():
        path = f"{prefix}{key}"
        paths.add(path)
        if isinstance(value, dict) and key not in ("attributes", "values"):
            paths |= option_paths(component, value, f"{path}.")
        elif isinstance(value, list) and key in ("items", "errorList"):
            for item in value:
                if isinstance(item, dict):
                    paths |= option_paths(component, item, f"{path}.")
    if not prefix and component in ("radios", "checkboxes") and "fieldset" not in options:
        paths.add("-fieldset")
    if not prefix and component == "select" and "items" not in options:
        paths.add("-items")
    return paths


@pytest.mark.parametrize("component", sorted(COVERED))
def test_every_other_fixture_uses_an_option_we_never_use(component):
    never = set(NEVER_USED) | set(NEVER_USED_HERE.get(component, {}))
    skipped = SKIPPED.get(component, {})
    for name, fixture in fixtures(component).items():
        if name in COVERED[component]:
            assert not option_paths(component, fixture["options"]) & never, name
            assert name not in skipped, name
        else:
            assert name in skipped or option_paths(component, fixture["options"]) & never, name


# --- A journey's questions decide their own markup ---------------------------------------


def test_each_kind_of_question_draws_itself_in_govuk_markup():
    from reporting.engine import Checkboxes, DateInput, Option, Page, Phone, Postcode, Radios, Voice
    from reporting.engine.forms import page_form

    questions = (
        Checkboxes(
            name="harm",
            label="What happened?",
            options=(Option("hit", "Hit", hint="Or pushed"), Option("none", "None of these", set_apart=True)),
        ),
        Radios(name="safe", label="Safe?", inline=True, options=(Option("yes", "Yes"), Option("no", "No"))),
        Phone(name="phone", label="Phone"),
        Postcode(name="postcode", label="Postcode"),
        DateInput(name="when", label="When?"),
    )
    form = page_form(Page(slug="p", section="s", questions=questions), Voice(answers={}), data={"when_0": "x"})
    assert not form.is_valid()
    tree = parse(str(form))

    none = first(tree, lambda node: node[1].get("value") == "none")
    assert none[1]["data-behaviour"] == "exclusive"
    assert first(tree, with_class("govuk-checkboxes__divider"))[2] == ["or"]
    assert first(tree, lambda node: node[1].get("id") == "id_harm_1")[1]["aria-describedby"] == "id_harm_1-item-hint"
    assert first(tree, with_class("govuk-radios--inline")) is not None
    phone = first(tree, lambda node: node[1].get("id") == "id_phone")
    assert {name: phone[1].get(name) for name in ("inputmode", "spellcheck", "autocomplete")} == {
        "inputmode": "tel",
        "spellcheck": "false",
        "autocomplete": "off",
    }
    assert "govuk-input--width-10" in first(tree, lambda node: node[1].get("id") == "id_postcode")[1]["class"]
    # The error summary links to the day box, and the message is tied to the fieldset.
    assert ("id_when_0", "Enter a day, month and year, or leave all three empty") in form.error_links()
    assert first(tree, lambda node: node[1].get("id") == "id_when_0") is not None
    assert first(tree, lambda node: node[0] == "fieldset" and node[1].get("role") == "group")[1][
        "aria-describedby"
    ] == ("id_when-hint id_when-error")


def test_a_character_count_keeps_text_past_its_limit_and_says_so():
    from support.referrals.forms import REASON_MAX, DeclineForm

    form = DeclineForm(data={"reason": "x" * (REASON_MAX + 1)})

    assert not form.is_valid()
    box = first(parse(str(form)), lambda node: node[0] == "textarea")
    assert "maxlength" not in box[1]
    assert box[2] == ["x" * (REASON_MAX + 1)]
    assert box[1]["aria-describedby"] == "id_reason-info id_reason-hint id_reason-error"
