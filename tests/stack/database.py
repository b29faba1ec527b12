"""What the stack tests read from the stack's database: plain SQL, from outside the stack,
on a fresh connection each time (the database may have been stopped in between)."""

from datetime import datetime

import psycopg


class StackDatabase:
    def __init__(self, url: str):
        self.url = url

    def rows(self, sql: str, *params) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def value(self, sql: str, *params):
        return self.rows(sql, *params)[0][0]

    def references(self) -> list[str]:
        return [reference for (reference,) in self.rows("SELECT reference FROM reporting_report")]

    def unqueued(self) -> int:
        return self.value("SELECT count(*) FROM reporting_report WHERE queued_at IS NULL")

    def queue_delays(self) -> list[float]:
        """Seconds from each report's sending to its arrival in the force's queue."""
        return [
            seconds
            for (seconds,) in self.rows(
                "SELECT extract(epoch FROM queued_at - submitted_at)::float FROM reporting_report "
                "WHERE queued_at IS NOT NULL"
            )
        ]

    def outbox_not_done(self, *, created_before: datetime | None = None) -> int:
        if created_before is None:
            return self.value("SELECT count(*) FROM reporting_outboxmessage WHERE status <> 'done'")
        return self.value(
            "SELECT count(*) FROM reporting_outboxmessage WHERE status <> 'done' AND created_at < %s", created_before
        )

    def outbox_statuses(self) -> dict[str, int]:
        return dict(self.rows("SELECT status, count(*) FROM reporting_outboxmessage GROUP BY status"))

    def partial_reports(self) -> list[str]:
        """Reports missing any part written in the same transaction: their clocks, or an
        outbox message per handler."""
        return [
            reference
            for (reference,) in self.rows(
                "SELECT r.reference FROM reporting_report r WHERE "
                "NOT EXISTS (SELECT 1 FROM reporting_reportclock c WHERE c.report_id = r.id) OR "
                "(SELECT count(*) FROM reporting_outboxmessage m WHERE m.payload->>'report_id' = r.id::text) <> 2"
            )
        ]

    def duplicate_messages(self) -> int:
        """Handlers with more than one outbox message for the same report."""
        return self.value(
            "SELECT count(*) FROM (SELECT payload->>'report_id', handler FROM reporting_outboxmessage "
            "GROUP BY 1, 2 HAVING count(*) > 1) AS duplicates"
        )
