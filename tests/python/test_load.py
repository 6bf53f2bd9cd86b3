"""shenpi.load, RuleError and the Rulebook object itself."""

from __future__ import annotations

import pathlib
import pickle

import pytest

import shenpi
from conftest import FIXTURES, FOOD, RULES


def test_load_folder(tianjin: shenpi.Rulebook) -> None:
    assert FOOD in tianjin
    assert "NO-SUCH-ITEM" not in tianjin
    assert tianjin.sources == [str((RULES / "tianjin").resolve())]
    assert "shenpi.Rulebook" in repr(tianjin) and "items" in repr(tianjin)
    assert all(isinstance(d, shenpi.Diagnostic) for d in tianjin.diagnostics)


def test_load_accepts_str_pathlike_and_lists() -> None:
    by_str = shenpi.load(str(RULES / "tianshui"))
    by_list = shenpi.load([RULES / "tianshui"])
    assert [i["code"] for i in by_str.items()] == [i["code"] for i in by_list.items()]


def test_load_several_paths_merge() -> None:
    item = RULES / "tianjin" / "items" / "xuke" / "food-license.yaml"
    book = shenpi.load([item])
    assert [i["code"] for i in book.items()] == [FOOD]


def test_load_bad_argument_types() -> None:
    with pytest.raises(TypeError):
        shenpi.load(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        shenpi.load([])


def test_rule_error_carries_diagnostics() -> None:
    with pytest.raises(shenpi.RuleError) as caught:
        shenpi.load(FIXTURES / "broken")
    error = caught.value
    assert isinstance(error, shenpi.ShenpiError)
    assert "3 errors" in str(error)
    codes = [(d.code, d.severity, pathlib.Path(d.file).name, d.line, d.column) for d in error.diagnostics]
    assert codes == [
        ("SP204", "error", "bad.yaml", 16, 31),
        ("SP202", "error", "bad.yaml", 20, 11),
        ("SP305", "error", "bad.yaml", 29, 3),
    ]
    first = error.diagnostics[0]
    assert "dishonset" in first.message
    assert str(first).endswith(f"16:31: error[SP204]: {first.message}")
    assert first.to_dict()["code"] == "SP204"


def test_rule_error_missing_folder() -> None:
    with pytest.raises(shenpi.RuleError) as caught:
        shenpi.load(FIXTURES / "no-such-folder")
    assert [d.code for d in caught.value.diagnostics] == ["SP100"]


def test_rule_error_pickles_with_diagnostics() -> None:
    with pytest.raises(shenpi.RuleError) as caught:
        shenpi.load(FIXTURES / "broken")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is shenpi.RuleError
    assert str(again) == str(caught.value)
    assert again.diagnostics == caught.value.diagnostics


def test_rulebook_pickles_by_path(tianjin: shenpi.Rulebook, food_app: dict) -> None:
    data = pickle.dumps(tianjin)
    assert b"shenpi" in data and len(data) < 2000  # paths, not a serialized model
    again = pickle.loads(data)
    assert again.sources == tianjin.sources
    assert again.evaluate(food_app).to_dict() == tianjin.evaluate(food_app).to_dict()


def test_guide(tianjin: shenpi.Rulebook) -> None:
    text = tianjin.guide(FOOD)
    assert "食品经营许可" in text
    with pytest.raises(KeyError):
        tianjin.guide("NO-SUCH-ITEM")


def test_diagnostic_catalog() -> None:
    catalog = shenpi.diagnostic_catalog()
    codes = {row["code"] for row in catalog}
    assert {"SP100", "SP204", "SP604"} <= codes
    assert set(catalog[0]) == {"code", "name", "severity", "summary"}


def test_version() -> None:
    assert shenpi.__version__.count(".") == 2


def test_unknown_disabled_name_is_sp111() -> None:
    with pytest.warns(shenpi.RuleWarning, match="'missing-basis'"):
        book = shenpi.load(RULES / "tianshui", disabled=["missing-basis", "SP302"])
    unknown = [d for d in book.diagnostics if d.code == "SP111"]
    assert len(unknown) == 1 and unknown[0].severity == "warning"
    assert "'missing-basis'" in unknown[0].message
    assert not any(d.code == "SP302" for d in book.diagnostics)
