"""Following up a sent report: the person's code and the messages both ways."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.fields import EncryptedTextField

from .reports import Report

# --- Following up: the person comes back with a code, reads messages, replies, adds -------


class ReportCode(models.Model):
    """The private code that, with the report's reference, lets the person who sent a report
    come back to it (reporting.services.followup). Shown once, when the report is sent; only
    an Argon2id hash of it is kept. A new code replaces the row, so the old one stops working.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="follow_up_code")
    code_hash = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)
    # Pushed back each time the code is used: a code stops working a while after its last use.
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Follow-up code for {self.report_id}"


class ReportMessage(models.Model):
    """A message between the force and the person who sent a report, or information the
    person added afterwards. An addition is kept beside the report: it never rewrites what
    was sent. The text is sealed at rest, bound to the row."""

    class Direction(models.TextChoices):
        TO_PERSON = "to_person", _("To the person")
        FROM_PERSON = "from_person", _("From the person")

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        ADDITION = "addition", _("Information added")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MESSAGE)
    # The member of staff who sent a message to the person; None for the person's own.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField()
    # When the other side first read it: the person (a message to them), or a member of staff
    # (the person's messages and additions, who is in read_by).
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sent_at"]
        indexes = [models.Index(fields=["report", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(direction="from_person", sent_by__isnull=True)
                | models.Q(direction="to_person", sent_by__isnull=False, kind="message"),
                name="message_sender_matches_direction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.direction} {self.kind} at {self.sent_at:%Y-%m-%d %H:%M}"
