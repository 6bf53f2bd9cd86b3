"""Rulebook introspection: plain lists of dicts that pandas takes as they are."""

from __future__ import annotations

import pandas as pd
import pytest

import shenpi
from conftest import FOOD


def test_items(tianjin: shenpi.Rulebook) -> None:
    items = tianjin.items()
    assert len(items) >= 20
    food = next(i for i in items if i["code"] == FOOD)
    assert food["name"] == "食品经营许可（新办）"
    assert food["n_materials"] == len(tianjin.materials(FOOD))
    assert food["n_conditions"] == len(tianjin.conditions(FOOD))
    assert food["statutory"].endswith("working days")
    assert food["tolerance_policy"] is True and "applicant.credit" in food["tolerance_when"]
    assert food["tolerance_max_missing"] is None or food["tolerance_max_missing"] >= 1
    frame = pd.DataFrame(items)
    assert frame["code"].is_unique
    assert {"code", "name", "kind", "authority", "online", "max_visits", "file"} <= set(frame.columns)


def test_materials(tianjin: shenpi.Rulebook) -> None:
    rows = tianjin.materials(FOOD)
    ids = [r["id"] for r in rows]
    assert ids[:3] == ["application-form", "business-license", "layout-plan"]
    layout = rows[2]
    assert layout["tolerable"] is True and layout["core"] is False
    assert rows[1]["source"] == "shared"
    assert all(r["item"] == FOOD for r in rows)
    every = pd.DataFrame(tianjin.materials())
    assert set(every["item"]) == {i["code"] for i in tianjin.items()}
    assert set(every["source"]) <= {"shared", "applicant"}
    assert (every["basis_title"] != "").mean() > 0.9  # the shipped rules cite their bases


def test_conditions(tianjin: shenpi.Rulebook) -> None:
    rows = tianjin.conditions(FOOD)
    assert rows[0]["id"] == "not-revoked"
    assert rows[0]["on_fail"] == "reject"
    assert "food.license_revoked_5y" in rows[0]["when"]
    # The 失信 list closes 告知承诺 (a supplement-type condition), it never refuses.
    scope = next(r for r in rows if r["id"] == "commitment-scope")
    assert scope["on_fail"] == "supplement" and "applicant.credit" in scope["when"]
    assert len(pd.DataFrame(tianjin.conditions())) > len(rows)


def test_facts(tianjin: shenpi.Rulebook) -> None:
    shared = [f for f in tianjin.facts() if f["scope"] == "shared"]
    credit = next(f for f in shared if f["path"] == "applicant.credit")
    assert credit["type"] == "enum" and credit["values"] == ["good", "normal", "dishonest"]
    local = [f for f in tianjin.facts(FOOD) if f["scope"] == FOOD]
    assert {"food.business_type", "food.pollution_distance_m"} <= {f["path"] for f in local}
    assert next(f for f in local if f["path"] == "food.pollution_distance_m")["type"] == "decimal"


def test_time_limits(tianjin: shenpi.Rulebook) -> None:
    frame = pd.DataFrame(tianjin.time_limits()).set_index("item")
    food = frame.loc[FOOD]
    assert food["promised_days"] <= food["statutory_days"] or food["promised_unit"] != food["statutory_unit"]
    assert food["statutory_unit"] in {"working_days", "natural_days"}
    assert (frame["promised_working_days"] <= frame["statutory_working_days"]).all()


def test_steps_outputs_catalog(tianjin: shenpi.Rulebook) -> None:
    steps = tianjin.steps(FOOD)
    inspect = next(s for s in steps if s["id"] == "inspect")
    # 现场核查 counts inside the limit: not a 行政许可法第四十五条 procedure.
    assert inspect["special"] is False and "food.bulk_food" in inspect["when"]
    outputs = tianjin.outputs()
    assert any(o["id"] == "business-license" for o in outputs)
    catalog = tianjin.catalog()
    assert any(c["id"] == "id-card" and c["source"] == "shared" for c in catalog)


def test_bundles(tianjin: shenpi.Rulebook) -> None:
    bundles = tianjin.bundles()
    qykb = next(b for b in bundles if b["code"] == "TJ-YJS-QYKB")
    assert qykb["n_items"] == len(qykb["items"]) >= 2
    assert qykb["target"] is not None
    assert pd.DataFrame(bundles)["code"].is_unique


@pytest.mark.parametrize("method", ["materials", "conditions", "facts", "steps", "outputs"])
def test_unknown_item_is_key_error(tianjin: shenpi.Rulebook, method: str) -> None:
    with pytest.raises(KeyError, match="NO-SUCH-ITEM"):
        getattr(tianjin, method)("NO-SUCH-ITEM")
