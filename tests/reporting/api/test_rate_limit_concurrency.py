"""The rate limit's count at the start of a minute: two requests in a new minute count as
two, one after the other and, on PostgreSQL, together (neither resets the other's count)."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from reporting.api.models import ApiClient
from reporting.api.services import api_request_count


def _waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # a transaction sees one snapshot otherwise
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_two_requests_at_the_start_of_a_minute_count_as_two(transactional_db, register):
    client, _credential = register("met", ["reports:read"])
    now = timezone.now().replace(second=1, microsecond=0)
    ApiClient.objects.filter(pk=client.pk).update(window_started_at=now - timedelta(minutes=1), window_count=50)
    errors: list[BaseException] = []

    def request() -> None:
        try:
            api_request_count(client=client, now=now)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(2)]
    with transaction.atomic():
        # Hold the client's row so both requests reach the database before either counts.
        ApiClient.objects.select_for_update().get(pk=client.pk)
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while _waiting_on_a_lock() < 2:  # polls for the state, not a fixed wait
            assert time.monotonic() < deadline, "both requests wait on the row"
    for thread in threads:
        thread.join()

    assert not errors
    client.refresh_from_db()
    assert (client.window_started_at, client.window_count) == (now.replace(second=0), 2)


def test_the_count_after_two_calls_in_a_new_minute_is_two(db, register):
    client, _credential = register("met", ["reports:read"])
    now = timezone.now().replace(second=5, microsecond=0)
    ApiClient.objects.filter(pk=client.pk).update(window_started_at=now - timedelta(minutes=1), window_count=50)

    api_request_count(client=client, now=now)
    api_request_count(client=client, now=now + timedelta(seconds=1))

    client.refresh_from_db()
    assert client.window_count == 2
