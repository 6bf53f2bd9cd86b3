"""evaluate_frame's rows bound by handle (shenpi/binder.hpp) decide as evaluate() does.

The frame path resolves facts, category words, texts and material ids once
per item version and binds each row by handle; whatever the binder refuses
goes through an Application, which reports it. These tests mix every kind
of cell the two ways could treat differently into one frame and compare
each row with one-by-one evaluate(): invalid cells, missing values (None,
NaN, NaT, pandas.NA), unknown categories, repeated ids, dates outside the
calendar, texts no rule mentions, lists shared by rows and fresh per row,
in both errors= modes and whatever the threads and chunks.
"""

from __future__ import annotations

import copy
import datetime
import random
import sys
from typing import Any, Dict, List

import pytest

import shenpi
from conftest import FIXTURES, RULES, SOURCE_DIR

sys.path.insert(0, str(SOURCE_DIR / "bench" / "python"))
from peer_apps import ITEM, application, frame_of  # noqa: E402

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

App = Dict[str, Any]


@pytest.fixture(scope="module")
def peer() -> shenpi.Rulebook:
    return shenpi.load(SOURCE_DIR / "bench" / "peers" / "rules" / "peer")


def check_rows(book: shenpi.Rulebook, out: Any, apps: List[App]) -> None:
    """Row i of `out` is what evaluate(apps[i]) gives (a decision or its first diagnostic)."""
    assert len(out) == len(apps)
    for i, a in enumerate(apps):
        try:
            want = book.evaluate(a)
        except shenpi.ApplicationError as e:
            first = e.diagnostics[0]
            assert pd.isna(out["outcome"].iloc[i]), (i, a)
            # evaluate() checks a dict's date before binding, in its own words, and quotes no
            # number it refuses; the code and the rest of the message are the same.
            said = f"[{first.code}]" if first.code == "SP607" else f"[{first.code}]: {first.message}"
            assert said.replace("'", "") in out["error"].iloc[i].replace("'", ""), (i, out["error"].iloc[i])
            continue
        row = out.iloc[i]
        assert row["error"] is None, (i, row["error"])
        assert row["outcome"] == want.outcome, i
        assert row["missing"] == tuple(want.missing) and row["n_missing"] == len(want.missing)
        assert row["tolerated"] == tuple(want.tolerated)
        for name in ("promised", "statutory", "tolerance"):
            got = row[f"{name}_due"]
            assert (None if pd.isna(got) else got.date()) == want.deadlines[name], (i, name)


