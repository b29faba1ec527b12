"""Support's outbox handlers, registered when the app is ready (see SupportConfig.ready).

reporting never imports support: it publishes "report.submitted" with the report's id, and
this subscribes to it.
"""

from typing import Any

from reporting import outbox

from .referrals import services


@outbox.subscribe("report.submitted", "support.referrals_create")
def referrals_create(payload: dict[str, Any]) -> None:
    services.referrals_create(report_id=payload["report_id"])
