"""What the API says, field by field (the OpenAPI schema is generated from these), and the
documents they are filled from: a report's summary for the list, and the whole report, with
the safe-contact instructions first, read with the same rules as the staff report page
(reporting.triage.presentation)."""

from rest_framework import serializers

from .. import priority, triage
from ..models import Report
from ..selectors import force_names, report_activities
from .models import ReportAcknowledgement

# --- Requests -----------------------------------------------------------------------------


class AcknowledgeRequest(serializers.Serializer):
    reference = serializers.CharField(
        max_length=64, help_text="The force system's own incident, occurrence or crime reference."
    )


class StatusChangeRequest(serializers.Serializer):
    status = serializers.ChoiceField(choices=Report.Status.choices)
    outcome = serializers.ChoiceField(
        choices=Report.Outcome.choices, required=False, allow_blank=True, help_text="Needed to close a report."
    )
    note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="Added to the case history."
    )


# --- Responses ----------------------------------------------------------------------------


class ErrorResponse(serializers.Serializer):
    detail = serializers.CharField()


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class AcknowledgementSerializer(serializers.Serializer):
    reference = serializers.CharField()
    acknowledged_at = serializers.DateTimeField()


class PrioritySerializer(serializers.Serializer):
    score = serializers.IntegerField(help_text="Higher is more urgent. Worked out to order the queue: not a grade.")
    band = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    in_danger_now = serializers.BooleanField(help_text="Someone is in danger now: pass it to the control room.")


class ReportSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    status = serializers.ChoiceField(choices=Report.Status.choices)
    outcome = serializers.CharField(allow_blank=True)
    priority = PrioritySerializer()
    submitted_at = serializers.DateTimeField()
    queued_at = serializers.DateTimeField()
    acknowledgement = AcknowledgementSerializer(allow_null=True)


class SafeContactSerializer(serializers.Serializer):
    do_not_contact = serializers.BooleanField(help_text="They said: do not contact me.")
    no_voicemail = serializers.BooleanField(help_text="Do not leave a voicemail.")
    methods = serializers.ListField(child=serializers.CharField(), help_text="Ways it is safe to contact them.")
    details = RowSerializer(many=True)
    times = RowSerializer(many=True)
    trusted = RowSerializer(many=True)
    other = RowSerializer(many=True)


class SafeApproachSerializer(serializers.Serializer):
    do_not_approach = serializers.BooleanField(help_text="Do not contact the person at risk directly.")
    cleared = serializers.BooleanField(help_text="They said it is safe to contact the person at risk directly.")
    rows = RowSerializer(many=True)


class AgeBandSerializer(serializers.Serializer):
    value = serializers.CharField()
    child = serializers.BooleanField()


class GradeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    target_minutes = serializers.IntegerField(allow_null=True)
    is_emergency = serializers.BooleanField()


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)


class AnswerSectionSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    answers = AnswerSerializer(many=True)


class ActivitySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    label = serializers.CharField()
    data = serializers.DictField(help_text="Codes only: statuses, grade codes, force codes, user ids.")
    text = serializers.CharField(allow_blank=True)
    by = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    """The whole report. The safe-contact instructions come first: read them before
    contacting anyone."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    safe_contact = SafeContactSerializer()
    safe_approach = SafeApproachSerializer(allow_null=True, help_text="For a report about someone else.")
    age_band = AgeBandSerializer(allow_null=True, help_text="The age band of the person it happened to.")
    type = serializers.CharField()
    type_label = serializers.CharField()
    status = serializers.ChoiceField(choices=Report.Status.choices)
    outcome = serializers.CharField(allow_blank=True)
    priority = PrioritySerializer()
    grade = GradeSerializer(allow_null=True)
    submitted_at = serializers.DateTimeField()
    queued_at = serializers.DateTimeField()
    acknowledgement = AcknowledgementSerializer(allow_null=True)
    answers = AnswerSectionSerializer(many=True, help_text="The questions as the person saw them, in order.")
    routing = RowSerializer(many=True, help_text="Why the report came to this force.")
    activity = ActivitySerializer(many=True, help_text="The case history and notes, oldest first.")


# --- Documents ----------------------------------------------------------------------------


def _rows(rows) -> list[dict]:
    return [{"label": str(row.label), "value": str(row.value)} for row in rows]


def _acknowledgement(report: Report) -> dict | None:
    acknowledgement: ReportAcknowledgement | None = getattr(report, "acknowledgement", None)
    if acknowledgement is None:
        return None
    return {"reference": acknowledgement.reference, "acknowledged_at": acknowledgement.acknowledged_at}


def report_summary(report: Report) -> dict:
    """What the list says of a report: no answers."""
    reasons = report.priority_reasons or []
    return {
        "id": report.pk,
        "reference": report.reference,
        "type": report.report_type,
        "type_label": str(triage.TYPE_LABELS.get(report.report_type, report.report_type)),
        "status": report.status,
        "outcome": report.outcome,
        "priority": {
            "score": report.priority,
            "band": str(priority.band(report.priority).label),
            "reasons": [priority.reason_label(code) for code in reasons],
            "in_danger_now": priority.DANGER_NOW_REASON in reasons,
        },
        "submitted_at": report.submitted_at,
        "queued_at": report.queued_at,
        "acknowledgement": _acknowledgement(report),
    }


def report_document(report: Report) -> dict:
    """The whole report, as the staff report page reads it. Reads the encrypted answers:
    build it only where the read is recorded."""
    answers = report.answers or {}
    values, asked = answers.get("values", {}), answers.get("asked")
    contact = triage.safe_contact(report.report_type, values, asked=asked)
    approach = triage.safe_approach(report.report_type, values, asked=asked)
    age = triage.age_band(report.report_type, values, asked=asked)
    grade = report.grade
    document = {
        "safe_contact": {
            "do_not_contact": contact.do_not_contact,
            "no_voicemail": contact.no_voicemail,
            "methods": [str(method) for method in contact.methods],
            "details": _rows(contact.details),
            "times": _rows(contact.times),
            "trusted": _rows(contact.trusted),
            "other": _rows(contact.other),
        },
        "safe_approach": None
        if approach is None
        else {
            "do_not_approach": approach.do_not_approach,
            "cleared": approach.cleared,
            "rows": _rows(approach.all_rows),
        },
        "age_band": None if age is None else {"value": str(age.row.value), "child": age.child},
        **report_summary(report),
        "grade": None
        if grade is None
        else {
            "code": grade.code,
            "label": grade.label,
            "target_minutes": grade.target_minutes,
            "is_emergency": grade.is_emergency,
        },
        "answers": [
            {
                "title": section.title,
                "answers": [{"question": str(row.label), "answer": str(row.value)} for row in section.rows],
            }
            for section in triage.answers_as_given(answers)
        ],
        "routing": _rows(triage.routing_rows(report.routing, force_names())),
        "activity": [
            {
                "at": activity.at,
                "kind": activity.kind,
                "label": str(activity.get_kind_display()),
                "data": activity.data or {},
                "text": activity.text or "",
                "by": triage.activity_actor_name(activity),
            }
            for activity in report_activities(report)
        ],
    }
    return document
