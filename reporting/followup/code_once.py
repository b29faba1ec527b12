"""The follow-up code on its way from "Send" to the confirmation page, shown once.

The code is made in the transaction that makes the report (``services.report_submit``), and
the send redirects to the confirmation. Between the two requests the session holds it sealed
(portal.encryption, bound to the report), never in the clear; the confirmation takes it out
as it shows it (on GET only), so a reload, or anyone later on the same device, sees no code.

The session can lose the code on the way: its save failed after the commit (the sent draft's
marker still leads to the confirmation), or a double click's second POST, saved last,
overwrote it. When the confirmation of a report this session sent finds no code and none was
shown here yet, it issues a fresh one (the lost one stops working) and shows that, once.
"""

from dataclasses import dataclass

from django.http import HttpRequest

from portal.encryption import EncryptionError, open_sealed, seal

from ..models import Report
from ..services.followup import follow_up_code_issue

_KEY = "reporting.follow_up_code"
# The report whose code this session has shown, and the report a repeated "Send" (the same
# submission key again) led to: neither holds a code.
_SHOWN = "reporting.code_shown"
_OWED = "reporting.code_owed"


@dataclass(frozen=True)
class ConfirmationCode:
    code: str | None  # shown now, once
    shown_before: bool  # this session was shown the report's code already


def _place(report: Report) -> bytes:
    return f"reporting.follow_up_code:{report.pk}".encode()


def code_keep(request: HttpRequest, report: Report, code: str | None) -> None:
    """Keeps a code just issued for the report until the confirmation shows it; without a
    code (the report was already made by an earlier POST of the same form), notes that the
    confirmation may owe this session one."""
    if code:
        request.session[_KEY] = {
            "report": str(report.pk),
            "sealed": seal(code.encode(), associated_data=_place(report)),
        }
    else:
        request.session[_OWED] = str(report.pk)


def code_take(request: HttpRequest, report: Report) -> str | None:
    """The code kept for this report, removed from the session as it is read (on GET only:
    a HEAD leaves it); else None."""
    kept = request.session.get(_KEY)
    if request.method != "GET" or not kept or kept.get("report") != str(report.pk):
        return None
    del request.session[_KEY]
    try:
        return open_sealed(kept["sealed"], associated_data=_place(report)).decode()
    except (EncryptionError, KeyError):
        return None


def code_for_confirmation(request: HttpRequest, report: Report, *, from_sent_draft: bool) -> ConfirmationCode:
    """The code to show on the confirmation of a report this session sent: the one kept, or a
    fresh one when the kept one was lost on the way (``from_sent_draft``: the session's save
    failed after the commit; or a repeated "Send" left none) and none was shown here yet."""
    pk = str(report.pk)
    shown_before = request.session.get(_SHOWN) == pk
    if request.method != "GET":
        return ConfirmationCode(code=None, shown_before=shown_before)
    code = code_take(request, report)
    owed = request.session.pop(_OWED, None) == pk
    if code is None and (owed or from_sent_draft) and not shown_before:
        code = follow_up_code_issue(report=report, replace=True)
    if code:
        request.session[_SHOWN] = pk
    return ConfirmationCode(code=code, shown_before=shown_before)
