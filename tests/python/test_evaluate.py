"""Rulebook.evaluate and the Decision object."""

from __future__ import annotations

import copy
import datetime
import json
import math

import pytest

import shenpi
from conftest import APPLICATIONS, FOOD, read_application


def test_accept(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    d = tianjin.evaluate(food_app)
    assert d.valid and d.outcome == "accept"
    assert d.item == FOOD and d.item_name == "食品经营许可（新办）"
    assert d.submitted_on == datetime.date(2025, 9, 26)
    assert d.missing == [] and d.tolerated == []
    assert d.materials["business-license"] == "shared"
    assert d.materials["application-form"] == "submitted"
    assert set(d.conditions.values()) == {"met"}
    assert d.tolerance == "not_needed"
    assert isinstance(d.deadlines["promised"], datetime.date)
    assert d.deadlines["promised"] <= d.deadlines["statutory"]
    assert d.deadlines["tolerance"] is None
    assert d.diagnostics == []
    assert "accept" in repr(d)


def test_supplement_lists_every_missing_material(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    food_app["materials"] = ["application-form"]
    d = tianjin.evaluate(food_app)
    assert d.outcome == "supplement"
    assert d.missing == ["layout-plan", "equipment-list", "safety-rules"]
    assert d.deadlines == {"promised": None, "statutory": None, "tolerance": None}
    notice = d.notice()
    assert "补正" in notice
    for name in ("平面布局图", "设备设施清单"):
        assert name in notice


def test_tolerated_matches_sample(tianjin: shenpi.Rulebook) -> None:
    d = tianjin.evaluate(read_application(APPLICATIONS / "food-tolerated.yaml"))
    assert d.outcome == "accept_with_deficiency"
    assert d.tolerated == ["layout-plan"]
    assert d.tolerance == "applied"
    assert d.deadlines["tolerance"] == datetime.date(2025, 10, 10)


def test_reject(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    food_app["facts"]["food.license_revoked_5y"] = True
    d = tianjin.evaluate(food_app)
    assert d.outcome == "reject"
    assert d.conditions["not-revoked"] == "unmet"


def test_credit_list_is_no_refusal_ground(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    """A dishonest applicant with every proof takes the ordinary route (issue #17)."""
    food_app["facts"]["applicant.credit"] = "dishonest"
    d = tianjin.evaluate(food_app)
    assert d.outcome == "accept"
    assert d.conditions["commitment-scope"] == "met"


def test_missing_fact_is_unknown(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    """None, NaN and an absent key all leave a fact unknown, as `fact: ~` does."""
    for value in (None, math.nan):
        app = copy.deepcopy(food_app)
        app["facts"]["food.license_revoked_5y"] = value
        assert tianjin.evaluate(app).conditions["not-revoked"] == "unknown"
    del food_app["facts"]["food.license_revoked_5y"]
    assert tianjin.evaluate(food_app).outcome == "supplement"


def test_date_spellings(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    expected = tianjin.evaluate(food_app).to_dict()
    for date in ("2025-09-26", datetime.datetime(2025, 9, 26, 15, 30)):
        food_app["submitted_on"] = date
        assert tianjin.evaluate(food_app).to_dict() == expected


def test_yaml_shape_and_mappings(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    expected = tianjin.evaluate(food_app).to_dict()
    assert tianjin.evaluate({"application": food_app}).to_dict() == expected
    food_app["materials"] = tuple(food_app["materials"])
    assert tianjin.evaluate(food_app).to_dict() == expected
    food_app["materials"] = set(food_app["materials"])
    assert tianjin.evaluate(food_app).to_dict() == expected


def test_numbers_accept_int_float_and_numpy(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    np = pytest.importorskip("numpy")
    expected = tianjin.evaluate(food_app).to_dict()
    for value in (60, 60.0, np.int64(60), np.float32(60.0)):
        food_app["facts"]["food.pollution_distance_m"] = value
        assert tianjin.evaluate(food_app).to_dict() == expected
    food_app["facts"]["food.bulk_food"] = np.bool_(False)
    assert tianjin.evaluate(food_app).to_dict() == expected


def test_to_dict_and_json(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    d = tianjin.evaluate(food_app)
    as_dict = d.to_dict()
    assert as_dict == json.loads(d.to_json())
    assert as_dict["outcome"] == "accept"
    assert as_dict["deadlines"]["promised"] == d.deadlines["promised"].isoformat()
    assert [m["id"] for m in as_dict["materials"]] == list(d.materials)
    traced = d.to_dict(trace=True)
    assert {t["kind"] for t in traced["trace"]} >= {"condition", "material"}


def test_trace_text(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    text = tianjin.evaluate(food_app).trace()
    # The text trace is Chinese (labels, not paths); ids stay in to_dict(trace=True).
    assert text.startswith("审查记录")
    assert "申请人信用状况" in text and "applicant.credit" not in text
    assert "审查结论：受理" in text


def test_records_for_pandas(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(shenpi.records([tianjin.evaluate(food_app)] * 3))
    assert list(frame["outcome"]) == ["accept"] * 3
    assert {"item", "missing", "promised", "statutory"} <= set(frame.columns)


def test_deadline_in_the_provisional_year(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    # Food licence: 5 promised, 10 statutory working days; from 2026-12-24 the
    # statutory date falls in the provisional 2027 (元旦 off): an estimate.
    food_app["submitted_on"] = "2026-12-24"
    d = tianjin.evaluate(food_app)
    assert d.valid and d.outcome == "accept"
    assert d.deadlines["promised"] == datetime.date(2026, 12, 31)
    assert d.deadlines["statutory"] == datetime.date(2027, 1, 8)
    assert d.to_dict()["deadlines"]["provisional"] is True
    assert "2027年1月8日，预计" in d.notice()
    food_app["submitted_on"] = "2026-11-02"
    assert "provisional" not in tianjin.evaluate(food_app).to_dict()["deadlines"]
