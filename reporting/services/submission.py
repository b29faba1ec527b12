"""Writes for sending a report: a finished draft becomes a report in its force's queue."""

import logging
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from portal.refusals import Refused

from .. import codes, outbox, priority, service_levels
from ..engine import JourneyState
from ..journeys import flow_for
from ..models import Draft, Force, ForceServiceLevel, Report, ReportClock, SentDraft
from ..routing import Outcome
from ._common import REFERENCE_ATTEMPTS
from .followup import follow_up_code_issue

logger = logging.getLogger(__name__)

REPORT_SUBMITTED = "report.submitted"


@transaction.atomic
def report_submit(*, draft: Draft, submission_key: str) -> Report:
    """Turns a finished draft into a report in its force's queue, exactly once.

    The report, its routing decision and the outbox messages for what follows are written
    in one transaction, and the draft goes with it, leaving a marker under its id that leads
    to the report (so the confirmation never depends on the session being saved after). The
    same submission key again (a double click, or Back then Send) returns the report already
    made instead of a second one.

    Refused with reason "submission_key" when the form did not come from this draft's
    check-your-answers page, and "not_ready" when the answers are not finished. Which forces
    take reports is routing's decision alone: finished answers it does not send to one are
    refused with "not_routed"; the force's row must also exist ("force_missing" if the
    reference data has not been loaded). The operator is told about both in the log.
    """
    existing = Report.objects.filter(submission_key=submission_key).first() if submission_key else None
    if existing is not None:
        return existing
    if not constant_time_compare(submission_key, draft.submission_key):
        raise Refused(reason="submission_key")
    flow = flow_for(draft.journey)
    state = JourneyState.from_dict(draft.state)
    if flow is None or not flow.is_finished(state):
        raise Refused(reason="not_ready")
    answers = flow.answers(state)
    decision = flow.routing(answers)
    if decision is None or decision.outcome != Outcome.ROUTED:
        # Finished answers that lead to no force taking reports: the routing data changed
        # under them (a force chosen is no longer one for the place). No personal data here.
        logger.error(
            "A finished %s report could not be sent: routing (data %s) gives %s, not a force that takes reports.",
            draft.journey,
            decision.data_version if decision else "-",
            decision.outcome if decision else "no decision",
        )
        raise Refused(_("Your report could not be sent just now. Please try again later."), reason="not_routed")
    force = Force.objects.filter(code=decision.force_code).first()
    if force is None:
        logger.error(
            "A report for force %s could not be sent: there is no Force row for it. "
            "Load the reference data (manage.py load_forces).",
            decision.force_code,
        )
        raise Refused(_("Your report could not be sent just now. Please try again later."), reason="force_missing")
    risk_indicators = flow.risk_indicators(answers)
    # Worked out now, while the answers are in the clear, and kept in plain columns the
    # queue can sort on (the answers themselves are encrypted).
    assessed = priority.assess(report_type=draft.journey, answers=answers, risk_indicators=risk_indicators)
    for _attempt in range(REFERENCE_ATTEMPTS):
        report = Report(
            reference=codes.new_reference(),
            report_type=draft.journey,
            force=force,
            submission_key=submission_key,
            answers={"values": answers, "asked": flow.record_of_questions(state)},
            routing=decision.as_record(),
            risk_indicators=risk_indicators,
            priority=assessed.score,
            priority_reasons=list(assessed.reasons),
        )
        try:
            with transaction.atomic():
                report.save(force_insert=True)
        except IntegrityError:
            # Either a request with the same key got there first (return its report), or
            # the reference was taken (try another).
            existing = Report.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
            continue
        report_clocks_start(report=report)
        # The person's way back to the report, shown once on the confirmation (followup).
        report.issued_code = follow_up_code_issue(report=report, replace=False)
        outbox.publish(topic=REPORT_SUBMITTED, payload={"report_id": str(report.pk)})
        _draft_mark_sent(draft=draft, report=report)
        return report
    raise RuntimeError("Could not find an unused report reference.")


def _draft_mark_sent(*, draft: Draft, report: Report) -> None:
    """Deletes the draft and its answers, leaving a marker under its id that leads to the
    report: the session that names the draft finds its confirmation even if the session
    could not be saved after this commit."""
    SentDraft.objects.create(
        draft_id=draft.pk,
        journey=draft.journey,
        report=report,
        expires_at=timezone.now() + timedelta(hours=settings.WAYMARK_UNCLAIMED_DRAFT_HOURS),
    )
    draft.delete()


@transaction.atomic
def report_clocks_start(*, report: Report) -> list[ReportClock]:
    """Fixes the report's service-level deadlines from its force's settings at arrival, for
    the milestones its answers call for (someone in danger now: the urgent clock)."""
    overrides = {
        level.milestone: timedelta(hours=level.hours)
        for level in ForceServiceLevel.objects.filter(force_id=report.force_id, report_type=report.report_type)
    }
    due = service_levels.deadlines(
        report_type=report.report_type,
        submitted_at=report.submitted_at,
        overrides=overrides,
        answers=(report.answers or {}).get("values", {}),
    )
    return ReportClock.objects.bulk_create(
        ReportClock(report=report, milestone=milestone, due_at=due_at) for milestone, due_at in due.items()
    )


@transaction.atomic
def report_queue(*, report_id: UUID | str) -> bool:
    """Puts a report in its force's queue. Idempotent: a second call changes nothing."""
    return bool(Report.objects.filter(pk=report_id, queued_at__isnull=True).update(queued_at=timezone.now()))
