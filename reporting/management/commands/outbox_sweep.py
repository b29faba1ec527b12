import time

from django.core.management.base import BaseCommand

from reporting import outbox


class Command(BaseCommand):
    help = (
        "Sends again any outbox message the task queue missed. Runs once, or with --every "
        "as its own process, which keeps working while the broker is down."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Repeat every this many seconds.")

    def handle(self, *args, every: float, **options):
        while True:
            sent = outbox.sweep()
            self.stdout.write(f"Outbox messages sent: {sent}")
            if not every:
                return
            time.sleep(every)
