from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def assert_accessible(page, label: str = "") -> None:
    """Fails with axe-core's report if the page breaks any WCAG 2.2 A or AA rule it checks.

    axe-core runs inside the page, so the page's context must have JavaScript on: on a page
    with JavaScript off, Playwright's evaluate never returns.
    """
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    where = label or urlsplit(page.url).path
    assert results.violations_count == 0, f"Accessibility violations on {where}:\n{results.generate_report()}"
