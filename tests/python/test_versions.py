"""Rules over time from Python: as_of for evaluate, guide and graph,
Decision.record() and shenpi.diff (docs/versions.md)."""

from __future__ import annotations

import datetime

import pytest

import shenpi

from conftest import SOURCE_DIR

REFORM = SOURCE_DIR / "tests" / "fixtures" / "versions" / "reform"
CASELOAD = SOURCE_DIR / "tests" / "fixtures" / "versions" / "applications" / "caseload.jsonl"


def app(day: str, materials=("form",)) -> dict:
    return {"item": "T-0001", "submitted_on": day, "facts": {"applicant.credit": "good"},
            "materials": list(materials)}


@pytest.fixture(scope="module")
def reform() -> shenpi.Rulebook:
    return shenpi.load(REFORM)


def test_evaluate_picks_the_version_by_filing_day_and_as_of(reform):
    # The Python converter checks ids against the current version, so the
    # application names only what both versions know (docs/versions.md).
    before = reform.evaluate(app("2025-06-30"))
    after = reform.evaluate(app("2025-07-01"))
    assert before.record()["version"] == "2024.1"
    assert before.outcome == "supplement"  # the plan was still asked for
    assert after.outcome == "accept"
    assert after.record()["version"] == "2025.2"
    old_rules = reform.evaluate(app("2025-07-01"), as_of=datetime.date(2025, 6, 30))
    assert old_rules.record()["version"] == "2024.1"
    assert old_rules.record()["as_of"] == "2025-06-30"
    assert old_rules.outcome == "supplement"  # the plan was still asked for
    with pytest.raises(shenpi.ApplicationError) as error:
        reform.evaluate(app("2025-07-01"), as_of="2023-12-31")
    assert [d.code for d in error.value.diagnostics] == ["SP620"]


def test_record_matches_the_cli(reform):
    record = reform.evaluate(app("2025-07-01")).record()
    assert record["item"] == "T-0001"
    assert record["effective"] == {"from": "2025-07-01", "until": None}
    assert record["calendar_years"] == [2025]
    assert len(record["item_sha256"]) == 64
    assert record["application"]["materials"] == ["form"]


def test_guide_and_graph_as_of(reform):
    assert "20个工作日" in reform.guide("T-0001", as_of="2025-06-30")
    assert "5个工作日" in reform.guide("T-0001")
    with pytest.raises(KeyError):
        reform.guide("T-0001", as_of="2023-12-31")
    assert reform.graph("B-0001", as_of="2025-06-30").critical_length == 20
    assert reform.graph("B-0001").critical_length == 5


def test_diff_with_a_caseload(reform):
    old = shenpi.load(REFORM / "items" / "permit-2024.yaml")
    new = shenpi.load(REFORM / "items" / "permit-2025.yaml")
    result = shenpi.diff(old, new, apps=CASELOAD)
    assert result["items"][0]["code"] == "T-0001"
    assert "取消材料「经营场所平面图」" in result["items"][0]["changes"]
    counts = {(t["from"], t["to"]): t["count"] for t in result["transitions"]}
    assert sum(counts.values()) == result["impact"]["applications"] == 6
    assert counts[("supplement", "accept")] == 2
    frames = result["frames"]
    assert list(frames["transitions"].columns) == ["from", "to", "count", "examples"]
    assert frames["transitions"]["count"].sum() == 6
    listed = shenpi.diff(old, new, apps=[dict(app("2025-03-03"), id="X")])
    assert listed["transitions"] == [{"from": "supplement", "to": "accept", "count": 1, "examples": ["X"]}]
    assert shenpi.diff(old, new)["impact"] is None
