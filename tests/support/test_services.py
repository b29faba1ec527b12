"""Loading the national services from the data file."""

import json
from datetime import time

import pytest

from support.directory.services import NATIONAL_SERVICES_FILE, ServiceDataError, national_services_sync
from support.models import SupportService

REQUIRED = [
    "National Domestic Abuse Helpline",
    "Rape Crisis 24/7 Rape and Sexual Abuse Support Line",
    "Victim Support Supportline",
    "Men's Advice Line",
    "Galop National LGBT+ Domestic Abuse Helpline",
    "Karma Nirvana Honour-Based Abuse Helpline",
    "Forced Marriage Unit",
    "Respect Phoneline",
    "Samaritans",
    "Childline",
    "National Stalking Helpline",
    "Sexual assault referral centres (SARCs)",
]


def write(tmp_path, services) -> object:
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"services": services}), encoding="utf-8")
    return path


def entry(**fields) -> dict:
    values = {
        "slug": "test-line",
        "name": "Test line",
        "description": "Helps.",
        "categories": ["stalking"],
        "phone": "0808 000 0000",
        "hours": {
            "periods": [{"days": ["mon", "tue"], "opens": "09:00", "closes": "17:00"}],
            "bank_holidays": "closed",
        },
        "sources": [{"url": "https://example.org/", "supports": "everything"}],
        "checked": "2026-11-23",
    }
    return {**values, **fields}


@pytest.mark.django_db
def test_loading_the_data_file_adds_every_service_the_issue_asks_for():
    result = national_services_sync()

    names = set(SupportService.objects.filter(force__isnull=True, is_active=True).values_list("name", flat=True))
    assert set(REQUIRED) <= names
    assert result.created == len(names)


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time():
    national_services_sync()
    before = {s.slug: s.updated_at for s in SupportService.objects.all()}

    result = national_services_sync()

    assert (result.created, result.updated, result.deactivated) == (0, 0, 0)
    assert result.unchanged == len(before)
    assert {s.slug: s.updated_at for s in SupportService.objects.all()} == before


@pytest.mark.django_db
def test_a_changed_entry_is_updated_with_its_hours(tmp_path):
    national_services_sync(path=write(tmp_path, [entry()]))

    changed = entry(phone="0808 111 1111", hours={"always_open": True})
    result = national_services_sync(path=write(tmp_path, [changed]))

    service = SupportService.objects.get(slug="test-line")
    assert result.updated == 1
    assert service.phone == "0808 111 1111"
    assert service.always_open
    assert not service.periods.exists()


@pytest.mark.django_db
def test_hours_bank_holidays_and_sources_are_stored(tmp_path):
    national_services_sync(path=write(tmp_path, [entry(verify=True, verify_notes="Hours")]))

    service = SupportService.objects.get(slug="test-line")
    assert sorted((p.day, p.opens, p.closes) for p in service.periods.all()) == [
        (0, time(9), time(17)),
        (1, time(9), time(17)),
    ]
    assert service.bank_holidays == "closed"
    assert service.source_urls == "https://example.org/"
    assert service.needs_verification
    assert str(service.checked_on) == "2026-11-23"


@pytest.mark.django_db
def test_a_service_that_leaves_the_file_is_hidden_not_deleted(tmp_path):
    national_services_sync(path=write(tmp_path, [entry(), entry(slug="other-line", name="Other line")]))

    result = national_services_sync(path=write(tmp_path, [entry()]))

    assert result.deactivated == 1
    assert not SupportService.objects.get(slug="other-line").is_active


@pytest.mark.django_db
def test_local_services_are_left_alone(tmp_path, local_service):
    local = local_service(name="Kept")

    national_services_sync(path=write(tmp_path, [entry()]))

    local.refresh_from_db()
    assert local.is_active and local.name == "Kept"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"categories": ["martians"]}, "categories"),
        ({"phone": "call us"}, "phone"),
        ({"hours": {"periods": [{"days": ["someday"], "opens": "09:00", "closes": "17:00"}]}}, "not a day"),
        ({"hours": {"periods": [{"days": ["mon"], "opens": "nine", "closes": "17:00"}]}}, "not a time"),
        ({"hours": {"always_open": True, "bank_holidays": "sometimes"}}, "bank_holidays"),
    ],
)
def test_a_mistake_in_the_file_stops_the_load_and_names_the_service(tmp_path, bad, message):
    with pytest.raises(ServiceDataError, match=message) as error:
        national_services_sync(path=write(tmp_path, [entry(**bad)]))

    assert "test-line" in str(error.value)
    assert not SupportService.objects.exists()


def test_every_national_service_has_sources_a_check_date_and_our_own_description():
    data = json.loads(NATIONAL_SERVICES_FILE.read_text(encoding="utf-8"))

    for service in data["services"]:
        assert service["sources"], service["slug"]
        assert all(source["url"].startswith("http") and source["supports"] for source in service["sources"])
        assert service["checked"], service["slug"]
        assert service["description"], service["slug"]
        if service["verify"]:
            assert service["verify_notes"], service["slug"]


def test_facts_marked_verify_in_the_research_are_flagged_in_the_data_file():
    data = {s["slug"]: s for s in json.loads(NATIONAL_SERVICES_FILE.read_text(encoding="utf-8"))["services"]}

    for slug in [
        "rape-crisis-24-7-support-line",
        "mens-advice-line",
        "respect-phoneline",
        "galop-lgbt-domestic-abuse-helpline",
        "karma-nirvana",
        "forced-marriage-unit",
        "national-stalking-helpline",
    ]:
        assert data[slug]["verify"] is True, slug
