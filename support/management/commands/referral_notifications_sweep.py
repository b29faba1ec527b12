from django.core.management.base import BaseCommand

from support.tasks import referral_notifications_sweep


class Command(BaseCommand):
    help = (
        "Sends the 'a new referral is waiting' emails that did not go when their referral was "
        "made (the broker was down). For a scheduler, where Celery beat does not run."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Referral notifications queued: {referral_notifications_sweep()}")
