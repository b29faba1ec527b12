from celery import shared_task


@shared_task
def ping() -> str:
    """Answers "pong": lets a deployment (and the test suite) check that a worker is
    consuming from the broker."""
    return "pong"
