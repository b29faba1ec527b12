"""The date question (GOV.UK date input): a day, a month and a year, checked with messages
that say what is wrong, kept as typed when wrong, and stored as an ISO date."""

from datetime import date, timedelta

import pytest
import time_machine
from django.template import Context, Template

from reporting.engine import DateInput, JourneyState, Page, Voice
from reporting.engine.forms import page_form, raw_input, rebind

VOICE = Voice(answers={})
BIRTHDAY = DateInput(name="dob", label="What is your date of birth?")
PAGE = Page(slug="dob", section="s", questions=(BIRTHDAY,))


def form_for(day="", month="", year="", question=BIRTHDAY):
    page = Page(slug="p", section="s", questions=(question,))
    return page_form(page, VOICE, data={"dob_0": day, "dob_1": month, "dob_2": year})


def rendered(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


@pytest.mark.parametrize(
    ("typed", "stored"), [(("27", "3", "1990"), "1990-03-27"), ((" 01", "02 ", "2000"), "2000-02-01")]
)
def test_a_real_date_is_stored_as_an_iso_date(typed, stored):
    form = form_for(*typed)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["dob"] == stored


def test_a_date_left_empty_can_be_skipped():
    form = form_for()

    assert form.is_valid()
    assert form.cleaned_data["dob"] == ""


def test_a_required_date_left_empty_says_what_to_do():
    question = DateInput(name="dob", label="When?", required="Enter the date it happened")

    form = form_for(question=question)

    assert form.errors["dob"] == ["Enter the date it happened"]


@pytest.mark.parametrize("typed", [("27", "", "1990"), ("", "3", ""), ("27", "3", "")])
def test_part_of_a_date_asks_for_the_rest(typed):
    form = form_for(*typed)

    assert form.errors["dob"] == ["Enter a day, month and year, or leave all three empty"]


@pytest.mark.parametrize(
    "typed",
    [
        ("31", "2", "1990"),
        ("0", "1", "1990"),
        ("1", "13", "1990"),
        ("1", "1", "90"),
        ("a", "b", "c"),
        ("1", "1", "1850"),
        ("\uff11", "1", "1990"),  # a full-width digit one
    ],
)
def test_a_date_that_does_not_exist_gets_the_govuk_message(typed):
    form = form_for(*typed)

    assert form.errors["dob"] == ["Enter a real date, like 27 3 1990"]


def test_a_date_of_birth_in_the_future_is_refused_with_its_own_words():
    question = DateInput(name="dob", label="Born?", in_future="Your date of birth must be in the past")
    tomorrow = date.today() + timedelta(days=1)

    with time_machine.travel(date.today(), tick=False):
        form = form_for(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year), question=question)

        assert form.errors["dob"] == ["Your date of birth must be in the past"]


def test_the_error_summary_links_to_the_day_box():
    form = form_for("31", "2", "1990")

    assert form.error_links() == [("id_dob_0", "Enter a real date, like 27 3 1990")]
    assert 'id="id_dob_0"' in rendered(form)


def test_it_is_drawn_as_the_govuk_date_input_with_a_label_for_each_box():
    html = rendered(page_form(PAGE, VOICE, initial={"dob": "1990-03-27"}))

    assert 'class="govuk-fieldset" role="group"' in html
    assert '<h1 class="govuk-fieldset__heading">' in html
    for number, (label, value) in enumerate([("Day", "27"), ("Month", "3"), ("Year", "1990")]):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_dob_{number}">{label}</label>' in html
        assert f'name="dob_{number}"' in html
        assert f'value="{value}"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert "govuk-input--error" not in html


def test_a_wrong_date_comes_back_as_typed_and_marked_as_wrong():
    posted = rebind({"dob_0": "31", "dob_1": "2", "dob_2": "<b>1990</b>"})

    kept = raw_input(PAGE, posted)
    again = page_form(PAGE, VOICE, data=rebind(kept))

    assert kept == {"dob_0": "31", "dob_1": "2", "dob_2": "<b>1990</b>"}
    assert not again.is_valid()
    html = rendered(again)
    assert 'value="&lt;b&gt;1990&lt;/b&gt;"' in html
    assert "govuk-input--error" in html
    assert "govuk-form-group--error" in html


def test_check_your_answers_shows_the_date_in_words():
    assert BIRTHDAY.display("1990-03-27", VOICE, {}) == "27 March 1990"
    assert BIRTHDAY.display("", VOICE, {}) == "Not answered"
    assert BIRTHDAY.display("not a date", VOICE, {}) == "Not answered"


def test_a_saved_date_is_recorded_under_the_questions_name():
    form = form_for("27", "3", "1990")
    form.is_valid()
    state = JourneyState()

    state.record(PAGE, form.cleaned_data)

    assert state.answers == {"dob": "1990-03-27"}
