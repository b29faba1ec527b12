"""A journey, declared once: its Flow and every fact the rest of the site needs about it.

Each journey declares one Journey next to its Flow (reporting/journeys/<journey>.py) and is
listed once in the registry (reporting.journeys.JOURNEYS). Triage labels, the priority a
report starts with, its service-level clocks, the safe-contact panel, the confirmation
page's signposting and the support app's referrals all read these fields, so adding a
journey is its module, its registry entry and its next-steps template.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.functional import Promise

from . import answers
from .conditions import always
from .flow import Flow
from .wording import Answers, Condition


@dataclass(frozen=True)
class PriorityFacts:
    """Which answer holds each fact priority reads (reporting.priority). None: not asked."""

    in_danger: str | None = answers.IN_DANGER
    children: str | None = answers.CHILDREN
    injured: str | None = answers.INJURED
    # How old the person it happened to is: a child's age band adds its reason.
    age_band: str | None = None


@dataclass(frozen=True)
class Milestone:
    """A service-level clock (reporting.service_levels): what a force commits to do, and
    by when unless the force sets its own time."""

    code: str
    label: Promise
    default: timedelta
    # Whether the milestone applies to a report, from its answers: an urgent clock applies
    # only when someone is in danger now, for example. A force sets its own time for it
    # (ForceServiceLevel) as for any milestone.
    when: Condition = always
    # The milestone this one stands in for when it applies (its clock is not started, and
    # what meets that milestone meets this one): an urgent first contact replaces the usual.
    replaces: str | None = None


@dataclass(frozen=True)
class SafeContactKeys:
    """Where a journey keeps what staff must know before contacting anyone (the safe-contact
    panel, reporting.triage.safe_contact). The defaults are the names engine.contact uses."""

    methods: str = answers.CONTACT_METHODS
    # The option of `methods` that says a message may be left.
    voicemail: str = answers.VOICEMAIL
    # The option of `methods` that says: do not contact me.
    no_contact: str = answers.NO_CONTACT
    details: tuple[str, ...] = (answers.PHONE, answers.EMAIL, answers.POSTAL_ADDRESS)
    times: tuple[str, ...] = (
        answers.SAFE_DAYS,
        answers.SAFE_TIMES,
        answers.SAFE_TIMES_DETAIL,
        answers.CALLBACK,
        answers.CALLBACK_TIME,
    )
    # Of `times`, those a person who can be contacted may skip: a skipped answer reads to
    # staff as "not given: ask before calling", never as any time (engine.contact's "any"
    # option is the person's own choice).
    unstated_times: tuple[str, ...] = (answers.SAFE_DAYS, answers.SAFE_TIMES)
    trusted: str | None = answers.TRUSTED_CONTACT
    trusted_details: tuple[str, ...] = (answers.TRUSTED_NAME, answers.TRUSTED_RELATIONSHIP, answers.TRUSTED_PHONE)
    other: tuple[str, ...] = (
        answers.THEY_KNOW,
        answers.PERSON_LIVES_WITH,
        answers.LANGUAGE,
        answers.INTERPRETER,
        answers.ACCESS_NEEDS,
        answers.OFFICER_GENDER,
    )


@dataclass(frozen=True)
class SafeApproachKeys:
    """Where a journey keeps what staff must know before approaching the person at risk, when
    someone else told us about them (the panel beside safe contact,
    reporting.triage.safe_approach). The defaults are the names engine.approach uses."""

    direct: str = answers.APPROACH_DIRECT
    # The options of `direct` that say: do not contact the person at risk directly, and: it
    # is safe to.
    do_not_approach: str = answers.DO_NOT_APPROACH
    safe: str = answers.SAFE_TO_APPROACH
    # Each shown in this order, "Not given" when skipped.
    rows: tuple[str, ...] = (
        answers.THEY_KNOW,
        answers.PERSON_LIVES_WITH,
        answers.APPROACH_SAFE_TIMES,
        answers.APPROACH_GO_BETWEEN_NAME,
        answers.APPROACH_GO_BETWEEN_CONTACT,
        answers.APPROACH_NOTES,
    )


@dataclass(frozen=True)
class Signpost:
    """A need (a support.models.Category value, as a plain string) the confirmation page
    lists support services for, when the answers call for it."""

    need: str
    when: Condition = always


@dataclass(frozen=True)
class Journey:
    slug: str
    title: Promise
    summary: Promise
    before_you_start: tuple[Promise, ...]
    flow: Flow
    # The short name in the staff queue's columns and filters, and on referrals.
    short_label: Promise
    # What the kind of report adds to its priority, and the reason shown for it.
    type_weight: int
    type_reason: Promise
    # The service-level clocks every report of this kind starts with.
    milestones: tuple[Milestone, ...]
    # About how many minutes it takes, said on the start page. Measured, not guessed: the
    # main paths' pages and questions, timed as tests/reporting/test_journey_navigation.py
    # says (measured_minutes), which fails if this drifts more than 5 minutes from it.
    minutes: int
    priority: PriorityFacts = PriorityFacts()
    safe_contact: SafeContactKeys = SafeContactKeys()
    # None: the journey never asks how to approach someone else.
    safe_approach: SafeApproachKeys | None = None
    signposting: tuple[Signpost, ...] = ()
    # Each option of the journey's referral question (answers.SUPPORT_REFERRALS) and the
    # kind of service it asks for (a support.models.ReferralKind value, as a plain string).
    referral_options: dict[str, str] = field(default_factory=dict)
    # An application for information (Clare's Law, Sarah's Law), not a report: the pages
    # say "application", and "Send application".
    application: bool = False
    # What the confirmation page says happens next.
    next_steps: str = "reporting/journey/next_steps/domestic_abuse.html"

    def signposting_needs(self, values: Answers) -> tuple[str, ...]:
        """The needs the confirmation page lists support services for, for these answers."""
        return tuple(signpost.need for signpost in self.signposting if signpost.when(values))
