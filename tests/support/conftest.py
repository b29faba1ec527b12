import itertools
from datetime import time

import pytest

from reporting.models import Force
from support.directory.services import national_services_sync
from support.models import OpeningPeriod, SupportService

_slugs = itertools.count(1)


@pytest.fixture
def national_services(db):
    """The real national services, loaded from the data file as the command does."""
    national_services_sync()


@pytest.fixture
def local_service(forces):
    """Makes a local service for a force area, with opening periods (day, opens, closes)."""

    def make(*, force_code="E23000001", categories=("domestic_abuse",), periods=(), **fields) -> SupportService:
        number = next(_slugs)
        defaults = {
            "slug": f"local-service-{number}",
            "name": f"Local service {number}",
            "description": "A local service for testing.",
            "phone": "020 7946 0000",
            "bank_holidays": "as_usual",
        }
        service = SupportService.objects.create(
            force=Force.objects.get(code=force_code), categories=list(categories), **{**defaults, **fields}
        )
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(service=service, day=day, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes))
            for day, opens, closes in periods
        )
        return service

    return make
