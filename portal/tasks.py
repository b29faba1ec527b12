from celery import shared_task

from . import services


@shared_task
def ping() -> str:
    """Answers "pong": lets a deployment (and the test suite) check that a worker is
    consuming from the broker."""
    return "pong"


@shared_task(ignore_result=True)
def sessions_clear() -> None:
    services.sessions_clear()


@shared_task(ignore_result=True)
def sign_in_records_purge() -> int:
    return services.sign_in_records_purge()
