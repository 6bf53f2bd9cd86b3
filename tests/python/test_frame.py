"""Rulebook.evaluate_frame: a DataFrame in, a DataFrame of results out, row for row as evaluate()."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

import pytest

import shenpi
from conftest import FIXTURES, RULES
from test_batch import varied

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

FOOD = "TJ-SCJG-XK-0012"
TYPES = "PY-TYPES-0001"


@pytest.fixture(scope="module")
def types_book() -> shenpi.Rulebook:
    return shenpi.load(FIXTURES / "types", calendar_dirs=[RULES / "calendar"])


def frame_of(apps: List[Dict[str, Any]]) -> Any:
    """One column per fact (pandas picks the dtypes), plus materials and commitments."""
    rows = []
    for a in apps:
        row: Dict[str, Any] = dict(a["facts"])
        row["submitted_on"] = a["submitted_on"]
        row["materials"] = list(a.get("materials") or [])
        row["commitments"] = list(a.get("commitments") or [])
        rows.append(row)
    return pd.DataFrame(rows)


def expected_row(book: shenpi.Rulebook, app: Dict[str, Any]) -> Dict[str, Any]:
    d = book.evaluate(app)
    return {"outcome": d.outcome, "missing": tuple(d.missing), "tolerated": tuple(d.tolerated),
            "promised_due": d.deadlines["promised"], "tolerance_due": d.deadlines["tolerance"]}


def as_rows(result: Any) -> List[Dict[str, Any]]:
    def day(v: Any) -> Any:
        return None if pd.isna(v) else v.date()

    return [{"outcome": r.outcome, "missing": r.missing, "tolerated": r.tolerated,
             "promised_due": day(r.promised_due), "tolerance_due": day(r.tolerance_due)}
            for r in result.itertuples()]


def food_apps(book: shenpi.Rulebook, n: int, seed: int = 7) -> List[Dict[str, Any]]:
    return [a for a in varied(book, n, seed) if a["item"] == FOOD]


def test_matches_evaluate(tianjin: shenpi.Rulebook) -> None:
    apps = food_apps(tianjin, 3000)
    df = frame_of(apps)
    assert df["food.pollution_distance_m"].dtype == np.float64  # an int column with gaps
    assert df["applicant.uses_agent"].dtype == np.bool_
    result = tianjin.evaluate_frame(df, FOOD, chunk_size=50)
    assert list(result.columns) == ["outcome", "missing", "n_missing", "tolerated", "promised_due",
                                    "statutory_due", "tolerance_due", "provisional", "error"]
    assert as_rows(result) == [expected_row(tianjin, a) for a in apps]
    assert (result["n_missing"] == result["missing"].map(len)).all()
    assert result["error"].isna().all()
    assert len(set(result["outcome"])) >= 3
    assert str(result["promised_due"].dtype) == "datetime64[ns]"


def test_keeps_the_index(tianjin: shenpi.Rulebook) -> None:
    apps = food_apps(tianjin, 200)
    df = frame_of(apps)
    df.index = [f"case-{i}" for i in range(len(df))]
    result = tianjin.evaluate_frame(df, FOOD, threads=1)
    assert list(result.index) == list(df.index)


def test_category_and_string_columns(tianjin: shenpi.Rulebook) -> None:
    apps = food_apps(tianjin, 600)
    df = frame_of(apps)
    expected = tianjin.evaluate_frame(df, FOOD)
    df["applicant.credit"] = df["applicant.credit"].astype("category")
    df["food.business_type"] = df["food.business_type"].astype("string")  # pandas' str dtype
    pd.testing.assert_frame_equal(tianjin.evaluate_frame(df, FOOD), expected)


def test_nullable_columns_and_missing_cells(tianjin: shenpi.Rulebook) -> None:
    apps = food_apps(tianjin, 300)
    df = frame_of(apps)
    df.loc[5, "food.pollution_distance_m"] = np.nan
    df["food.pollution_distance_m"] = df["food.pollution_distance_m"].astype("Int64")  # pandas.NA
    df["applicant.uses_agent"] = df["applicant.uses_agent"].astype("boolean")
    df.loc[7, "applicant.uses_agent"] = pd.NA
    apps[5]["facts"].pop("food.pollution_distance_m", None)
    apps[7]["facts"].pop("applicant.uses_agent")
    result = tianjin.evaluate_frame(df, FOOD)
    assert as_rows(result) == [expected_row(tianjin, a) for a in apps]


def test_every_type(types_book: shenpi.Rulebook) -> None:
    df = pd.DataFrame({
        "applicant.kind": ["enterprise", "person", None],
        "applicant.verified": [True, False, True],
        "applicant.age": [30, 12, 40],
        "applicant.name": ["某公司", "", "另一公司"],
        "premises.area_m2": [45.5, 3.0, np.nan],
        "premises.lease_ends": pd.to_datetime(["2027-03-01", "2025-01-01", None]),
        "business.scope": [["catering", "retail"], ("retail",), np.array(["catering"])],
        "materials": [["form"], [], None],
    })
    result = types_book.evaluate_frame(df, TYPES, submitted_on=datetime.date(2025, 9, 26))
    apps = [{"item": TYPES, "submitted_on": "2025-09-26", "materials": m, "facts": f} for m, f in [
        (["form"], {"applicant.kind": "enterprise", "applicant.verified": True, "applicant.age": 30,
                    "applicant.name": "某公司", "premises.area_m2": 45.5,
                    "premises.lease_ends": datetime.date(2027, 3, 1), "business.scope": ["catering", "retail"]}),
        ([], {"applicant.kind": "person", "applicant.verified": False, "applicant.age": 12,
              "applicant.name": "", "premises.area_m2": 3.0,
              "premises.lease_ends": datetime.date(2025, 1, 1), "business.scope": ["retail"]}),
        ([], {"applicant.verified": True, "applicant.age": 40, "applicant.name": "另一公司",
              "business.scope": ["catering"]}),
    ]]
    assert as_rows(result) == [expected_row(types_book, a) for a in apps]
    assert result["outcome"][0] == "accept" and result["outcome"][1] != "accept"


def test_date_columns_of_objects_and_text(types_book: shenpi.Rulebook) -> None:
    base = {"applicant.kind": ["enterprise"] * 3, "materials": [["form"]] * 3}
    as_dates = types_book.evaluate_frame(pd.DataFrame(dict(base, **{
        "premises.lease_ends": [datetime.date(2027, 1, 1), "2025-01-01", None],
        "submitted_on": pd.Series([datetime.date(2025, 9, 26), "2025-09-26", pd.Timestamp("2025-09-26")],
                                  dtype=object)})), TYPES)
    as_datetime64 = types_book.evaluate_frame(pd.DataFrame(dict(base, **{
        "premises.lease_ends": pd.to_datetime(["2027-01-01", "2025-01-01", None]),
        "submitted_on": pd.to_datetime(["2025-09-26"] * 3)})), TYPES)
    pd.testing.assert_frame_equal(as_dates, as_datetime64)
    assert as_dates["outcome"].notna().all()


def test_errors_by_row(types_book: shenpi.Rulebook) -> None:
    df = pd.DataFrame({
        "applicant.kind": ["enterprise", "nobody", "person", "person", "person", "person"],
        "applicant.age": [30.0, 30.0, 30.5, 30.0, 30.0, 30.0],
        "business.scope": [["a"], ["a"], ["a"], ["a", 7], ["a"], ["a"]],
        "materials": [["form"], ["form"], ["form"], ["form"], ["passport"], "form"],
        "submitted_on": ["2025-09-26"] * 6,
    })
    result = types_book.evaluate_frame(df, TYPES, errors="return")
    assert result["outcome"].isna().tolist() == [False, True, True, True, True, True]
    assert "SP604" in result["error"][1] and "nobody" in result["error"][1]
    assert "SP604" in result["error"][2]
    assert "application.facts['business.scope'][1]" in result["error"][3]
    assert "SP605" in result["error"][4]
    assert "application.materials" in result["error"][5]
    with pytest.raises(shenpi.ApplicationError) as caught:
        types_book.evaluate_frame(df, TYPES)
    assert caught.value.index == 1
    bad_date = types_book.evaluate_frame(df.iloc[[0, 0, 0]].assign(submitted_on=["2025-02-30", None, "x"]),
                                         TYPES, errors="return")
    assert all("SP607" in e for e in bad_date["error"])


def test_frame_level_errors(types_book: shenpi.Rulebook) -> None:
    df = pd.DataFrame({"applicant.kind": ["enterprise"], "nickname": ["x"], "materials": [["form"]],
                       "submitted_on": ["2025-09-26"]})
    with pytest.raises(shenpi.ApplicationError) as caught:
        types_book.evaluate_frame(df, TYPES)
    assert caught.value.diagnostics[0].code == "SP603" and "nickname" in str(caught.value)
    assert types_book.evaluate_frame(df, TYPES, facts=["applicant.kind"])["outcome"][0] is not None
    renamed = types_book.evaluate_frame(df, TYPES, facts={"applicant.kind": "applicant.kind"})
    assert renamed["outcome"][0] == types_book.evaluate_frame(df, TYPES, facts=["applicant.kind"])["outcome"][0]
    with pytest.raises(shenpi.ApplicationError) as caught:
        types_book.evaluate_frame(df, "NOPE", facts=[])
    assert caught.value.diagnostics[0].code == "SP602"
    with pytest.raises(KeyError):
        types_book.evaluate_frame(df.drop(columns=["materials"]), TYPES, facts=["applicant.kind"])
    assert types_book.evaluate_frame(df.drop(columns=["materials"]), TYPES, facts=["applicant.kind"],
                                     materials=None)["missing"][0] == ("form",)
    with pytest.raises(KeyError, match="submitted_on"):
        types_book.evaluate_frame(df.drop(columns=["submitted_on"]), TYPES, facts=["applicant.kind"])
    with pytest.raises(TypeError):
        types_book.evaluate_frame([1, 2], TYPES)
    with pytest.raises(ValueError, match="threads"):
        types_book.evaluate_frame(df, TYPES, facts=[], threads=-1)


def test_numbers_are_no_text(types_book: shenpi.Rulebook) -> None:
    """A number column for a str or enum fact is refused (SP604), as a number in a dict is."""
    df = pd.DataFrame({"applicant.name": [3.5], "applicant.kind": [1.0], "applicant.age": [30.5],
                       "premises.area_m2": np.array([2**64 - 1], dtype=np.uint64), "materials": [["form"]]})
    for column in df.columns[:-1]:
        result = types_book.evaluate_frame(df, TYPES, facts=[column], submitted_on="2025-09-26",
                                           errors="return")
        assert "SP604" in result["error"][0], column
    result = types_book.evaluate_frame(df, TYPES, facts=["applicant.age"], submitted_on="2025-09-26",
                                       errors="return")
    assert "30.5" in result["error"][0]


def test_empty_frame(types_book: shenpi.Rulebook) -> None:
    df = pd.DataFrame({"applicant.kind": pd.Series([], dtype=object), "materials": pd.Series([], dtype=object)})
    result = types_book.evaluate_frame(df, TYPES, submitted_on="2025-09-26")
    assert len(result) == 0 and "outcome" in result.columns
