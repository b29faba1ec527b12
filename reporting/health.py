"""Reporting's readiness checks (registered with portal.health by ReportingConfig.ready)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Force, OutboxMessage


def forces_loaded() -> bool:
    """load_forces has run: some force takes reports."""
    return Force.objects.filter(accepts_reports=True).exists()


def grade_schemes_loaded() -> bool:
    """load_grade_schemes has run: every force that takes reports has its grades."""
    taking = Force.objects.filter(accepts_reports=True)
    return taking.exists() and not taking.filter(grades__isnull=True).exists()


def outbox_backlog_small() -> bool:
    """Few messages waiting longer than they should: the worker and the sweeper keep up."""
    late = timezone.now() - timedelta(minutes=settings.WAYMARK_READINESS_OUTBOX_LATE_MINUTES)
    waiting = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.DISPATCHED], created_at__lt=late
    )
    return waiting.count() <= settings.WAYMARK_READINESS_OUTBOX_LATE_MAX


def outbox_dead_few() -> bool:
    """Messages that failed too often wait for a person (the admin's "Retry" action)."""
    dead = OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD)
    return dead.count() <= settings.WAYMARK_READINESS_OUTBOX_DEAD_MAX
