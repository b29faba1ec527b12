"""Which services suit someone, and in what order: open now first."""

from datetime import datetime

import pytest

from support.directory.selectors import directory, find_support_results, services_for
from support.models import Category
from support.opening_hours import LONDON, State

# Monday 1 June 2026: the weekday lines are open at 11am and closed at 11pm.
MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)
MONDAY_NIGHT = datetime(2026, 6, 1, 23, 0, tzinfo=LONDON)
SPRING_BANK_HOLIDAY = datetime(2026, 5, 25, 11, 0, tzinfo=LONDON)

pytestmark = pytest.mark.usefixtures("national_services")


def names(listings) -> list[str]:
    return [listing.service.name for listing in listings]


def test_a_man_experiencing_domestic_abuse_sees_the_mens_advice_line_first_while_it_is_open():
    listings = services_for(needs={"domestic_abuse", "men"}, force_code=None, now=MONDAY_MORNING)

    assert names(listings)[0] == "Men's Advice Line"


def test_at_night_the_services_open_now_come_before_the_closed_mens_advice_line():
    listings = services_for(needs={"domestic_abuse", "men"}, force_code=None, now=MONDAY_NIGHT)

    states = [listing.status.state for listing in listings]
    assert states == sorted(states, key=lambda state: [State.OPEN, State.CLOSED, State.UNKNOWN].index(state))
    assert names(listings)[0] == "National Domestic Abuse Helpline"
    first_closed = next(listing for listing in listings if not listing.status.is_open)
    assert first_closed.service.name == "Men's Advice Line"
    assert first_closed.status.opens_at == datetime(2026, 6, 2, 9, 0, tzinfo=LONDON)


def test_lgbt_people_see_galop_first():
    listings = services_for(needs={"domestic_abuse", "lgbt"}, force_code=None, now=MONDAY_MORNING)

    assert names(listings)[0] == "Galop National LGBT+ Domestic Abuse Helpline"


def test_after_a_recent_sexual_assault_sarcs_come_first():
    listings = services_for(needs={"sexual_violence", "recent_sexual_assault"}, force_code=None, now=MONDAY_NIGHT)

    assert names(listings)[:2] == [
        "Sexual assault referral centres (SARCs)",
        "Rape Crisis 24/7 Rape and Sexual Abuse Support Line",
    ]


def test_services_only_for_some_groups_are_not_suggested_to_everyone():
    listings = services_for(needs={"domestic_abuse"}, force_code=None, now=MONDAY_MORNING)

    assert "Men's Advice Line" not in names(listings)
    assert "Galop National LGBT+ Domestic Abuse Helpline" not in names(listings)
    assert "Childline" not in names(listings)
    assert "National Domestic Abuse Helpline" in names(listings)


def test_victims_are_never_sent_to_lines_for_people_worried_about_their_own_behaviour():
    for need in Category.values:
        if need == "own_behaviour":
            continue
        listings = services_for(needs={need}, force_code=None, now=MONDAY_MORNING)
        assert "Respect Phoneline" not in names(listings), need
        if need != "child_safety":  # Stop It Now is also for adults worried about someone else
            assert "Stop It Now helpline" not in names(listings), need


def test_someone_worried_about_abusing_a_partner_is_sent_to_respect_not_to_victims_services():
    listings = services_for(needs={"own_behaviour", "domestic_abuse"}, force_code=None, now=MONDAY_MORNING)

    assert names(listings) == ["Respect Phoneline"]
    assert listings[0].status.state is State.UNKNOWN  # its hours could not be confirmed


def test_someone_unsure_about_their_behaviour_sees_every_such_line_and_someone_to_talk_to():
    listings = services_for(needs={"own_behaviour", "emotional_support"}, force_code=None, now=MONDAY_MORNING)

    assert set(names(listings)) == {"Respect Phoneline", "Stop It Now helpline", "Samaritans"}


