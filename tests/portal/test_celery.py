import os
import subprocess
import sys

import pytest

from portal.tasks import ping
from tests.conftest import REPO


def test_without_a_broker_tasks_run_in_process():
    # Development settings run on SQLite only, so CI's DATABASE_URL is left out too.
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    script = "import django; django.setup(); from portal.tasks import ping; print(ping.delay().get(timeout=5))"

    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pong"


@pytest.mark.redis
def test_a_real_worker_consumes_tasks_from_redis(celery_worker_process):
    result = ping.delay()

    assert result.get(timeout=30) == "pong"
    assert result.successful()
