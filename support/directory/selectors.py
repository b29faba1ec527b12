"""Reads for the directory of support services: which services suit someone, in what
order, and whether each is open now.

Every function here runs a fixed number of queries (the services, then their opening
hours), whatever the number of services: matching and ordering happen in Python over the
one list, which stays small (national services plus one force area's local ones).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from reporting import routing

from ..models import Category, SupportService
from ..opening_hours import BankHolidays, Status, load_bank_holidays, status_at

#: The data files stay at the app level (support/data/), where the admin and docs point.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BANK_HOLIDAYS_FILE = DATA_DIR / "bank_holidays_england_wales.json"

#: What a service helps with; a service is suggested only when one of these matches.
TOPICS = frozenset(
    {
        Category.DOMESTIC_ABUSE,
        Category.SEXUAL_VIOLENCE,
        Category.RECENT_SEXUAL_ASSAULT,
        Category.STALKING,
        Category.HONOUR_FORCED_MARRIAGE,
        Category.OWN_BEHAVIOUR,
        Category.CHILD_SAFETY,
        Category.ANY_CRIME,
        Category.EMOTIONAL_SUPPORT,
    }
)
#: Groups a service can be only for (``only_for_listed_groups``).
GROUPS = frozenset({Category.MEN, Category.LGBT, Category.CHILDREN_YOUNG_PEOPLE, Category.DEAF_BSL, Category.WALES})

#: How much a matching category counts towards a service's place in the list: the more
#: specific the match, the higher. SARCs after a recent assault come first of all.
WEIGHTS: dict[str, int] = {
    Category.RECENT_SEXUAL_ASSAULT: 8,
    Category.HONOUR_FORCED_MARRIAGE: 4,
    Category.STALKING: 4,
    Category.OWN_BEHAVIOUR: 4,
    Category.CHILD_SAFETY: 4,
    Category.MEN: 3,
    Category.LGBT: 3,
    Category.CHILDREN_YOUNG_PEOPLE: 3,
    Category.DEAF_BSL: 3,
    Category.WALES: 3,
    Category.DOMESTIC_ABUSE: 2,
    Category.SEXUAL_VIOLENCE: 2,
    Category.LANGUAGES: 1,
    Category.SUPPORTERS: 1,
    Category.ANY_CRIME: 1,
    Category.EMOTIONAL_SUPPORT: 1,
}

#: The order of the directory's groups, and of the "services for particular groups" list.
DIRECTORY_ORDER: tuple[Category, ...] = (
    Category.DOMESTIC_ABUSE,
    Category.SEXUAL_VIOLENCE,
    Category.RECENT_SEXUAL_ASSAULT,
    Category.STALKING,
    Category.HONOUR_FORCED_MARRIAGE,
    Category.MEN,
    Category.LGBT,
    Category.CHILDREN_YOUNG_PEOPLE,
    Category.DEAF_BSL,
    Category.LANGUAGES,
    Category.WALES,
    Category.SUPPORTERS,
    Category.ANY_CRIME,
    Category.EMOTIONAL_SUPPORT,
    Category.CHILD_SAFETY,
    Category.OWN_BEHAVIOUR,
)
AUDIENCE_GROUPS: tuple[Category, ...] = (
    Category.MEN,
    Category.LGBT,
    Category.CHILDREN_YOUNG_PEOPLE,
    Category.DEAF_BSL,
    Category.LANGUAGES,
    Category.WALES,
)


@dataclass(frozen=True)
class Listing:
    """A service as one visitor sees it: open or not now, and how well it matches."""

    service: SupportService
    status: Status
    score: int = 0

    @property
    def is_local(self) -> bool:
        return not self.service.is_national


@dataclass(frozen=True)
class FindSupportResults:
    listings: list[Listing]
    groups: list[tuple[Category, list[Listing]]]
    force: routing.Force | None

    @property
    def open_now(self) -> list[Listing]:
        return [listing for listing in self.listings if listing.status.is_open]

    @property
    def not_open_now(self) -> list[Listing]:
        return [listing for listing in self.listings if not listing.status.is_open]

    @property
    def has_local(self) -> bool:
        return any(listing.is_local for listing in self.listings)


@functools.cache
def _bank_holidays_from(path: str) -> BankHolidays:
    return load_bank_holidays(Path(path))


def bank_holidays() -> BankHolidays:
    """England and Wales bank holidays, from the data file (a deployment may point
    ``WAYMARK_BANK_HOLIDAYS_FILE`` at its own copy). Read once per process."""
    return _bank_holidays_from(str(getattr(settings, "WAYMARK_BANK_HOLIDAYS_FILE", BANK_HOLIDAYS_FILE)))


def _checked_needs(needs: Iterable[str]) -> frozenset[str]:
    needs = frozenset(needs)
    unknown = needs - set(Category.values)
    if unknown:
        raise ValueError(f"Unknown support needs: {', '.join(sorted(unknown))}")
    return needs


def _services(force_code: str | None) -> list[SupportService]:
    """Active national services, plus the local ones of one force area: two queries."""
    where = Q(force__isnull=True)
    if force_code:
        where |= Q(force__code=force_code)
    return list(
        SupportService.objects.filter(where, is_active=True).select_related("force").prefetch_related("periods")
    )


def is_suitable(service: SupportService, needs: frozenset[str]) -> bool:
    """Whether to suggest a service to someone with these needs.

    - It must help with one of the things they need help with.
    - A service only for some groups (men, LGBT+ people…) is suggested only to them.
    - Services for people worried about their own behaviour are never suggested to anyone
      else (except, when the service also says so, to adults worried about someone's
      behaviour towards a child: a Sarah's Law applicant), and someone worried about their
      own behaviour is not sent to services for victims (someone to talk to excepted), nor
      to a line about a different behaviour.
    """
    categories = set(service.categories)
    if not categories & TOPICS & needs:
        return False
    only_for = (categories & GROUPS) if service.only_for_listed_groups else set()
    if Category.OWN_BEHAVIOUR in categories:
        only_for.add(Category.OWN_BEHAVIOUR)
        only_for |= categories & {Category.CHILD_SAFETY}
    if only_for and not only_for & needs:
        return False
    if Category.OWN_BEHAVIOUR in needs:
        if Category.OWN_BEHAVIOUR not in categories:
            return categories & TOPICS == {Category.EMOTIONAL_SUPPORT}
        # Worried about which behaviour? Domestic abuse and sexual behaviour have different
        # lines; with no particular one named, every such line is suggested.
        named = needs & TOPICS - {Category.OWN_BEHAVIOUR, Category.EMOTIONAL_SUPPORT, Category.ANY_CRIME}
        return not named or bool(named & categories)
    return True


def score(service: SupportService, needs: frozenset[str]) -> int:
    return sum(WEIGHTS[category] for category in needs.intersection(service.categories))


def rank(services: Sequence[SupportService], *, needs: Iterable[str], now: datetime) -> list[Listing]:
    """The suitable services, open now first; then the best match, a local service before
    a national one, the more specialist before the more general, and by name."""
    needs = _checked_needs(needs)
    holidays = bank_holidays()
    listings = [
        Listing(service, status_at(service.schedule(), now, holidays), score(service, needs))
        for service in services
        if is_suitable(service, needs)
    ]
    listings.sort(
        key=lambda listing: (
            listing.status.sort_key,
            -listing.score,
            listing.service.is_national,
            len(listing.service.categories),
            listing.service.name.casefold(),
        )
    )
    return listings


def _with_place(needs: Iterable[str], force_code: str | None) -> set[str]:
    """The needs, and "wales" when the force area is in Wales, so services only for people
    in Wales (such as Live Fear Free) are suggested there and nowhere else."""
    force = routing.forces().get(force_code) if force_code else None
    return set(needs) | ({Category.WALES.value} if force and force.nation == "Wales" else set())


def services_for(*, needs: set[str], force_code: str | None, now: datetime) -> list[Listing]:
    """Services that suit someone with these needs (``Category`` values), national and,
    when ``force_code`` is given, local to that force area: open now first. For report
    confirmation pages (through the ``signposting`` template tag) and find support."""
    return rank(_services(force_code), needs=_with_place(needs, force_code), now=now)


def find_support_results(*, needs: set[str], force_code: str | None, now: datetime) -> FindSupportResults:
    """What the find-support results page shows: the matching services, and for each group
    (men, LGBT+ people, young people, Deaf people, other languages) the services made for
    them, so nobody has to tell us which group they belong to."""
    services = _services(force_code)
    needs = _with_place(needs, force_code)
    listings = rank(services, needs=needs, now=now)
    groups: list[tuple[Category, list[Listing]]] = []
    if Category.OWN_BEHAVIOUR not in needs:
        for group in AUDIENCE_GROUPS:
            members = [s for s in services if group in s.categories]
            found = rank(members, needs=set(needs) | {group}, now=now)
            if found:
                groups.append((group, found))
    force = routing.forces().get(force_code) if force_code else None
    return FindSupportResults(listings=listings, groups=groups, force=force)


def directory(*, now: datetime) -> list[tuple[Category, list[Listing]]]:
    """Every active service, national and local, grouped by who it is for. A service is
    listed under each of its groups; within a group, open now first, then national before
    local, then by name."""
    services = list(SupportService.objects.filter(is_active=True).select_related("force").prefetch_related("periods"))
    holidays = bank_holidays()
    statuses = {service.pk: status_at(service.schedule(), now, holidays) for service in services}
    grouped = []
    for category in DIRECTORY_ORDER:
        members = [Listing(s, statuses[s.pk]) for s in services if category in s.categories]
        members.sort(
            key=lambda listing: (
                listing.status.sort_key,
                not listing.service.is_national,
                listing.service.force.display_name if listing.service.force else "",
                listing.service.name.casefold(),
            )
        )
        if members:
            grouped.append((category, members))
    return grouped
