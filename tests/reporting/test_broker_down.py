"""Publishing a task from a web request fails fast when the broker is down or hangs: the
person sending a report waits at most a second or two more, and the outbox sweeper sends the
message later (reporting/outbox.py). The Celery settings under test are the project's own
(portal/settings/base.py); only the broker's address changes."""

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from celery import Celery


@contextmanager
def refusing() -> Iterator[str]:
    """An address where nothing listens: a broker that was stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def hanging() -> Iterator[str]:
    """A broker that takes the connection and never answers (stuck, or a half-open link)."""
    with socket.create_server(("127.0.0.1", 0), backlog=8) as server:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"


def publisher(broker_url: str) -> Celery:
    app = Celery("broker-down-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    return app


@pytest.mark.parametrize(("broker", "limit"), [(refusing, 1.5), (hanging, 3.0)], ids=["stopped", "hanging"])
def test_publishing_to_a_broker_that_is_down_fails_within_seconds(broker, limit):
    with broker() as url:
        app = publisher(url)
        started = time.monotonic()
        with pytest.raises(Exception):  # noqa: B017 - whatever the transport raises
            app.send_task("reporting.tasks.outbox_deliver", args=["a-message"], retry=False)
        took = time.monotonic() - started
        app.close()

    assert took < limit, f"publishing took {took:.1f} s"
