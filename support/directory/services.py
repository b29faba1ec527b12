"""Writes for the directory of support services: bringing the national services in line
with their data file."""

import json
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import BankHolidayHours, OpeningPeriod, SupportService
from ..opening_hours import BankHolidayRule, Day
from . import selectors

NATIONAL_SERVICES_FILE = selectors.DATA_DIR / "national_services.json"

_SERVICE_FIELDS = (
    "name",
    "organisation",
    "description",
    "description_cy",
    "categories",
    "only_for_listed_groups",
    "phone",
    "text_phone",
    "webchat_url",
    "email",
    "website",
    "always_open",
    "bank_holidays",
    "accepts_police_referrals",
    "source_urls",
    "checked_on",
    "needs_verification",
    "verification_note",
)


class ServiceDataError(ValueError):
    """The national services file says something the directory cannot hold."""


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    unchanged: int
    deactivated: int


def _time(text: str, where: str) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        raise ServiceDataError(f"{where}: {text!r} is not a time like 09:30.") from None


def _entry_values(entry: dict) -> tuple[dict, list[tuple[int, time, time]]]:
    """Turn one file entry into model field values and opening periods, or fail loudly."""
    slug = entry.get("slug", "?")
    hours = entry.get("hours") or {}
    periods: list[tuple[int, time, time]] = []
    for block in hours.get("periods", []):
        opens = _time(block.get("opens"), slug)
        closes = _time(block.get("closes"), slug)
        for key in block.get("days", []):
            try:
                day = Day.from_key(key)
            except KeyError:
                raise ServiceDataError(f"{slug}: {key!r} is not a day (mon … sun, bank_holiday).") from None
            periods.append((int(day), opens, closes))
    rule = hours.get("bank_holidays", BankHolidayRule.UNKNOWN.value if periods else BankHolidayRule.AS_USUAL.value)
    if rule not in BankHolidayHours.values:
        raise ServiceDataError(f"{slug}: bank_holidays must be one of {', '.join(BankHolidayHours.values)}.")
    values = {
        "name": entry["name"],
        "organisation": entry.get("organisation", ""),
        "description": entry["description"],
        "description_cy": entry.get("description_cy", ""),
        "categories": list(entry["categories"]),
        "only_for_listed_groups": bool(entry.get("only_for_listed_groups", False)),
        "phone": entry.get("phone", ""),
        "text_phone": entry.get("text", ""),
        "webchat_url": entry.get("webchat_url", ""),
        "email": entry.get("email", ""),
        "website": entry.get("website", ""),
        "always_open": bool(hours.get("always_open", False)),
        "bank_holidays": rule,
        "accepts_police_referrals": bool(entry.get("accepts_police_referrals", False)),
        "source_urls": "\n".join(source["url"] for source in entry.get("sources", [])),
        "checked_on": date.fromisoformat(entry["checked"]) if entry.get("checked") else None,
        "needs_verification": bool(entry.get("verify", False)),
        "verification_note": entry.get("verify_notes", ""),
    }
    return values, sorted(periods)


def _period_tuples(service: SupportService) -> list[tuple[int, time, time]]:
    return sorted((p.day, p.opens, p.closes) for p in service.periods.all())


@transaction.atomic
def national_services_sync(*, path: Path = NATIONAL_SERVICES_FILE) -> SyncResult:
    """Brings the national services in line with the data file. Idempotent: a second run
    changes nothing. Local services are never touched; a national service that has left
    the file is hidden (not deleted, so anything that points at it keeps working)."""
    entries = json.loads(path.read_text(encoding="utf-8"))["services"]
    slugs = [entry["slug"] for entry in entries]
    if len(set(slugs)) != len(slugs):
        raise ServiceDataError("Two national services share a slug.")
    existing = {s.slug: s for s in SupportService.objects.filter(slug__in=slugs).prefetch_related("periods")}
    created = updated = unchanged = 0
    for entry in entries:
        values, periods = _entry_values(entry)
        service = existing.get(entry["slug"])
        if service is not None and service.force_id is not None:
            raise ServiceDataError(f"{entry['slug']}: a local service already uses this slug.")
        if service is None:
            service = SupportService(slug=entry["slug"])
            is_new = True
        else:
            is_new = False
            same = all(getattr(service, name) == value for name, value in values.items())
            if same and service.is_active and _period_tuples(service) == periods:
                unchanged += 1
                continue
        for name, value in values.items():
            setattr(service, name, value)
        service.is_active = True
        try:
            service.full_clean(exclude=["slug"] if not is_new else None)
        except ValidationError as error:
            raise ServiceDataError(f"{entry['slug']}: {error.message_dict}") from None
        service.save()
        service.periods.all().delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(service=service, day=day, opens=opens, closes=closes) for day, opens, closes in periods
        )
        if is_new:
            created += 1
        else:
            updated += 1
    deactivated = (
        SupportService.objects.filter(force__isnull=True, is_active=True)
        .exclude(slug__in=slugs)
        .update(is_active=False)
    )
    return SyncResult(created=created, updated=updated, unchanged=unchanged, deactivated=deactivated)
