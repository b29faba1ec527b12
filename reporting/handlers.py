"""Reporting's own outbox handlers, registered when the app is ready."""

from typing import Any

from . import outbox, services


@outbox.subscribe("report.submitted", "reporting.report_queue")
def report_queue(payload: dict[str, Any]) -> None:
    services.report_queue(report_id=payload["report_id"])