def mixed(n: int, seed: int) -> List[App]:
    """Peer applications, one in three changed in a way the binder refuses or treats apart."""
    rng = random.Random(seed)
    apps = [application(rng) for _ in range(n)]
    changes = [
        lambda a: a["facts"].update({"shop.staff": None}),  # missing
        lambda a: a["facts"].update({"premises.area_m2": None}),  # NaN
        lambda a: a["facts"].update({"applicant.kind": "robot"}),  # no such enum word: SP604
        lambda a: a["facts"].update({"applicant.kind": None}),  # missing category
        lambda a: a["materials"].append(a["materials"][0]) if a["materials"] else None,  # twice
        lambda a: a["materials"].append("m99"),  # SP605
        lambda a: a["commitments"].append("c99"),  # SP606
        lambda a: a["commitments"].extend(["tolerance-letter", "tolerance-letter"]),
        lambda a: a.update(submitted_on="1999-03-01"),  # outside the calendar: SP607
        lambda a: a["facts"].update({"shop.scope": []}),
        lambda a: a["facts"].update({"shop.scope": ["retail", "wholesale", "retail"]}),
    ]
    for i, a in enumerate(apps):
        if i % 3 == 0:
            changes[(i // 3) % len(changes)](a)
        a["facts"] = {k: v for k, v in a["facts"].items() if v is not None}
    return apps


def frame_with_gaps(apps: List[App]) -> Any:
    """frame_of, with the facts an application leaves out as missing cells."""
    full = [copy.deepcopy(a) for a in apps]
    df = frame_of(full)
    for i, a in enumerate(apps):
        for path in df.columns:
            if path not in ("submitted_on", "materials", "commitments") and path not in a["facts"]:
                df.loc[i, path] = None
    return df


@pytest.mark.parametrize("threads,chunk", [(1, None), (2, 7), (None, None)])
def test_mixed_rows_match_evaluate(peer: shenpi.Rulebook, threads: Any, chunk: Any) -> None:
    apps = mixed(600, seed=13)
    df = frame_with_gaps(apps)
    assert str(df["applicant.kind"].dtype) == "category" and df["shop.staff"].dtype == np.float64
    out = peer.evaluate_frame(df, ITEM, errors="return", threads=threads, chunk_size=chunk)
    check_rows(peer, out, apps)
    assert out["error"].notna().sum() >= 40 and out["outcome"].notna().sum() >= 400
    with pytest.raises(shenpi.ApplicationError) as caught:
        peer.evaluate_frame(df, ITEM, threads=threads, chunk_size=chunk)
    assert caught.value.index == int(np.flatnonzero(out["error"].notna().to_numpy())[0])


def test_shared_and_fresh_lists_and_object_columns(peer: shenpi.Rulebook) -> None:
    apps = mixed(300, seed=5)
    df = frame_with_gaps(apps)
    shared = pd.concat([df] * 3, ignore_index=True)  # rows share their list objects
    fresh = shared.copy()
    for column in ("materials", "commitments", "shop.scope"):
        fresh[column] = pd.Series([list(v) if isinstance(v, list) else v for v in fresh[column]], dtype=object)
    texts = shared.copy()  # enum words as plain str objects instead of categories
    for column in ("applicant.kind", "applicant.credit", "shop.type", "shop.district"):
        texts[column] = texts[column].astype(object).where(texts[column].notna(), None)
    want = peer.evaluate_frame(shared, ITEM, errors="return")
    check_rows(peer, want, apps * 3)
    pd.testing.assert_frame_equal(peer.evaluate_frame(fresh, ITEM, errors="return", chunk_size=11), want)
    pd.testing.assert_frame_equal(peer.evaluate_frame(texts, ITEM, errors="return", threads=2), want)


@pytest.fixture(scope="module")
def types_book() -> shenpi.Rulebook:
    return shenpi.load(FIXTURES / "types", calendar_dirs=[RULES / "calendar"])


def test_every_type_with_bad_and_missing_cells(types_book: shenpi.Rulebook) -> None:
    """Dates, NaT, texts no rule mentions, numbers for text facts, whole floats for int facts."""
    rows = [
        {"applicant.kind": "enterprise", "applicant.verified": True, "applicant.age": 30.0,
         "applicant.name": "从未出现的名称", "premises.area_m2": 45, "premises.lease_ends": "2027-03-01",
         "business.scope": ["catering"], "submitted_on": datetime.date(2025, 9, 26)},
        {"applicant.kind": "person", "applicant.verified": None, "applicant.age": 17.5,
         "applicant.name": None, "premises.area_m2": 3.5, "premises.lease_ends": None,
         "business.scope": None, "submitted_on": "2025-09-26"},
        {"applicant.kind": "enterprise", "applicant.verified": False, "applicant.age": None,
         "applicant.name": 12, "premises.area_m2": None, "premises.lease_ends": "2026-02-30",
         "business.scope": ["retail", "retail"], "submitted_on": "2025-09-26"},
        {"applicant.kind": "enterprise", "applicant.verified": True, "applicant.age": 40.0,
         "applicant.name": "", "premises.area_m2": 20.0, "premises.lease_ends": datetime.date(2025, 1, 1),
         "business.scope": [], "submitted_on": None},
    ] * 5
    apps = []
    for r in rows:
        facts = {k: v for k, v in r.items() if k != "submitted_on" and v is not None}
        if isinstance(facts.get("applicant.age"), float) and facts["applicant.age"].is_integer():
            facts["applicant.age"] = int(facts["applicant.age"])  # an int column with gaps is float
        apps.append({"item": "PY-TYPES-0001", "submitted_on": r["submitted_on"], "facts": facts,
                     "materials": ["form"]})
    df = pd.DataFrame(rows)
    df["materials"] = [["form"] for _ in rows]
    df["premises.lease_ends"] = pd.Series([r["premises.lease_ends"] for r in rows], dtype=object)
    df["submitted_on"] = pd.Series([r["submitted_on"] for r in rows], dtype=object)
    out = types_book.evaluate_frame(df, "PY-TYPES-0001", errors="return", chunk_size=3)
    for i, a in enumerate(apps):  # evaluate() has no date for row 3; the frame says SP607
        if a["submitted_on"] is None:
            assert "[SP607]" in out["error"][i]
            a["submitted_on"] = "2025-09-26"
            a["facts"] = {}
    check_rows(types_book, out.iloc[[i for i in range(len(apps)) if i % 4 != 3]],
               [a for i, a in enumerate(apps) if i % 4 != 3])
    as_datetime = df.assign(**{"premises.lease_ends": pd.to_datetime(["2027-03-01", None, None, "2025-01-01"] * 5)})
    rows_ok = [0, 1, 4, 5]
    again = types_book.evaluate_frame(as_datetime.iloc[rows_ok], "PY-TYPES-0001", errors="return")
    # The same rows decided alike; the error column names rows by their position in the frame.
    pd.testing.assert_frame_equal(again.drop(columns="error"), out.iloc[rows_ok].drop(columns="error"))
    assert again["error"].notna().tolist() == out["error"].iloc[rows_ok].notna().tolist()


def test_versions_by_submission_date() -> None:
    """Each row is bound under the version in force on its own date, with that version's names."""
    book = shenpi.load(SOURCE_DIR / "tests" / "fixtures" / "versions" / "reform", calendar_dirs=[RULES / "calendar"])
    days = ["2025-03-03", "2025-08-01", "2025-06-30", "2025-07-01"]
    lists = [["form"], ["form", "plan"], []]
    apps = [{"item": "T-0001", "submitted_on": d, "materials": m, "commitments": c, "facts": {}}
            for d in days for m in lists for c in ([], ["form"])]
    df = pd.DataFrame({"submitted_on": pd.to_datetime([a["submitted_on"] for a in apps]),
                       "materials": [a["materials"] for a in apps],
                       "commitments": [a["commitments"] for a in apps]})
    out = book.evaluate_frame(df, "T-0001", errors="return")
    # 'plan' is a material of the first version only: evaluate() on the dict, evaluate_many and
    # the frame all take it before 2025-07-01 and refuse it under the version in force after.
    check_rows(book, out, apps)
    early = {"item": "T-0001", "submitted_on": "2025-03-03", "materials": ["form", "plan"]}
    assert book.evaluate(early).outcome == "accept"
    with pytest.raises(shenpi.ApplicationError) as late:
        book.evaluate({**early, "submitted_on": "2025-08-01"})
    assert [d.code for d in late.value.diagnostics] == ["SP605"]
    many = book.evaluate_many(apps, errors="return")
    assert [getattr(d, "outcome", None) for d in many] == [None if pd.isna(o) else o for o in out["outcome"]]
    assert out["outcome"].notna().any() and out["error"].notna().any()


def test_many_fresh_lists(peer: shenpi.Rulebook) -> None:
    """Past a million list elements the frame gathers a row's ids per row instead of per version."""
    apps = mixed(300, seed=21)
    shared = pd.concat([frame_with_gaps(apps)] * 250, ignore_index=True)  # 75,000 rows
    fresh = shared.copy()
    for column in ("materials", "commitments", "shop.scope"):
        fresh[column] = pd.Series([list(v) for v in fresh[column]], dtype=object)
    assert sum(len(v) for v in fresh["materials"]) + sum(len(v) for v in fresh["commitments"]) > 1 << 20
    want = peer.evaluate_frame(shared, ITEM, errors="return")
    pd.testing.assert_frame_equal(peer.evaluate_frame(fresh, ITEM, errors="return"), want)
    check_rows(peer, want.iloc[:300], apps)
