"""A copy of the report in a real browser: someone who said a copy is safe to keep and asked
for a file sends their report, finds the download on an accessible confirmation page, and
gets a PDF; another browser gets nothing."""

from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from tests.browser.accessibility import assert_accessible
from tests.factories import DOMESTIC_ABUSE_ANSWERS, draft_with_answers

CHECK = "/report/domestic-abuse/check-your-answers/"
COPY = "/report/domestic-abuse/sent/your-copy.pdf"


def session_with_finished_draft(answers: dict) -> str:
    draft = draft_with_answers(answers)
    session = SessionStore()
    session["reporting.draft.domestic-abuse"] = str(draft.pk)
    session.create()
    return session.session_key


def test_the_copy_downloads_from_an_accessible_confirmation_page_for_its_sender_only(visitor_factory, forces, tmp_path):
    sender = visitor_factory()
    sender.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_with_finished_draft(
                    dict(DOMESTIC_ABUSE_ANSWERS, copy_safe="yes", copy_method="download")
                ),
                "url": sender.base_url,
            }
        ]
    )
    page = sender.page
    page.goto(CHECK)
    with page.expect_navigation():
        page.get_by_role("button", name="Send report", exact=True).click()

    assert page.url.endswith("/report/domestic-abuse/sent/")
    assert_accessible(page, "sent with a copy to download")
    reference = page.locator("#reference").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a copy of your report").click()
    download = download_info.value
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)

    assert download.suggested_filename == f"report-{reference}.pdf"
    assert saved.read_bytes().startswith(b"%PDF-")

    stranger = visitor_factory()
    response = stranger.page.goto(COPY)
    assert response.status == 404
