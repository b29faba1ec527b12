"""Demo reports for the triage queue: sent through the real journey services, so they look
exactly like reports people send. Safe to run again: it adds reports only until each force
has its demo set (demo reports are recognised by their submission key)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo
from reporting.engine import JourneyState
from reporting.journeys import flow_for
from reporting.models import Report
from reporting.services import draft_save, grade_schemes_load, report_queue, report_submit

DEMO_KEY_PREFIX = "demo-report-"

BASE = {
    "in_danger": "no",
    "who_for": "myself",
    "your_name": "Demo Person",
    "relationship": "ex_partner",
    "abuse_kinds": ["physical", "controlling"],
    "what_happened": "Demo report: this is not a real person. He pushed me and took my phone.",
    "when_last": "this_week",
    "when_detail": "",
    "where": "known_place",
    "injured": "no",
    "children": "no",
    "risk_indicators": ["none"],
    "person_lives_with": "no",
    "contact_methods": ["call"],
    "phone": "07700 900982",
    "safe_times": ["morning"],
    "trusted_contact": "no",
    "officer_gender": "no_preference",
    "support_referrals": ["none"],
    "copy_safe": "no",
}

# (key, postcode, changes): the Met (London) and South Wales (Cardiff).
DEMO_REPORTS = [
    ("met-1", "SW1A 1AA", {"risk_indicators": ["strangulation", "threats_to_kill"]}),
    ("met-2", "SW1A 1AA", {"in_danger": "not_sure", "children": "yes", "contact_methods": ["text", "voicemail"]}),
    ("met-3", "E1 6AN", {"risk_indicators": ["separation"], "trusted_contact": "yes"}),
    ("met-4", "SE1 7PB", {"contact_methods": ["none"]}),
    ("met-5", "N1 9GU", {"injured": "yes", "risk_indicators": ["weapons", "stalking"]}),
    ("southwales-1", "CF10 1AA", {"risk_indicators": ["escalation"]}),
    ("southwales-2", "CF10 1AA", {"children": "yes", "contact_methods": ["email"], "email": "demo@example.com"}),
    ("southwales-3", "SA1 1AA", {"in_danger": "not_sure"}),
]


def _finished_state(answers: dict) -> JourneyState:
    flow = flow_for("domestic-abuse")
    state = JourneyState(answers=dict(answers))
    for page in flow.shown(state):
        if page.terminal:
            break
        state.completed.append(page.slug)
    return state


class Command(BaseCommand):
    help = "Adds a few demo domestic abuse reports to the Met's and South Wales's queues (safe to run again)."

    def handle(self, *args, **options):
        demo.refuse_in_production()
        grade_schemes_load()
        made = 0
        for key, postcode, changes in DEMO_REPORTS:
            submission_key = DEMO_KEY_PREFIX + key
            if Report.objects.filter(submission_key=submission_key).exists():
                continue
            answers = {**BASE, "incident_postcode": postcode, **changes}
            if answers.get("trusted_contact") == "yes":
                answers.update(trusted_name="Sam Demo", trusted_relationship="Sister", trusted_phone="07700 900123")
            with transaction.atomic():
                draft = draft_save(draft=None, journey="domestic-abuse", state=_finished_state(answers))
                draft.submission_key = submission_key
                draft.save(update_fields=["submission_key"])
                report = report_submit(draft=draft, submission_key=submission_key)
            report_queue(report_id=report.pk)
            made += 1
            self.stdout.write(f"  {report.reference} for {report.force.display_name}")
        self.stdout.write(f"Demo reports added: {made}")
