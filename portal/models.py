from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from .fields import EncryptedTextField


class User(AbstractUser):
    """A member of staff or of a support agency. Membership of a force or an agency is
    recorded by the app that owns it (reporting.StaffMember, support.AgencyMember), so the
    portal knows nothing of either."""


class AuditEvent(models.Model):
    """One consultation or change of personal data by a member of staff. Append-only.

    Staff type the reason freely and may name a person in it, so it is sealed like everything
    else they type. It is bound to the row's own hash rather than to its primary key: the key
    is only known after the insert, while the hash is computed before it (over the plaintext
    reason, see portal.audit) and the database keeps it unique, so a sealed reason copied into
    another row does not open there. Rows written before reasons were sealed cannot be written
    again (the database refuses any UPDATE), so they are read as the plaintext they hold.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="audit_events")
    # Kept as text too, so the record still reads correctly if the account is renamed.
    actor_name = models.CharField(max_length=150)
    organisation = models.CharField(max_length=100, blank=True, help_text="The force or agency acted for.")
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=100)
    reason = EncryptedTextField(blank=True, bind_to="hash", legacy_plaintext=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")


class EnrolmentLink(models.Model):
    """The one-time link an administrator issues so a member of staff can set up their
    authenticator app: without it, the initial password alone cannot. One per account; issuing
    a new one replaces it. Only a SHA-256 digest of the token (32 random bytes) is kept."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="enrolment_link")
    token_digest = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Enrolment link for {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
