"""Each kind of question, as the one form class every page uses."""

import pytest
from django.template import Context, Template

from reporting.engine import Checkboxes, Email, LongText, Option, Page, Phone, Postcode, Radios, Select, Text, Voice
from reporting.engine.forms import page_form, raw_input, rebind

VOICE = Voice(answers={})


def form_for(question, data):
    page = Page(slug="p", section="s", questions=(question,))
    return page_form(page, VOICE, data=data)


@pytest.mark.parametrize("typed", ["sw1a1aa", "SW1A 1AA", "  sw1a   1aa ", "Sw1A1aA"])
def test_a_postcode_is_accepted_in_lower_case_and_with_any_spacing(typed):
    form = form_for(Postcode(name="pc", label="Postcode"), {"pc": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["pc"] == "SW1A 1AA"


@pytest.mark.parametrize("typed", ["SW1A", "SW1A 1A", "12345", "not a postcode", "SW1A 1AA extra", "x" * 40])
def test_anything_but_a_full_postcode_gets_the_govuk_message(typed):
    form = form_for(Postcode(name="pc", label="Postcode"), {"pc": typed})

    assert not form.is_valid()
    assert form.errors["pc"] == ["Enter a full UK postcode, like SW1A 1AA"]


def test_an_optional_postcode_can_be_left_empty():
    form = form_for(Postcode(name="pc", label="Postcode"), {"pc": ""})

    assert form.is_valid()
    assert form.cleaned_data["pc"] == ""


def test_a_required_question_left_empty_says_what_to_do():
    form = form_for(Radios(name="r", label="R?", required="Select whether it is R", options=(Option("a", "A"),)), {})

    assert form.errors["r"] == ["Select whether it is R"]
    assert form.error_links() == [("id_r_1", "Select whether it is R")]


def test_an_optional_question_can_be_skipped():
    form = form_for(Radios(name="r", label="R?", options=(Option("a", "A"),)), {})

    assert form.is_valid()


def test_a_choice_that_was_not_offered_is_refused():
    form = form_for(Radios(name="r", label="R?", options=(Option("a", "A"),)), {"r": "b"})

    assert form.errors["r"] == ["Select one of the options"]


def test_an_option_set_apart_cannot_be_ticked_with_others():
    question = Checkboxes(
        name="c",
        label="C?",
        options=(Option("a", "A"), Option("b", "B"), Option("none", "None of these", set_apart=True)),
    )

    assert form_for(question, {"c": ["a", "b"]}).is_valid()
    assert form_for(question, {"c": ["none"]}).is_valid()
    assert form_for(question, {"c": ["a", "none"]}).errors["c"] == [
        "Select the options that apply, or select 'None of these' on its own"
    ]


@pytest.mark.parametrize("typed", ["07700 900982", "+44 7700 900 982", "(020) 7946 0018", "020-7946-0018"])
def test_phone_numbers_in_usual_formats_are_accepted(typed):
    assert form_for(Phone(name="ph", label="Phone"), {"ph": typed}).is_valid()


@pytest.mark.parametrize("typed", ["123", "call me", "07700 9009822222222"])
def test_something_that_is_not_a_phone_number_is_refused(typed):
    form = form_for(Phone(name="ph", label="Phone"), {"ph": typed})

    assert form.errors["ph"] == ["Enter a phone number, like 07700 900 982 or +44 7700 900 982"]


def test_an_email_address_in_the_wrong_format_gets_the_govuk_message():
    form = form_for(Email(name="em", label="Email"), {"em": "name.example.com"})

    assert form.errors["em"] == ["Enter an email address in the correct format, like name@example.com"]


def test_too_much_text_says_how_much_is_allowed_and_keeps_what_was_typed():
    form = form_for(LongText(name="t", label="Tell us", max_length=10), {"t": "x" * 11})

    assert form.errors["t"] == ["Your answer must be 10 characters or fewer"]
    assert "maxlength" not in str(form["t"])
    assert "x" * 11 in str(form["t"])


def test_hidden_characters_get_a_plain_message():
    form = form_for(Text(name="t", label="Name"), {"t": "Sam\x00"})

    assert form.errors["t"] == ["Remove the hidden characters from your answer"]


def test_text_inputs_ask_the_browser_not_to_remember_them():
    form = form_for(Text(name="t", label="Name"), {})

    assert 'autocomplete="off"' in str(form["t"])


def test_options_can_depend_on_earlier_answers():
    question = Select(name="s", label="S", options=lambda answers: (Option(answers["x"], "Chosen"),))
    page = Page(slug="p", section="s", questions=(question,))

    form = page_form(page, Voice(answers={"x": "abc"}), data={"s": "abc"})

    assert form.is_valid()


def test_what_was_typed_can_be_kept_and_shown_again():
    page = Page(
        slug="p",
        section="s",
        questions=(Postcode(name="pc", label="Postcode"), Checkboxes(name="c", label="C", options=(Option("a", "A"),))),
    )
    posted = rebind({"pc": "not right", "c": ["a"], "other": "ignored"})

    kept = raw_input(page, posted)
    again = page_form(page, VOICE, data=rebind(kept))

    assert kept == {"pc": "not right", "c": ["a"]}
    assert not again.is_valid()
    assert 'value="not right"' in str(again["pc"])


def test_a_single_question_is_the_page_heading():
    page = Page(
        slug="p", section="s", questions=(Radios(name="r", label="Is this the heading?", options=(Option("a", "A"),)),)
    )
    form = page_form(page, VOICE)

    html = Template("{{ form }}").render(Context({"form": form}))

    assert '<h1 class="govuk-fieldset__heading">' in html
    assert "Is this the heading?" in html
