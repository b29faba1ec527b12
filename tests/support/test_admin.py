import pytest

from reporting.models import Force
from support.admin import SupportServiceForm


@pytest.mark.django_db
def test_a_force_administrator_adds_a_local_service_with_tick_boxes(forces):
    form = SupportServiceForm(
        data={
            "name": "Westminster IDVA service",
            "slug": "westminster-idva",
            "force": Force.objects.get(code="E23000001").pk,
            "description": "Independent domestic violence advisers.",
            "categories": ["domestic_abuse", "men"],
            "phone": "020 7946 0000",
            "bank_holidays": "closed",
            "is_active": "on",
        }
    )

    assert form.is_valid(), form.errors
    service = form.save()
    assert service.categories == ["domestic_abuse", "men"]
    assert not service.is_national


@pytest.mark.django_db
def test_who_it_is_for_is_required():
    form = SupportServiceForm(
        data={
            "name": "X",
            "slug": "x",
            "description": "d",
            "website": "https://example.org/",
            "bank_holidays": "closed",
        }
    )

    assert "categories" in form.errors
