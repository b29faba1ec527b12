import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.fields import EncryptedJSONField

from .opening_hours import BankHolidayRule, Day, Period, Schedule


class SupportAgency(models.Model):
    """An organisation that receives referrals, such as a local domestic abuse service."""

    name = models.CharField(max_length=200, unique=True)
    notification_email = models.EmailField(
        blank=True,
        help_text=_("Where we send 'a new referral is waiting'. The email never contains anything about the person."),
    )

    class Meta:
        verbose_name_plural = "support agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyMember(models.Model):
    """A member of a support agency's staff; they see only their agency's referrals."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_member")
    agency = models.ForeignKey(SupportAgency, on_delete=models.PROTECT, related_name="members")

    def __str__(self) -> str:
        return f"{self.user} ({self.agency})"


# --- The directory of support services -------------------------------------------------


class Category(models.TextChoices):
    """Who a service is for, or what it helps with. A service has one or more."""

    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    SEXUAL_VIOLENCE = "sexual_violence", _("Rape, sexual assault and sexual abuse")
    RECENT_SEXUAL_ASSAULT = "recent_sexual_assault", _("Care after a recent rape or sexual assault")
    STALKING = "stalking", _("Stalking and harassment")
    HONOUR_FORCED_MARRIAGE = "honour_forced_marriage", _("Honour-based abuse and forced marriage")
    MEN = "men", _("Men")
    LGBT = "lgbt", _("LGBT+ people")
    CHILDREN_YOUNG_PEOPLE = "children_young_people", _("Children and young people")
    DEAF_BSL = "deaf_bsl", _("Deaf people and British Sign Language users")
    LANGUAGES = "languages", _("Help in languages other than English")
    WALES = "wales", _("People in Wales")
    SUPPORTERS = "supporters", _("Friends and family of someone affected")
    OWN_BEHAVIOUR = "own_behaviour", _("People worried about their own behaviour")
    CHILD_SAFETY = "child_safety", _("Adults worried about a child's safety")
    ANY_CRIME = "any_crime", _("Victims of any crime")
    EMOTIONAL_SUPPORT = "emotional_support", _("Someone to talk to")


class BankHolidayHours(models.TextChoices):
    AS_USUAL = BankHolidayRule.AS_USUAL.value, _("Usual hours for that day of the week")
    CLOSED = BankHolidayRule.CLOSED.value, _("Closed on bank holidays")
    SPECIAL = BankHolidayRule.SPECIAL.value, _("Special bank holiday hours (add them below as 'Bank holiday')")
    UNKNOWN = BankHolidayRule.UNKNOWN.value, _("Not known")


class OpeningDay(models.IntegerChoices):
    MONDAY = Day.MONDAY.value, _("Monday")
    TUESDAY = Day.TUESDAY.value, _("Tuesday")
    WEDNESDAY = Day.WEDNESDAY.value, _("Wednesday")
    THURSDAY = Day.THURSDAY.value, _("Thursday")
    FRIDAY = Day.FRIDAY.value, _("Friday")
    SATURDAY = Day.SATURDAY.value, _("Saturday")
    SUNDAY = Day.SUNDAY.value, _("Sunday")
    BANK_HOLIDAY = Day.BANK_HOLIDAY.value, _("Bank holiday")


phone_validator = RegexValidator(
    r"^(\+44 ?|0)?[0-9][0-9 ]{2,16}$",
    _("Enter a UK phone number using digits and spaces, like 0808 2000 247 or 116 123."),
)


def validate_categories(value) -> None:
    allowed = set(Category.values)
    if not isinstance(value, list) or not value or any(item not in allowed for item in value):
        raise ValidationError(_("Choose at least one group from the list."))


class SupportService(models.Model):
    """A service people can contact for support: national (no force) or local to one force
    area. National services come from support/data/national_services.json; force
    administrators add local ones."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    description = models.TextField(help_text=_("What the service does and who it is for, in plain English."))
    description_cy = models.TextField(blank=True, help_text=_("The same in Welsh, if you have it."))
    force = models.ForeignKey(
        "reporting.Force",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_services",
        help_text=_("The police force area this local service covers. Leave empty for a national service."),
    )
    categories = models.JSONField(default=list, validators=[validate_categories])
    only_for_listed_groups = models.BooleanField(
        default=False,
        help_text=_(
            "Tick if the service is only for the groups ticked above (for example, only for men), "
            "so it is not suggested to anyone else."
        ),
    )
    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    text_phone = models.CharField(_("text message number"), max_length=30, blank=True, validators=[phone_validator])
    webchat_url = models.URLField(_("webchat address"), blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    always_open = models.BooleanField(_("open 24 hours a day, every day"), default=False)
    bank_holidays = models.CharField(
        _("on bank holidays"), max_length=16, choices=BankHolidayHours.choices, default=BankHolidayHours.UNKNOWN
    )
    accepts_police_referrals = models.BooleanField(
        default=False, help_text=_("The police can refer people to this service, with their agreement.")
    )
    is_active = models.BooleanField(default=True, help_text=_("Untick to stop showing the service."))
    source_urls = models.TextField(blank=True, help_text=_("Where the facts come from, one address a line."))
    checked_on = models.DateField(null=True, blank=True, help_text=_("When the facts were last checked."))
    needs_verification = models.BooleanField(
        default=False, help_text=_("Some facts must be confirmed with the service before launch.")
    )
    verification_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name if self.force_id is None else f"{self.name} ({self.force})"

    def clean(self):
        super().clean()
        if not (self.phone or self.text_phone or self.webchat_url or self.email or self.website):
            raise ValidationError(_("Give at least one way to contact the service."))

    @property
    def is_national(self) -> bool:
        return self.force_id is None

    @property
    def localised_description(self) -> str:
        if self.description_cy and (get_language() or "").startswith("cy"):
            return self.description_cy
        return self.description

    def schedule(self) -> Schedule:
        """The opening hours as the pure opening_hours module sees them (uses prefetched
        periods when the queryset prefetched them)."""
        if self.always_open or self.pk is None:
            periods = ()
        else:
            periods = tuple(Period(Day(p.day), p.opens, p.closes) for p in self.periods.all())
        return Schedule(
            always_open=self.always_open,
            periods=periods,
            bank_holidays=BankHolidayRule(self.bank_holidays),
        )

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def text_href(self) -> str:
        return tel_href(self.text_phone, scheme="sms")


class OpeningPeriod(models.Model):
    """One opening of a service on one kind of day, in UK time. A closing time at or before
    the opening time means the service stays open past midnight."""

    service = models.ForeignKey(SupportService, on_delete=models.CASCADE, related_name="periods")
    day = models.PositiveSmallIntegerField(choices=OpeningDay.choices)
    opens = models.TimeField()
    closes = models.TimeField(help_text=_("Midnight is 00:00. A time before 'opens' means the next morning."))

    class Meta:
        ordering = ["day", "opens"]

    def __str__(self) -> str:
        return f"{self.get_day_display()} {self.opens:%H:%M} to {self.closes:%H:%M}"


def tel_href(number: str, *, scheme: str = "tel") -> str:
    """A dialling link in E.164: "0808 2000 247" -> "tel:+448082000247". Short numbers
    without a leading 0 (116 123, 999) are dialled as written. Empty in, empty out."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if not digits:
        return ""
    if number.strip().startswith("+"):
        return f"{scheme}:+{digits}"
    if digits.startswith("0"):
        return f"{scheme}:+44{digits[1:]}"
    return f"{scheme}:{digits}"


# --- Referrals to support agencies -------------------------------------------------------


class ReferralKind(models.TextChoices):
    """The kinds of service a person can ask to be referred to. Which answer of which
    journey asks for which kind is declared on the journey (Journey.referral_options)."""

    DOMESTIC_ABUSE = "domestic_abuse", _("Specialist domestic abuse service")
    ISVA = "isva", _("Independent sexual violence adviser (ISVA) service")
    SARC = "sarc", _("Sexual assault referral centre (SARC)")
    RAPE_CRISIS = "rape_crisis", _("Rape Crisis centre")
    VICTIM_SUPPORT = "victim_support", _("Service for victims of crime")
    HOUSING = "housing", _("Housing or refuge service")


class ReferralRoute(models.Model):
    """An agency receives one kind of referral for one police force area.

    The force areas an agency serves are the forces of its routes. For each force area and
    kind there is at most one receiving agency, so a referral never has to guess.
    """

    agency = models.ForeignKey(SupportAgency, on_delete=models.CASCADE, related_name="routes")
    force = models.ForeignKey("reporting.Force", on_delete=models.PROTECT, related_name="referral_routes")
    kind = models.CharField(max_length=32, choices=ReferralKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "kind"], name="support_one_agency_per_force_and_kind"),
        ]
        ordering = ["force__display_name", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.force}: {self.agency}"


class ConsentMethod(models.TextChoices):
    """How the person agreed to the referral."""

    ONLINE_FORM = "online_form", _("On the online form")
    OFFICER_PHONE = "officer_phone", _("To a police officer, by phone")
    OFFICER_IN_PERSON = "officer_in_person", _("To a police officer, in person")
    OFFICER_IN_WRITING = "officer_in_writing", _("To a police officer, in writing")


class Referral(models.Model):
    """A person's details passed, with their consent, to one support agency.

    ``shared`` holds only the minimal data set for the kind of service (see
    support.referrals.data), encrypted; nothing else about the report reaches the agency.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        FIRST_CONTACT_MADE = "first_contact_made", _("First contact made")

    #: The statuses from which each change may be made.
    CAN_ACCEPT = (Status.NEW,)
    CAN_DECLINE = (Status.NEW, Status.ACCEPTED)
    CAN_RECORD_FIRST_CONTACT = (Status.NEW, Status.ACCEPTED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey("reporting.Report", on_delete=models.PROTECT, related_name="referrals")
    agency = models.ForeignKey(SupportAgency, on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=32, choices=ReferralKind.choices)
    # Consent: what was asked for (the journey's answer, empty when recorded by an officer),
    # how, when, and who recorded it (empty when the person gave it on the online form).
    consent_option = models.CharField(max_length=50, blank=True)
    consent_method = models.CharField(max_length=32, choices=ConsentMethod.choices)
    consent_recorded_at = models.DateTimeField()
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The data passed to the agency: only the minimum for its kind, as of data_set_version.
    shared = EncryptedJSONField()
    data_set_version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    # The Victims' Code clock: 2 working days from the report, not from this referral.
    due_at = models.DateTimeField()
    # The notification email: when a worker took it on (claimed_at, then sent outside any
    # transaction) and when the mail server accepted it (support/referrals/notifications.py).
    notification_claimed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = EncryptedJSONField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    first_contact_note = EncryptedJSONField(null=True, blank=True)
    first_contact_recorded_at = models.DateTimeField(null=True, blank=True)
    first_contact_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            # One live referral per report and kind of service; after a decline an officer
            # may refer again.
            models.UniqueConstraint(
                fields=["report", "kind"],
                condition=~models.Q(status="declined"),
                name="support_one_open_referral_per_report_and_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"]),
            models.Index(fields=["status", "due_at"]),
        ]
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.get_kind_display()}, {self.get_status_display()})"

    def is_overdue(self, now: datetime | None = None) -> bool:
        """Still waiting for the agency when the Victims' Code clock ran out."""
        return self.status == self.Status.NEW and (now or timezone.now()) > self.due_at

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def made_late(self) -> bool:
        """Made after the clock ran out (possible when an officer refers later)."""
        return self.created_at > self.due_at

    @property
    def can_accept(self) -> bool:
        return self.status in self.CAN_ACCEPT

    @property
    def can_decline(self) -> bool:
        return self.status in self.CAN_DECLINE

    @property
    def can_record_first_contact(self) -> bool:
        return self.status in self.CAN_RECORD_FIRST_CONTACT
