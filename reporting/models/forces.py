"""The police services, their staff, their grade schemes and their own service-level targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Force(models.Model):
    """A police service. The 43 territorial forces of England and Wales and British
    Transport Police take reports; the other rows (Scotland, Northern Ireland, the Channel
    Islands, the Isle of Man) exist so the portal can point people to them."""

    code = models.CharField(max_length=16, unique=True, help_text=_("ONS police force area code, or BTP."))
    name = models.CharField(max_length=100, help_text=_("The ONS name of the force area."))
    display_name = models.CharField(max_length=100)
    policeuk_id = models.CharField(max_length=50, blank=True)
    nation = models.CharField(max_length=50)
    website = models.URLField(blank=True)
    non_emergency = models.CharField(max_length=100, blank=True)
    accepts_reports = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    exit_url = models.URLField(
        blank=True,
        help_text=_("Where 'Exit this page' goes for this force's visitors. Empty: the site default."),
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def offers_welsh(self) -> bool:
        return self.nation == "Wales"


class StaffMember(models.Model):
    """A member of a force's staff. Everything they can see is scoped to this force."""

    class Role(models.TextChoices):
        CONTACT_HANDLER = "contact_handler", _("Contact handler")
        CASE_OFFICER = "case_officer", _("Case officer")
        SUPERVISOR = "supervisor", _("Supervisor")
        FORCE_ADMIN = "force_admin", _("Force administrator")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=32, choices=Role.choices)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.force})"


class ForceServiceLevel(models.Model):
    """A force's own target for one milestone of one kind of report, replacing the default
    in reporting.service_levels."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="service_levels")
    report_type = models.CharField(max_length=50)
    milestone = models.CharField(max_length=50)
    hours = models.PositiveIntegerField(help_text=_("Hours from the report arriving."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "report_type", "milestone"], name="one_target_per_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.force}: {self.report_type} {self.milestone} {self.hours}h"

    def clean(self):
        from ..service_levels import milestones

        known = {milestone.code for milestone in milestones(self.report_type)}
        if not known:
            raise ValidationError(
                {"report_type": _("There is no report type called %(name)s.") % {"name": self.report_type}}
            )
        if self.milestone not in known:
            raise ValidationError({"milestone": _("Choose one of: %(names)s.") % {"names": ", ".join(sorted(known))}})


class ForceGrade(models.Model):
    """One grade of a force's grade scheme: how urgently the police will respond.

    Forces grade differently (compare Suffolk Constabulary's published response policy,
    five grades from a 15-minute emergency attendance, with Avon and Somerset's Immediate
    and Priority grades in its FOI answer 1348-23), so each has its own set, seeded with
    defaults by `manage.py load_grade_schemes` and changed in the admin.
    """

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="grades")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    # How soon the force aims to respond at this grade; empty when there is no target.
    target_minutes = models.PositiveIntegerField(null=True, blank=True)
    # A report graded here must go to the control room now; the report view says so.
    is_emergency = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["force", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="one_grade_code_per_force")]

    def __str__(self) -> str:
        return f"{self.force}: {self.label}"
