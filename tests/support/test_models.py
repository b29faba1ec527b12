import pytest
from django.core.exceptions import ValidationError

from support.models import SupportService, tel_href


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("0808 2000 247", "tel:+448082000247"),
        ("08 08 16 89 111", "tel:+448081689111"),
        ("020 7008 0151", "tel:+442070080151"),
        ("+44 20 7008 0151", "tel:+442070080151"),
        ("116 123", "tel:116123"),
        ("", ""),
    ],
)
def test_phone_numbers_are_dialled_in_e164(number, href):
    assert tel_href(number) == href


def test_a_text_number_opens_a_message():
    assert SupportService(text_phone="07700 900123").text_href == "sms:+447700900123"


def service(**fields) -> SupportService:
    values = {
        "slug": "a-service",
        "name": "A service",
        "description": "Helps.",
        "categories": ["domestic_abuse"],
        "website": "https://example.org/",
    }
    return SupportService(**{**values, **fields})


@pytest.mark.django_db
def test_a_valid_service_passes_validation():
    service().full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("categories", [[], ["not_a_group"], "domestic_abuse"])
def test_who_it_is_for_must_come_from_the_list(categories):
    with pytest.raises(ValidationError) as error:
        service(categories=categories).full_clean()

    assert "categories" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["call us", "0808-2000-247", "12"])
def test_phone_numbers_must_be_digits_and_spaces(number):
    with pytest.raises(ValidationError) as error:
        service(phone=number).full_clean()

    assert "phone" in error.value.message_dict


@pytest.mark.django_db
def test_a_service_needs_a_way_to_contact_it():
    with pytest.raises(ValidationError, match="at least one way to contact"):
        service(website="").full_clean()


def test_the_welsh_description_is_shown_in_welsh_when_there_is_one():
    from django.utils import translation

    welsh = service(description="Helps.", description_cy="Yn helpu.")
    english_only = service(description="Helps.")

    with translation.override("cy"):
        assert welsh.localised_description == "Yn helpu."
        assert english_only.localised_description == "Helps."
    with translation.override("en-gb"):
        assert welsh.localised_description == "Helps."
