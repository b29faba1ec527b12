"""The force systems that read reports through the API, and what they record on a report.

These models belong to the ``reporting`` app (``reporting.models`` imports them), so their
migrations are reporting's. An ``ApiClient`` is one force system (a records management
system, a case management system): it belongs to one force, holds the scopes it was given,
and its secret is kept only as an HMAC. A ``ReportAcknowledgement`` is a force system saying
"we have this report, under our own reference".
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "reports:read", _("Read the force's reports")
    ACK = "reports:ack", _("Acknowledge a report with the force system's reference")
    UPDATE = "reports:update", _("Change a report's status and outcome")


def secret_digest(client_id: str, secret: str) -> str:
    """The HMAC-SHA256 of a secret, keyed by its client's id. The secret is 256 random bits,
    so a fast keyed hash is enough (ASVS 6.5.2 asks for a slow one below 112 bits); nothing
    here depends on SECRET_KEY, so rotating that does not lock every force system out."""
    return hmac.new(client_id.encode(), secret.encode(), hashlib.sha256).hexdigest()


def validate_networks(value: list) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Enter a list of addresses or networks."))
    for entry in value:
        try:
            ipaddress.ip_network(str(entry), strict=False)
        except ValueError:
            raise ValidationError(_("%(entry)s is not an address or a network."), params={"entry": entry}) from None


class ApiClient(models.Model):
    """A force system allowed to call the API for its own force's reports, and nothing else.
    As an actor of the access rule (reporting.selectors.reports_visible_to) it sees its
    force's reports and never the reports another force asks it to take."""

    # The access rule's protocol (reporting.selectors.access.ReportReader).
    sees_incoming_transfers = False

    client_id = models.CharField(max_length=32, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    force = models.ForeignKey("reporting.Force", on_delete=models.PROTECT, related_name="api_clients")
    name = models.CharField(max_length=100, help_text=_("The force system, e.g. 'Niche RMS (live)'."))
    purpose = models.CharField(
        max_length=200,
        help_text=_("Why it reads reports, as the audit trail records each read (e.g. 'Creating crime records')."),
    )
    scopes = models.JSONField(default=list, blank=True)
    allowed_networks = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_networks],
        help_text=_('Addresses or networks it may call from, e.g. ["10.20.0.0/16"]. Empty: any address.'),
    )
    requests_per_minute = models.PositiveIntegerField(default=120)
    suspended = models.BooleanField(default=False, help_text=_("A suspended client is refused at once."))
    # The user the audit trail and the case history name for this client's reads and changes.
    # It cannot sign in (no usable password, not active, not staff).
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The rate limit's fixed window: when the current minute started, and the calls in it.
    window_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["force", "name"]
        verbose_name = _("API client")

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def secret_matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, secret_digest(self.client_id, secret))

    def address_allowed(self, address: str) -> bool:
        if not self.allowed_networks:
            return True
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(parsed in ipaddress.ip_network(entry, strict=False) for entry in self.allowed_networks)


class ReportAcknowledgement(models.Model):
    """A force system has the report, under its own incident or crime reference. One per
    report: the same reference again changes nothing, a different one is refused."""

    report = models.OneToOneField("reporting.Report", on_delete=models.CASCADE, related_name="acknowledgement")
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="acknowledgements")
    # The force system's reference (an incident, occurrence or crime number): no personal data.
    reference = models.CharField(max_length=64)
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report acknowledgement")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.reference}"
