"""The safe-contact pages any journey can include, and numbered wording (Format)."""

from reporting.engine import Format, Is, JourneyState, Not, Perspective, Voice
from reporting.engine.contact import contact_pages

ANONYMOUS = Is("mode", "anonymous")


def test_contact_details_are_asked_only_for_the_ways_chosen_and_only_when_the_journey_allows():
    pages = contact_pages(
        section="c",
        avoid="Only safe ways.",
        without_contact="We may not be able to help.",
        when=Not(ANONYMOUS),
        callback=True,
    )
    by_slug = {page.slug: page for page in pages}

    phone_only = {"mode": "named", "contact_methods": ["call"]}
    assert by_slug["contact-phone"].when(phone_only)
    assert not by_slug["contact-email"].when(phone_only)
    assert by_slug["callback"].when(phone_only)
    assert not by_slug["callback"].when({"mode": "named", "contact_methods": ["text"]})
    assert not any(page.when({"mode": "anonymous", "contact_methods": ["call"]}) for page in pages)


def test_the_callback_and_officer_pages_are_there_only_when_asked_for():
    slugs = [page.slug for page in contact_pages(section="c", avoid="a", without_contact="b", officer=False)]

    assert "callback" not in slugs
    assert "officer" not in slugs
    assert slugs[:5] == ["contact-methods", "contact-phone", "contact-email", "contact-address", "safe-times"]


def test_the_answers_have_the_same_names_as_in_every_journey():
    names = {
        q.name
        for page in contact_pages(section="c", avoid="a", without_contact="b", callback=True)
        for q in page.questions
    }

    assert {"contact_methods", "phone", "email", "postal_address", "safe_days", "safe_times", "callback_time"} <= names


def test_numbered_wording_puts_the_number_into_any_kind_of_wording():
    voice = Voice(answers={}, them=True)

    assert voice.say(Format("Child %(number)d", number=2)) == "Child 2"
    assert (
        voice.say(Format(Perspective(me="Your address %(number)d", them="Their address %(number)d"), number=3))
        == "Their address 3"
    )
    assert Format("x %(number)d", number=1) == Format("x %(number)d", number=1)


def test_a_journey_state_without_contact_answers_shows_no_contact_details_page():
    pages = contact_pages(section="c", avoid="a", without_contact="b")
    state = JourneyState(answers={"contact_methods": ["none"]})

    assert [page.slug for page in pages if page.when(state.answers)] == [
        "contact-methods",
        "trusted-person",
        "language",
        "access-needs",
        "officer",
    ]
