"""Every batch path decides the peer applications as evaluate() does one by one.

The batch paths take shortcuts for speed (dicts converted while the workers
decide, exact Python types stored without the general checks, id lists
converted once per list object, answers shared between rows): these tests
hold them to one-by-one evaluate() over the peer item's 1,000 generated
applications (bench/python/peer_apps.py) with bad rows mixed in, in every
``detail=`` and ``errors=`` mode, whatever the threads and chunks.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

import shenpi
from conftest import SOURCE_DIR

sys.path.insert(0, str(SOURCE_DIR / "bench" / "python"))
from peer_apps import ITEM, application, frame_of  # noqa: E402

App = Dict[str, Any]
Expected = Tuple[Optional[shenpi.Decision], Optional[shenpi.ApplicationError]]


@pytest.fixture(scope="module")
def peer() -> shenpi.Rulebook:
    return shenpi.load(SOURCE_DIR / "bench" / "peers" / "rules" / "peer")


def generated(n: int = 1000) -> List[App]:
    import random

    rng = random.Random(20261201)
    return [application(rng) for _ in range(n)]


def fact(path: str, value: Any) -> Callable[[App], None]:
    return lambda a: a["facts"].__setitem__(path, value)


# Each turns a good application into one that evaluate() refuses (or, for
# the last few, one that takes the general conversion path and stays good).
MUTATIONS: List[Callable[[App], None]] = [
    fact("applicant.credit", "excellent"),  # no such enum word: SP604
    fact("shop.staff", "12"),  # str for an int
    fact("shop.staff", 2**70),  # past 64 bits
    fact("shop.staff", 12.5),  # no whole number
    fact("premises.area_m2", math.inf),  # no finite number
    fact("premises.residential", 1),  # int for a bool
    fact("applicant.uses_agent", "yes"),
    fact("shop.scope", ["retail", 7]),  # a list with a non-str
    fact("shop.scope", "retail"),  # a str for a list
    fact("no.such_fact", True),  # SP603
    fact("shop.type", "\udcff"),  # a lone surrogate
    lambda a: a["materials"].append("m99"),  # SP605
    lambda a: a["commitments"].append("c99"),  # SP606
    lambda a: a.__setitem__("submitted_on", "2026-13-40"),  # SP607
    lambda a: a.__setitem__("submitted_on", "1900-01-01"),  # outside the calendar
    lambda a: a.__setitem__("item", "NOPE"),  # SP602
    lambda a: a.pop("item"),
    lambda a: a.__setitem__("extra", 1),  # unknown key
    lambda a: a.__setitem__("materials", "m01"),  # no list
    lambda a: a["materials"].append(5),
]
KEEPS = [  # take the general path and stay good
    fact("shop.staff", 40.0),  # a whole float for an int fact
    fact("premises.area_m2", 80),  # an int for a decimal fact
    fact("shop.capital_wan", None),  # unknown
    fact("shop.capital_wan", math.nan),  # unknown
    fact("shop.scope", ("retail", "wholesale")),  # a tuple for a list
    lambda a: a.__setitem__("submitted_on", datetime.date(2026, 3, 2)),
    lambda a: a.__setitem__("commitments", sorted(set(a["commitments"]) | {"tolerance-letter"})),
]


def with_bad_rows(apps: List[App]) -> Tuple[List[App], List[int]]:
    """The applications with every 37th one spoilt (and some bent but good)."""
    out = copy.deepcopy(apps)
    bad = []
    for k, i in enumerate(range(5, len(out), 37)):
        MUTATIONS[k % len(MUTATIONS)](out[i])
        bad.append(i)
    for k, i in enumerate(range(11, len(out), 53)):
        if i not in bad:
            KEEPS[k % len(KEEPS)](out[i])
    return out, bad


def one_by_one(book: shenpi.Rulebook, apps: List[App]) -> List[Expected]:
    out: List[Expected] = []
    for a in apps:
        try:
            out.append((book.evaluate(a), None))
        except shenpi.ApplicationError as e:
            out.append((None, e))
    return out


def diagnostics(ds: List[Any]) -> List[Tuple[str, str, str]]:
    return [(d.code, d.file, d.message) for d in ds]


@pytest.fixture(scope="module")
def mixed(peer: shenpi.Rulebook) -> Tuple[List[App], List[Expected], List[int]]:
    apps, bad = with_bad_rows(generated())
    expected = one_by_one(peer, apps)
    assert [i for i, (d, _) in enumerate(expected) if d is None] == bad  # each mutation spoils
    assert len({d.outcome for d, _ in expected if d}) == 4  # accept, deficiency, supplement, reject
    return apps, expected, bad


@pytest.mark.parametrize("threads, chunk_size", [(None, 1024), (1, 1024), (2, 7), (3, 1), (2, 10**9)])
def test_dicts_every_detail(peer: shenpi.Rulebook, mixed: Any, threads: Any, chunk_size: int) -> None:
    apps, expected, _ = mixed
    decisions = peer.evaluate_many(apps, errors="return", threads=threads, chunk_size=chunk_size)
    for got, (want, error) in zip(decisions, expected):
        if want is not None:
            assert got.valid and got.to_dict() == want.to_dict()
        else:
            assert not got.valid and diagnostics(got.diagnostics) == diagnostics(error.diagnostics)
    outcomes = peer.evaluate_many(apps, detail="outcome", errors="return", threads=threads, chunk_size=chunk_size)
    assert outcomes == [d.outcome if d else None for d, _ in expected]
    missing = peer.evaluate_many(apps, detail="missing", errors="return", threads=threads, chunk_size=chunk_size)
    assert missing == [(d.outcome, tuple(d.missing)) if d else (None, ()) for d, _ in expected]


@pytest.mark.parametrize("detail", ["decision", "outcome", "missing"])
@pytest.mark.parametrize("threads", [None, 1])
def test_dicts_raise_the_first_bad_row(peer: shenpi.Rulebook, mixed: Any, detail: str, threads: Any) -> None:
    apps, expected, bad = mixed
    with pytest.raises(shenpi.ApplicationError) as caught:
        peer.evaluate_many(apps, detail=detail, threads=threads, chunk_size=16)
    first = expected[bad[0]][1]
    assert caught.value.index == bad[0]
    assert str(caught.value) == f"apps[{bad[0]}]: {first}"
    assert diagnostics(caught.value.diagnostics) == diagnostics(first.diagnostics)
    good = [a for i, a in enumerate(apps) if i not in bad]
    assert len(peer.evaluate_many(good, detail=detail, threads=threads)) == len(good)


def test_dicts_longer_than_the_ring(peer: shenpi.Rulebook, mixed: Any) -> None:
    """Many more rows than the converter runs ahead of the workers."""
    apps, expected, _ = mixed
    many = apps * 12
    want = [(d.outcome, tuple(d.missing)) if d else (None, ()) for d, _ in expected] * 12
    assert peer.evaluate_many(many, detail="missing", errors="return") == want
    assert peer.evaluate_many(many, detail="missing", errors="return", threads=1, chunk_size=5000) == want


def test_dicts_numpy_values_and_reused_objects(peer: shenpi.Rulebook) -> None:
    np = pytest.importorskip("numpy")
    apps = generated(300)
    bent = copy.deepcopy(apps)
    for a in bent:
        a["facts"]["shop.staff"] = np.int64(a["facts"]["shop.staff"])
        a["facts"]["premises.area_m2"] = np.float64(a["facts"]["premises.area_m2"])
        a["facts"]["applicant.uses_agent"] = np.bool_(a["facts"]["applicant.uses_agent"])
    want = peer.evaluate_many(apps, detail="missing")
    assert peer.evaluate_many(bent, detail="missing") == want
    # One dict object many times, and changed between calls: nothing is
    # remembered of a dict, only of the key and word objects.
    one = copy.deepcopy(apps[0])
    first = peer.evaluate_many([one] * 100, detail="missing")
    one["facts"]["applicant.credit"] = "dishonest"
    second = peer.evaluate_many([one] * 100, detail="missing")
    assert first == [want[0]] * 100
    assert second == [(peer.evaluate(one).outcome, tuple(peer.evaluate(one).missing))] * 100


def json_texts(apps: List[App]) -> List[bytes]:
    def plain(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None  # unknown, as NaN is in a dict
        if isinstance(value, float) and value.is_integer():
            return int(value)  # JSON's 40.0 is no int, where a dict's whole float is
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, tuple):
            return list(value)
        return value

    out = []
    for a in apps:
        try:
            body = {k: ({f: plain(v) for f, v in a["facts"].items()} if k == "facts" else plain(v)) for k, v in a.items()}
            out.append(json.dumps({"application": body}).encode("utf-8", "surrogatepass"))
        except (ValueError, TypeError):  # inf, NaN: no JSON
            out.append(b'{"application": 1}')
    return out


def test_json_and_jsonl_match_evaluate(peer: shenpi.Rulebook, mixed: Any) -> None:
    apps, expected, bad = mixed
    texts = json_texts(apps)
    jsonl = b"\n".join(texts) + b"\n"
    for detail in ("decision", "outcome", "missing"):
        by_json = peer.evaluate_json(texts, detail=detail, errors="return")
        by_jsonl = peer.evaluate_jsonl(jsonl, detail=detail, errors="return")
        for i, ((want, _), got, line) in enumerate(zip(expected, by_json, by_jsonl)):
            if want is None:  # JSON spells some refused values differently (["a", 7] is text): see below
                continue
            if detail == "decision":
                assert got.to_dict() == want.to_dict() == line.to_dict()
            elif detail == "outcome":
                assert got == line == want.outcome
            else:
                assert got == line == (want.outcome, tuple(want.missing))
    # The same diagnostics from a list and from lines but for the place.
    listed = peer.evaluate_json(texts, errors="return")
    lines = peer.evaluate_jsonl(jsonl, errors="return")
    refused = [i for i, d in enumerate(listed) if not d.valid]
    assert len(refused) >= len(bad) - 2
    for i in refused:
        assert [(d.code, d.message) for d in listed[i].diagnostics] == [(d.code, d.message) for d in lines[i].diagnostics]
        assert all(d.file == f"apps[{i}]" for d in listed[i].diagnostics)
        assert all(d.file == "<jsonl>" and d.line == i + 1 for d in lines[i].diagnostics if d.line > 0)
    with pytest.raises(shenpi.ApplicationError) as caught:
        peer.evaluate_json(texts, detail="missing", threads=1, chunk_size=3)
    assert caught.value.index == refused[0]


def test_frame_matches_evaluate(peer: shenpi.Rulebook) -> None:
    pytest.importorskip("pandas")
    apps = generated()
    df = frame_of(apps)
    many = df.iloc[list(range(len(df))) * 3].reset_index(drop=True)  # rows share their list objects
    out = peer.evaluate_frame(many, ITEM)
    for i in range(len(many)):
        want = peer.evaluate(apps[i % len(apps)])
        row = out.iloc[i]
        assert row["outcome"] == want.outcome
        assert row["missing"] == tuple(want.missing)
        assert row["tolerated"] == tuple(want.tolerated)
        assert row["n_missing"] == len(want.missing)
        for name in ("promised", "statutory", "tolerance"):
            due = want.deadlines[name]
            got = row[f"{name}_due"]
            assert (got.date() if got == got else None) == due


def test_frame_bad_rows(peer: shenpi.Rulebook) -> None:
    pd = pytest.importorskip("pandas")
    apps = generated(200)
    df = frame_of(apps)
    scope, materials, commitments = list(df["shop.scope"]), list(df["materials"]), list(df["commitments"])
    scope[3] = ["retail", 7]  # a list with a non-str
    materials[4] = materials[4] + ["m99"]  # unknown material
    materials[6] = "m01"  # no list
    commitments[5] = ["c99"]
    df["shop.scope"] = pd.Series(scope, dtype=object)
    df["materials"] = pd.Series(materials, dtype=object)
    df["commitments"] = pd.Series(commitments, dtype=object)
    df["shop.district"] = df["shop.district"].cat.add_categories(["mars"])
    df.loc[7, "shop.district"] = "mars"  # no such enum word
    rows = pd.concat([df] * 2, ignore_index=True)
    out = peer.evaluate_frame(rows, ITEM, errors="return")
    bad = {3, 4, 5, 6, 7}
    for i in range(len(rows)):
        a = copy.deepcopy(apps[i % 200])
        a["facts"]["shop.scope"] = scope[i % 200]
        a["materials"], a["commitments"] = materials[i % 200], commitments[i % 200]
        a["facts"]["shop.district"] = "mars" if i % 200 == 7 else a["facts"]["shop.district"]
        a["submitted_on"] = datetime.date.fromisoformat(a["submitted_on"])
        try:
            want: Optional[shenpi.Decision] = peer.evaluate(a)
        except shenpi.ApplicationError as e:
            want = None
            code = e.diagnostics[0].code
        if i % 200 in bad:
            assert want is None and pd.isna(out["outcome"][i])
            # A str for the material list is SP604 in a frame (a cell of the wrong type), SP601 in a dict.
            assert f"[{code if i % 200 != 6 else 'SP604'}]" in out["error"][i]
        else:
            assert want is not None and out["outcome"][i] == want.outcome and out["error"][i] is None
    with pytest.raises(shenpi.ApplicationError) as caught:
        peer.evaluate_frame(rows, ITEM)
    assert caught.value.index == 3
