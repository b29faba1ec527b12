"""Reads for staff accounts: whether an enrolment link is still good."""

from django.utils import timezone

from .models import EnrolmentLink, User


def enrolment_link_valid(*, digest: str, user: User | None = None) -> bool:
    """Whether the link with this token digest is unexpired and unused (and, given a user,
    is theirs)."""
    links = EnrolmentLink.objects.filter(token_digest=digest, used_at__isnull=True, expires_at__gt=timezone.now())
    if user is not None:
        links = links.filter(user=user)
    return bool(digest) and links.exists()
