"""How a support service's contact details and hours are shown to people."""

from datetime import datetime, time, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import BankHolidayHours, OpeningDay
from ..opening_hours import LONDON, Day, State, Status, weekly_summary

register = template.Library()


@register.simple_tag
def phone_link(number: str, href: str):
    """A number people can tap to call, shown in its usual groups ("0808 2000 247") and read
    out by screen readers one digit at a time, not as "eight hundred and eight"."""
    digits = " ".join(ch for ch in number if ch.isdigit())
    return format_html(
        '<a class="govuk-link waymark-phone" href="{}"><span aria-hidden="true">{}</span>'
        '<span class="govuk-visually-hidden">{}</span></a>',
        href,
        number,
        digits,
    )


def format_time(value: time) -> str:
    """GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if value == time(0, 0):
        return pgettext("time of day", "midnight")
    if value == time(12, 0):
        return pgettext("time of day", "midday")
    hour = value.hour % 12 or 12
    label = f"{hour}:{value.minute:02d}" if value.minute else str(hour)
    if value.hour < 12:
        return pgettext("time of day", "%(time)sam") % {"time": label}
    return pgettext("time of day", "%(time)spm") % {"time": label}


def _when(moment: datetime, now: datetime) -> str:
    """'today', 'tomorrow', 'on Monday' or 'on Monday 4 January', relative to now."""
    local, today = moment.astimezone(LONDON).date(), now.astimezone(LONDON).date()
    if local == today:
        return _("today")
    if local == today + timedelta(days=1):
        return _("tomorrow")
    if local < today + timedelta(days=7):
        return _("on %(day)s") % {"day": OpeningDay(local.weekday()).label}
    return _("on %(date)s") % {"date": date_format(local, "l j F")}


@register.simple_tag
def status_text(status: Status, now: datetime | None = None) -> str:
    """The sentence beside the open or closed tag."""
    now = now or timezone.now()
    if status.state is State.OPEN:
        if status.always_open:
            return _("24 hours a day, every day.")
        if status.closes_at:
            closes = status.closes_at.astimezone(LONDON)
            if closes.date() == now.astimezone(LONDON).date() or closes.time() == time(0, 0):
                return _("Closes at %(time)s.") % {"time": format_time(closes.time())}
            return _("Closes at %(time)s %(when)s.") % {"time": format_time(closes.time()), "when": _when(closes, now)}
        return ""
    if status.state is State.CLOSED:
        if status.opens_at:
            opens = status.opens_at.astimezone(LONDON)
            return _("Opens at %(time)s %(when)s.") % {"time": format_time(opens.time()), "when": _when(opens, now)}
        return ""
    return _("Check when it is open before you call, on its website.")


def _days_label(days: tuple[Day, ...]) -> str:
    if days == (Day.BANK_HOLIDAY,):
        return _("Bank holidays")
    first, last = OpeningDay(days[0]).label, OpeningDay(days[-1]).label
    if len(days) == 1:
        return str(first)
    if len(days) == 2:
        return _("%(first)s and %(last)s") % {"first": first, "last": last}
    return _("%(first)s to %(last)s") % {"first": first, "last": last}


@register.simple_tag
def hours_lines(service) -> list[tuple[str, str]]:
    """The week's hours as (days, hours) lines, with bank holidays last."""
    schedule = service.schedule()
    if schedule.always_open:
        return [(_("Every day"), _("24 hours"))]
    if not schedule.known:
        return []
    lines = []
    for days, spans in weekly_summary(schedule):
        if spans:
            text = _(" and ").join(
                _("%(opens)s to %(closes)s") % {"opens": format_time(opens), "closes": format_time(closes)}
                for opens, closes in spans
            )
        else:
            text = _("Closed")
        lines.append((_days_label(days), text))
    rule = service.bank_holidays
    if rule == BankHolidayHours.CLOSED:
        lines.append((_("Bank holidays"), _("Closed")))
    elif rule == BankHolidayHours.AS_USUAL:
        lines.append((_("Bank holidays"), _("Usual hours for that day")))
    elif rule == BankHolidayHours.UNKNOWN:
        lines.append((_("Bank holidays"), _("Not known: check before you call")))
    return lines
