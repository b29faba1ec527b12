"""The priority a report starts with: computed from the answers, shown with its reasons,
kept in plain columns the queue sorts on (the reasons encrypted, like the indicators)."""

from django.db import connection

from reporting import priority
from reporting.journeys import JOURNEYS
from reporting.models import Report
from tests.factories import DOMESTIC_ABUSE_ANSWERS, submitted_journey_report, submitted_report


def test_danger_now_outranks_any_number_of_risk_indicators():
    danger = priority.assess(report_type="domestic-abuse", answers={"in_danger": "yes"}, risk_indicators=[])
    everything_else = priority.assess(
        report_type="domestic-abuse",
        answers={"in_danger": "no", "children": "yes", "injured": "yes"},
        risk_indicators=[
            "strangulation",
            "threats_to_kill",
            "weapons",
            "stalking",
            "escalation",
            "separation",
            "pregnancy",
        ],
    )

    assert danger.score > everything_else.score
    assert priority.band(danger.score).code == "highest"
    assert priority.band(everything_else.score).code == "high"
    assert danger.reasons[0] == "danger_now"


def test_each_fact_adds_to_the_score_and_gives_a_reason():
    base = priority.assess(report_type="domestic-abuse", answers={}, risk_indicators=[])
    more = priority.assess(
        report_type="domestic-abuse",
        answers={"in_danger": "not_sure", "children": "yes", "injured": "yes"},
        risk_indicators=["strangulation"],
    )

    assert more.score == base.score + priority.DANGER_UNSURE + priority.CHILDREN + priority.INJURED + 30
    assert set(more.reasons) == {"danger_unsure", "children", "injured", "risk:strangulation", "type:domestic-abuse"}
    # The most urgent reason comes first.
    assert more.reasons[0] == "danger_unsure"


def test_reasons_read_as_words_even_for_codes_added_later():
    assert priority.reason_label("risk:strangulation") == "Strangulation or choking"
    assert priority.reason_label("risk:new_indicator_code") == "New indicator code"
    assert priority.reason_label("type:no-such-journey") == "No-such-journey"


def test_each_kind_of_report_weighs_what_its_journey_declares():
    weights = {
        slug: (
            priority.assess(report_type=slug, answers={}, risk_indicators=[]).score,
            priority.reason_label(f"type:{slug}"),
        )
        for slug in JOURNEYS
    }

    assert weights == {
        "rape-sexual-assault": (20, "Rape or sexual assault"),
        "domestic-abuse": (10, "Domestic abuse"),
        "sarahs-law": (10, "A child may be at risk (Sarah's Law)"),
        "clares-law": (5, "Clare's Law request"),
    }
    assert priority.assess(report_type="no-such-journey", answers={}, risk_indicators=[]).score == 0


def test_other_journeys_use_their_own_indicators():
    recent = priority.assess(
        report_type="rape-sexual-assault", answers={"in_danger": "no"}, risk_indicators=["within_7_days"]
    )
    clares = priority.assess(report_type="clares-law", answers={"in_danger": "yes"}, risk_indicators=[])

    assert "risk:within_7_days" in recent.reasons
    assert recent.score > JOURNEYS["rape-sexual-assault"].type_weight
    # Clare's Law does not ask about danger now: an answer with that name is not read.
    assert "danger_now" not in clares.reasons


def test_the_score_has_a_ceiling():
    many = priority.assess(
        report_type="domestic-abuse", answers={"in_danger": "yes"}, risk_indicators=[f"code{i}" for i in range(200)]
    )

    assert many.score == priority.MAXIMUM


def test_a_sent_report_keeps_its_priority_with_the_reasons_encrypted(forces):
    report = submitted_report(dict(DOMESTIC_ABUSE_ANSWERS, in_danger="yes", children="yes"))

    stored = Report.objects.get(pk=report.pk)
    assert stored.priority == priority.DANGER_NOW + priority.CHILDREN + 30 + 30 + 10
    assert stored.priority_reasons[:1] == ["danger_now"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT priority, priority_reasons FROM reporting_report")
        ((score, sealed),) = cursor.fetchall()
    assert score == stored.priority
    assert sealed.startswith("wm1:") and "danger" not in sealed


def test_every_journey_gets_a_priority_when_sent(forces):
    for journey in ("rape-sexual-assault", "clares-law", "sarahs-law"):
        report = submitted_journey_report(journey)
        assert report.priority >= JOURNEYS[journey].type_weight, journey
        assert f"type:{journey}" in report.priority_reasons
