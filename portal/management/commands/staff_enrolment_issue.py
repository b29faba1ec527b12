"""Issues a new member of staff's enrolment link and prints it once:

    manage.py staff_enrolment_issue USERNAME --by ADMIN_USERNAME

--by names the administrator issuing it, recorded in the audit trail: an account with access
to the Django admin (staff status). Issuing a new link stops any earlier one working.
"""

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.urls import reverse

from portal.models import EnrolmentLink, User
from portal.refusals import Refused
from portal.services import enrolment_link_issue


class Command(BaseCommand):
    help = "Issues a one-time link for a member of staff to set up their authenticator app, and prints it once."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the account the link is for")
        parser.add_argument("--by", required=True, help="the administrator issuing it (recorded in the audit trail)")

    def handle(self, *args, username: str, by: str, **options):
        administrator = User.objects.filter(username=by, is_active=True, is_staff=True).first()
        if administrator is None:
            raise CommandError(f"--by must name an active administrator (staff status): {by!r} does not.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account {username!r}.")
        try:
            token = enrolment_link_issue(user=user, by=administrator)
        except Refused as refusal:
            raise CommandError(refusal.message) from None
        link = settings.WAYMARK_SITE_URL.rstrip("/") + reverse("portal:staff_enrol", args=[token])
        expires_at = EnrolmentLink.objects.get(user=user).expires_at
        self.stdout.write(
            f"Enrolment link for {username} (shown once; works once, until {expires_at:%Y-%m-%d %H:%M %Z}):\n{link}\n"
        )
