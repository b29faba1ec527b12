import xml.etree.ElementTree as ET

import pytest

from portal.charts import Bar, bar_chart_svg, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (450, 500), (501, 1000)])
def test_axis_top_is_a_round_number_at_or_above_the_largest_value(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_chart_names_itself_for_screen_readers():
    root = parse(bar_chart_svg([Bar("Mon", 3)], title="Arrivals", description="Reports a day", chart_id="arrivals"))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "arrivals-title arrivals-desc"
    assert root.find(f"{SVG}title").text == "Arrivals"
    assert root.find(f"{SVG}desc").text == "Reports a day"


def test_bar_heights_are_proportional_to_values():
    root = parse(bar_chart_svg([Bar("a", 10), Bar("b", 5), Bar("c", 0)], title="t", description="d", chart_id="c"))

    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]
    assert heights[0] == pytest.approx(2 * heights[1])
    assert heights[2] == 0


def test_labels_carrying_markup_are_shown_as_text():
    svg = bar_chart_svg([Bar("<script>alert(1)</script>", 1)], title="<b>t</b>", description="d", chart_id="c")

    assert "<script>" not in svg and "<b>" not in svg
    assert parse(svg).find(f"{SVG}title").text == "<b>t</b>"


def test_long_series_label_only_some_bars_so_labels_do_not_overlap():
    bars = [Bar(f"day {i}", i) for i in range(30)]

    root = parse(bar_chart_svg(bars, title="t", description="d", chart_id="c"))

    labels = [text for text in root.iter(f"{SVG}text") if text.get("class") == "waymark-chart__label"]
    assert len(list(root.iter(f"{SVG}rect"))) == 30
    assert 5 <= len(labels) <= 12


def test_an_empty_series_still_draws_an_axis():
    root = parse(bar_chart_svg([], title="t", description="d", chart_id="c"))

    assert root.find(f"{SVG}line") is not None
