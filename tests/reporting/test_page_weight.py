"""Pages must load fast on a cheap phone: every journey page's HTML under 30 KB, and a
first visit (HTML, CSS, JavaScript, icon; compressed as served) at most 60 KB."""

from tests.factories import DOMESTIC_ABUSE_ANSWERS, DOMESTIC_ABUSE_BRANCHES
from tests.pages import first_visit_gzip_bytes, journey_page_sizes


def test_every_domestic_abuse_page_is_under_30_kb_of_html(forces):
    sizes = journey_page_sizes("domestic-abuse", [DOMESTIC_ABUSE_ANSWERS, *DOMESTIC_ABUSE_BRANCHES])

    assert len(sizes) > 30
    assert {slug: size for slug, size in sizes.items() if size >= 30_000} == {}


def test_a_first_visit_transfers_at_most_60_kb(db):
    assert first_visit_gzip_bytes("/report/domestic-abuse/") <= 60_000
    assert first_visit_gzip_bytes("/") <= 60_000
