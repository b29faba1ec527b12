from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from reporting.models import Draft, OutboxMessage
from tests.factories import draft_with_answers


def test_drafts_purge_deletes_expired_drafts(db, capsys):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    Draft.objects.filter(pk=draft.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    call_command("drafts_purge")

    assert not Draft.objects.exists()
    assert "Expired drafts deleted: 1" in capsys.readouterr().out


def test_outbox_sweep_sends_what_is_due(forces, capsys):
    OutboxMessage.objects.create(
        topic="report.submitted",
        handler="reporting.report_queue",
        payload={"report_id": "00000000-0000-0000-0000-000000000000"},
    )

    call_command("outbox_sweep")

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.DONE
    assert "Outbox messages sent: 1" in capsys.readouterr().out
