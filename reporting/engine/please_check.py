"""The "please check" page (engine.checks): one question, whether to go back and change an
answer or carry on with the answers as they are. Built like any journey page, so it renders,
validates and reads aloud like the rest; the view is reporting.views.journey_please_check."""

from django.utils.translation import gettext_lazy as _

from .checks import Check
from .flow import Page
from .questions import Option, Radios

CHOICE = "choice"
CHANGE = "change"
KEEP = "keep"


def please_check_page(check: Check) -> Page:
    return Page(
        slug=f"please-check-{check.key}",
        section="",
        title=_("Please check your answers"),
        questions=(
            Radios(
                name=CHOICE,
                label=_("What would you like to do?"),
                required=_("Select whether you want to change your answer or carry on"),
                options=(
                    Option(CHANGE, _("Go back and change my answer")),
                    Option(KEEP, _("Carry on with my answers as they are")),
                ),
            ),
        ),
        template="reporting/journey/please_check.html",
    )
