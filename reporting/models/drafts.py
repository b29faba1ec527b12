"""Answers not yet sent, the drafts that were sent, and wrong return codes."""

import secrets
import uuid

from django.db import models
from django.utils import timezone

from portal.fields import EncryptedJSONField


def new_submission_key() -> str:
    return secrets.token_urlsafe(32)


class Draft(models.Model):
    """Answers to a journey not yet sent, kept on the server and encrypted.

    The browser holds only its session, which names the draft; after the session ends the
    draft can be reached only with its return code, of which we keep a slow hash. A draft
    is deleted when it is sent, or when it expires.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    journey = models.CharField(max_length=50)
    state = EncryptedJSONField(default=dict)
    # Sent with the final "Send report" form: the same key twice makes one report.
    submission_key = models.CharField(max_length=64, unique=True, default=new_submission_key)
    # The first group of the return code, not secret: it finds the draft whose hash to check.
    return_code_locator = models.CharField(max_length=8, unique=True, null=True, blank=True)
    return_code_hash = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Draft {self.pk} ({self.journey})"


class SentDraft(models.Model):
    """Where a sent draft's key now leads: the report it became.

    Written in the same transaction as the report, when the draft (and its answers) is
    deleted, so the confirmation never depends on a write after the commit: a session that
    still names the draft (its save failed after the report was made) finds the report here
    on a plain GET. Holds ids only, and expires like an unclaimed draft.
    """

    # The id the draft had, which the session may still hold.
    draft_id = models.UUIDField(primary_key=True)
    journey = models.CharField(max_length=50)
    report = models.OneToOneField("Report", on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Sent draft {self.draft_id} ({self.journey})"


class ReturnCodeAttempt(models.Model):
    """A wrong return code, kept for a short while so guessing can be slowed down. Holds
    keyed hashes only: neither the code typed nor the network address is stored."""

    code_digest = models.CharField(max_length=64, db_index=True)
    client_digest = models.CharField(max_length=64, db_index=True)
    attempted_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Wrong return code at {self.attempted_at:%Y-%m-%d %H:%M}"
