"""A sent report, its clocks, and triage: THRIVE assessments, the case history and transfers."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.fields import EncryptedJSONField

from .forces import Force


class Report(models.Model):
    """A report someone sent, in the queue of the force it was routed to."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_TRIAGE = "in_triage", _("In triage")
        ALLOCATED = "allocated", _("Allocated")
        CONTACT_MADE = "contact_made", _("Contact made")
        CLOSED = "closed", _("Closed")
        # Sent to another force, which has not yet accepted it (see ReportTransfer).
        TRANSFERRED = "transferred", _("Transfer pending")

    class Outcome(models.TextChoices):
        CRIME_RECORDED = "crime_recorded", _("Crime recorded")
        INCIDENT_RECORDED = "incident_recorded", _("Incident recorded, no crime")
        DISCLOSURE_MADE = "disclosure_made", _("Disclosure made")
        NO_DISCLOSURE = "no_disclosure", _("No disclosure made")
        REFERRED = "referred", _("Referred to a partner agency")
        NO_POLICE_ACTION_WANTED = "no_police_action_wanted", _("The person did not want police action")
        NO_CONTACT_POSSIBLE = "no_contact_possible", _("Could not make safe contact")
        DUPLICATE = "duplicate", _("Duplicate of another report")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=16, unique=True)
    report_type = models.CharField(max_length=50)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    submitted_at = models.DateTimeField(default=timezone.now)
    # Set when the report reached its force's queue (by the outbox, after the commit).
    queued_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.CharField(max_length=64, unique=True)
    # The answers as values, and the questions as the person saw them.
    answers = EncryptedJSONField()
    # RoutingDecision.as_record(): the input, the force, the rule and the data version.
    routing = EncryptedJSONField()
    # Codes triage uses to work out a priority (see each journey's risk indicators).
    risk_indicators = EncryptedJSONField(default=list)

    # --- Triage (reporting.priority, reporting.triage). The encrypted fields above cannot be
    # filtered or sorted on, so what the queue sorts by is worked out once, when the report
    # is sent, and kept here in plain columns holding no personal data.
    priority = models.PositiveSmallIntegerField(default=0, help_text=_("Higher is more urgent."))
    # Codes of the reasons for the priority (reporting.priority.reason_label). They repeat the
    # risk indicators, so they are encrypted like them; only the score is in the clear.
    # None for a report sent before triage worked them out.
    priority_reasons = EncryptedJSONField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assigned_reports"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    grade = models.ForeignKey("ForceGrade", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    graded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=40, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The force a transfer is waiting on: set while one is pending, so the receiving force
    # finds it without a join.
    transfer_to = models.ForeignKey(
        Force, on_delete=models.PROTECT, null=True, blank=True, related_name="incoming_transfers"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["force", "status", "submitted_at"]),
            # The queue: one force, one status, most urgent first, then oldest; the id makes
            # the order total, for keyset pagination.
            models.Index(
                fields=["force", "status", "-priority", "submitted_at", "id"],
                name="report_queue",
                condition=models.Q(queued_at__isnull=False),
            ),
            models.Index(
                fields=["force", "status", "report_type", "-priority", "submitted_at", "id"],
                name="report_queue_by_type",
                condition=models.Q(queued_at__isnull=False),
            ),
            models.Index(
                fields=["assigned_to", "status", "-priority", "submitted_at", "id"],
                name="report_queue_assigned",
                condition=models.Q(assigned_to__isnull=False),
            ),
            models.Index(
                fields=["transfer_to"], name="report_transfer_to", condition=models.Q(transfer_to__isnull=False)
            ),
            models.Index(fields=["force", "submitted_at"], name="report_arrivals"),
            models.Index(
                fields=["force", "closed_at", "report_type"],
                name="report_closed",
                condition=models.Q(closed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ReportClock(models.Model):
    """When a milestone of a report falls due, fixed when the report arrives."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="clocks")
    milestone = models.CharField(max_length=50)
    due_at = models.DateTimeField()
    met_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "milestone"], name="one_clock_per_milestone")]
        indexes = [models.Index(fields=["met_at", "due_at"])]
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"{self.report} {self.milestone} due {self.due_at:%Y-%m-%d %H:%M}"


# --- Triage: grades, THRIVE assessments, the case history and transfers -------------------


class ThriveAssessment(models.Model):
    """A THRIVE assessment of a report (threat, harm, risk, investigation, vulnerability,
    engagement), each factor with a level and a note. Every save adds a row: the latest is
    the current assessment, the earlier ones are its history."""

    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="thrive_assessments")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now)
    # {"threat": {"level": "high", "note": "..."}, ...}: the notes are about a person, so
    # the whole record is encrypted.
    factors = EncryptedJSONField()

    class Meta:
        ordering = ["-assessed_at"]
        indexes = [models.Index(fields=["report", "-assessed_at"])]

    def __str__(self) -> str:
        return f"THRIVE for {self.report} at {self.assessed_at:%Y-%m-%d %H:%M}"


class ReportActivity(models.Model):
    """The case history staff see on a report: claims, assignments, grades, status changes,
    transfers and notes. (The audit trail, portal.AuditEvent, records every read as well.)"""

    class Kind(models.TextChoices):
        CLAIMED = "claimed", _("Claimed")
        ASSIGNED = "assigned", _("Assigned")
        RELEASED = "released", _("Returned to the queue")
        GRADED = "graded", _("Graded")
        STATUS_CHANGED = "status_changed", _("Status changed")
        THRIVE = "thrive", _("THRIVE assessment")
        NOTE = "note", _("Note")
        CLOCK_MET = "clock_met", _("Milestone met")
        TRANSFER_REQUESTED = "transfer_requested", _("Transfer requested")
        TRANSFER_ACCEPTED = "transfer_accepted", _("Transfer accepted")
        TRANSFER_REJECTED = "transfer_rejected", _("Transfer rejected")
        # Following up (reporting.services.followup): messages both ways, and additions.
        MESSAGE_SENT = "message_sent", _("Message sent to the person")
        MESSAGE_READ_BY_PERSON = "message_read_by_person", _("Message read by the person")
        MESSAGE_RECEIVED = "message_received", _("Message from the person")
        ADDITION_RECEIVED = "addition_received", _("Information added by the person")
        MESSAGES_READ = "messages_read", _("Read what the person sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="activities")
    at = models.DateTimeField(default=timezone.now)
    # None: the person who sent the report (a message, an addition, a message read).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Codes only (statuses, grade codes, force codes, user ids): nothing about a person.
    data = models.JSONField(default=dict, blank=True)
    # What staff typed (a note, a reason): plain text, encrypted, escaped when shown.
    text = EncryptedJSONField(null=True, blank=True)

    class Meta:
        ordering = ["at"]
        indexes = [models.Index(fields=["report", "at"])]

    def __str__(self) -> str:
        return f"{self.report} {self.kind} at {self.at:%Y-%m-%d %H:%M}"


class ReportTransfer(models.Model):
    """A request to hand a report to another force (HOCR: the force where the offence
    happened records it). The sending force keeps the report, read-only, until the
    receiving force accepts; the receiving force can reject it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transfers")
    from_force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    to_force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    reason = EncryptedJSONField()
    # The report's status before the request, given back if the transfer is rejected.
    status_before = models.CharField(max_length=20, choices=Report.Status.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedJSONField(null=True, blank=True)
    # The receiving force's own reference, for cross-referencing (HOCR Annex A).
    receiving_reference = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(status="pending"), name="one_pending_transfer_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_force} to {self.to_force} ({self.status})"