def test_on_a_bank_holiday_a_line_that_closes_is_closed_and_one_that_does_not_say_is_not_known():
    stalking = services_for(needs={"stalking"}, force_code=None, now=SPRING_BANK_HOLIDAY)
    honour = services_for(needs={"honour_forced_marriage"}, force_code=None, now=SPRING_BANK_HOLIDAY)

    helpline = next(listing for listing in stalking if listing.service.name == "National Stalking Helpline")
    assert helpline.status.state is State.CLOSED
    assert helpline.status.opens_at == datetime(2026, 5, 26, 9, 30, tzinfo=LONDON)
    karma = next(listing for listing in honour if listing.service.name.startswith("Karma Nirvana"))
    assert karma.status.state is State.UNKNOWN


def test_local_services_of_the_chosen_area_are_included_and_others_are_not(local_service):
    met = local_service(force_code="E23000001", name="Met area advocacy", always_open=True)
    local_service(force_code="E23000002", name="Cumbria advocacy", always_open=True)

    listings = services_for(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)

    assert "Met area advocacy" in names(listings)
    assert "Cumbria advocacy" not in names(listings)
    listing = next(listing for listing in listings if listing.service == met)
    assert listing.is_local


def test_without_an_area_only_national_services_are_listed(local_service):
    local_service(name="Met area advocacy", always_open=True)

    listings = services_for(needs={"domestic_abuse"}, force_code=None, now=MONDAY_MORNING)

    assert all(listing.service.is_national for listing in listings)


def test_a_local_service_comes_before_a_national_one_that_matches_as_well(local_service):
    local_service(name="Met area helpline", always_open=True, categories=["domestic_abuse", "supporters"])

    listings = services_for(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)

    assert names(listings)[0] == "Met area helpline"


def test_hidden_services_are_not_listed(local_service):
    local_service(name="Closed down", always_open=True, is_active=False)

    listings = services_for(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)

    assert "Closed down" not in names(listings)


def test_an_unknown_need_is_a_mistake_not_an_empty_list():
    with pytest.raises(ValueError, match="martians"):
        services_for(needs={"martians"}, force_code=None, now=MONDAY_MORNING)


def test_the_number_of_queries_does_not_grow_with_the_number_of_services(local_service, django_assert_num_queries):
    with django_assert_num_queries(2):
        services_for(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)
    for _ in range(10):
        local_service(periods=[(0, "09:00", "17:00"), (1, "18:00", "02:00")])

    with django_assert_num_queries(2):
        listings = services_for(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)
    assert sum(listing.is_local for listing in listings) == 10


def test_find_support_lists_services_for_particular_groups_without_asking_who_you_are():
    results = find_support_results(needs={"domestic_abuse"}, force_code=None, now=MONDAY_MORNING)

    groups = {group: names(listings) for group, listings in results.groups}
    assert groups[Category.MEN] == ["Men's Advice Line"]
    assert groups[Category.LGBT] == ["Galop National LGBT+ Domestic Abuse Helpline"]
    assert "SignHealth Domestic Abuse Service" in groups[Category.DEAF_BSL]


def test_find_support_names_the_area_it_added_local_services_for():
    results = find_support_results(needs={"domestic_abuse"}, force_code="E23000001", now=MONDAY_MORNING)

    assert results.force.code == "E23000001"
    assert not results.has_local


def test_the_directory_lists_every_active_service_under_each_group_it_is_for(local_service):
    local_service(name="Met area advocacy", categories=["domestic_abuse", "men"], always_open=True)

    groups = dict(directory(now=MONDAY_NIGHT))

    assert "Met area advocacy" in names(groups[Category.DOMESTIC_ABUSE])
    assert "Met area advocacy" in names(groups[Category.MEN])
    assert "Men's Advice Line" in names(groups[Category.MEN])
    # Open now first, even though "National" comes before "Victim" by name.
    assert names(groups[Category.STALKING]) == ["Victim Support Supportline", "National Stalking Helpline"]
    assert "Respect Phoneline" in names(groups[Category.OWN_BEHAVIOUR])


def test_the_directory_runs_two_queries_however_many_services(local_service, django_assert_num_queries):
    for _ in range(5):
        local_service(periods=[(0, "09:00", "17:00")])

    with django_assert_num_queries(2):
        directory(now=MONDAY_MORNING)
