"""evaluate_many's fast path for dicts decides as evaluate() does one by one.

The calling thread reads plain dicts into typed records by the identity of
their str objects and hands every other dict to the general converter
(bindings/python/src/dict_fast.hpp). These tests feed it the dicts where
the two could part: non-str keys, str subclasses for keys, words and ids,
bool for int and int for bool, NaN and None, dicts made by json.loads (no
interned keys), dates as datetime, tuples, repeated ids, the
{"application": …} shape, the same str objects bound to other meanings
between calls, and an item with two versions. Each batch is compared with
evaluate() of each dict in every detail= and errors= mode.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import random
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

import shenpi
from conftest import SOURCE_DIR

sys.path.insert(0, str(SOURCE_DIR / "bench" / "python"))
from peer_apps import application  # noqa: E402

App = Dict[str, Any]


class Str(str):
    """A str subclass: taken by the general path, which must give the same."""


@pytest.fixture(scope="module")
def peer() -> shenpi.Rulebook:
    return shenpi.load(SOURCE_DIR / "bench" / "peers" / "rules" / "peer")


def set_fact(path: str, value: Any) -> Callable[[App], None]:
    return lambda a: a["facts"].__setitem__(path, value)


def rename_fact(path: str, key: Any) -> Callable[[App], None]:
    return lambda a: a["facts"].__setitem__(key, a["facts"].pop(path))


BENDS: List[Callable[[App], None]] = [
    set_fact("shop.staff", True),  # a bool for an int fact: SP604
    set_fact("applicant.uses_agent", 0),  # an int for a bool fact: SP604
    set_fact("shop.staff", 1.0),  # a whole float for an int fact: taken
    set_fact("shop.capital_wan", 7),  # an int for a decimal fact: taken
    set_fact("shop.capital_wan", math.nan),  # unknown
    set_fact("shop.capital_wan", -math.inf),  # SP604
    set_fact("shop.has_manager", None),  # unknown
    set_fact("applicant.kind", Str("enterprise")),  # a str subclass word
    set_fact("applicant.kind", "Enterprise"),  # no such word
    set_fact("shop.scope", ["retail", Str("wholesale")]),
    set_fact("shop.scope", ("retail",)),
    set_fact("shop.scope", []),
    set_fact("shop.scope", ["retail", None]),
    set_fact("shop.staff", 2**63),  # past 64 bits
    set_fact("shop.staff", -(2**63)),  # the least int64: taken
    rename_fact("shop.staff", Str("shop.staff")),  # a str subclass key
    rename_fact("shop.staff", 7),  # a non-str key
    rename_fact("shop.staff", b"shop.staff"),
    rename_fact("shop.staff", "shop.Staff"),  # SP603
    lambda a: a.__setitem__("materials", a["materials"] + a["materials"][:1]),  # twice
    lambda a: a.__setitem__("materials", tuple(a["materials"])),
    lambda a: a.__setitem__("materials", [Str(m) for m in a["materials"]]),
    lambda a: a.__setitem__("materials", None),
    lambda a: a.pop("materials"),
    lambda a: a.pop("facts"),
    lambda a: a.__setitem__("facts", None),
    lambda a: a.__setitem__("commitments", ["tolerance-letter", "tolerance-letter"]),
    lambda a: a.__setitem__("commitments", ["c04", "m13", "c99"]),
    lambda a: a.__setitem__("commitments", {"c04"}),  # a set: the general path
    lambda a: a.__setitem__("item", Str(a["item"])),
    lambda a: a.__setitem__("item", 1),
    lambda a: a.__setitem__("submitted_on", datetime.date(2026, 3, 2)),
    lambda a: a.__setitem__("submitted_on", datetime.datetime(2026, 3, 2, 9, 30)),
    lambda a: a.__setitem__("submitted_on", Str("2026-03-02")),
    lambda a: a.__setitem__("submitted_on", "2026-02-30"),
    lambda a: a.__setitem__("submitted_on", "1999-01-01"),  # outside the calendar
    lambda a: a.__setitem__("submitted_on", 20260302),
    lambda a: a.pop("submitted_on"),
    lambda a: a.__setitem__(1, 2),  # a non-str top-level key
    lambda a: a.__setitem__("facts", {"shop.staff": 5, 3: 1}),
]


def bent_apps() -> List[Any]:
    rng = random.Random(20261202)
    apps = [application(rng) for _ in range(400)]
    out: List[Any] = []
    for k, a in enumerate(apps):
        b = copy.deepcopy(a)
        if k % 7 == 3:
            b = json.loads(json.dumps(b))  # fresh, uninterned key objects
        if k % 3 == 1:
            BENDS[(k // 3) % len(BENDS)](b)
        if k % 11 == 5:
            b = {"application": b}
        out.append(b)
    out.append(dict(apps[0]))
    out.append("not a dict")
    return out


def expected(book: shenpi.Rulebook, apps: List[Any]) -> List[Tuple[Optional[shenpi.Decision], Any]]:
    out: List[Tuple[Optional[shenpi.Decision], Any]] = []
    for a in apps:
        try:
            out.append((book.evaluate(a), None))
        except shenpi.ApplicationError as e:
            out.append((None, [(d.code, d.file, d.message) for d in e.diagnostics]))
    return out


@pytest.fixture(scope="module")
def bent(peer: shenpi.Rulebook) -> Tuple[List[Any], List[Tuple[Optional[shenpi.Decision], Any]]]:
    apps = bent_apps()
    want = expected(peer, apps)
    bad = [i for i, (d, _) in enumerate(want) if d is None]
    assert 30 < len(bad) < len(apps) // 2  # the bends make bad rows and good ones
    return apps, want


@pytest.mark.parametrize("threads, chunk_size", [(None, 1024), (1, 3), (2, 50)])
def test_bent_dicts_every_detail(peer: shenpi.Rulebook, bent: Any, threads: Any, chunk_size: int) -> None:
    apps, want = bent
    kw = dict(errors="return", threads=threads, chunk_size=chunk_size)
    got = peer.evaluate_many(apps, **kw)
    for i, (g, (w, diags)) in enumerate(zip(got, want)):
        if w is None:
            assert not g.valid and [(d.code, d.file, d.message) for d in g.diagnostics] == diags, i
        else:
            assert g.valid and g.to_dict() == w.to_dict(), i
    assert peer.evaluate_many(apps, detail="outcome", **kw) == [w.outcome if w else None for w, _ in want]
    assert peer.evaluate_many(apps, detail="missing", **kw) == [
        (w.outcome, tuple(w.missing)) if w else (None, ()) for w, _ in want
    ]


@pytest.mark.parametrize("detail", ["decision", "outcome", "missing"])
def test_bent_dicts_raise_the_first_bad_one(peer: shenpi.Rulebook, bent: Any, detail: str) -> None:
    apps, want = bent
    first = next(i for i, (w, _) in enumerate(want) if w is None)
    with pytest.raises(shenpi.ApplicationError) as caught:
        peer.evaluate_many(apps, detail=detail)
    assert caught.value.index == first
    assert [(d.code, d.file, d.message) for d in caught.value.diagnostics] == want[first][1]


def test_the_same_str_objects_mean_other_things_later(peer: shenpi.Rulebook) -> None:
    """Words and ids are remembered by object within one call only."""
    word = "".join(["good"])  # a str object of its own, not the interned literal
    a = {"item": "PEER-0001", "submitted_on": "2026-03-02", "facts": {"applicant.credit": word}, "materials": []}
    first = peer.evaluate_many([a] * 50, detail="missing")
    a["facts"]["applicant.credit"] = "dishonest"
    second = peer.evaluate_many([a] * 50, detail="missing")
    assert first == [(peer.evaluate({**a, "facts": {"applicant.credit": "good"}}).outcome, first[0][1])] * 50
    assert second[0][0] == peer.evaluate(a).outcome and len(set(second)) == 1


def test_a_dict_changed_after_the_call_started_is_read_as_it_was(peer: shenpi.Rulebook) -> None:
    """Rows are read before they are decided: a list of one dict many times gives one answer."""
    rng = random.Random(7)
    apps = [application(rng) for _ in range(50)]
    many = [apps[i % 50] for i in range(20_000)]
    want = [(d.outcome, tuple(d.missing)) for d in (peer.evaluate(a) for a in apps)]
    assert peer.evaluate_many(many, detail="missing") == [want[i % 50] for i in range(20_000)]


REFORM = SOURCE_DIR / "tests" / "fixtures" / "versions" / "reform"


def test_an_item_with_two_versions(peer: shenpi.Rulebook) -> None:
    """The record is bound under the version in force on the filing day."""
    reform = shenpi.load(REFORM)
    apps = []
    # 2025.2 (the current version) lets `form` be committed, 2024.1 does
    # not; no version is in force before 2024.
    for day in ("2025-06-30", "2025-07-01", "2026-01-05", "2024-03-01", "2023-12-29"):
        for materials in ([], ["form"], ["form", "form"]):
            for commitments in ([], ["form"], ["tolerance-letter"]):
                for credit in ("good", "dishonest", "nope"):
                    apps.append({"item": "T-0001", "submitted_on": day, "facts": {"applicant.credit": credit},
                                 "materials": list(materials), "commitments": list(commitments)})
    want = expected(reform, apps)
    got = reform.evaluate_many(apps, errors="return")
    assert [g.to_dict() if g.valid else None for g in got] == [w.to_dict() if w else None for w, _ in want]
    assert [[(d.code, d.file, d.message) for d in g.diagnostics] for g in got if not g.valid] == [
        diags for w, diags in want if w is None
    ]


def fresh_strs(value: Any, hashed: bool) -> Any:
    """`value` with every str a new object; with its hash computed (as
    json.loads does for keys) when `hashed`, else with none cached."""
    if isinstance(value, str):
        s = "".join(list(value))  # a new object, hash not yet computed
        if hashed:
            hash(s)
        return s
    if isinstance(value, dict):
        return {fresh_strs(k, hashed): fresh_strs(v, hashed) for k, v in value.items()}
    if isinstance(value, list):
        return [fresh_strs(v, hashed) for v in value]
    return value


def test_names_are_found_whether_their_str_caches_a_hash_or_not(peer: shenpi.Rulebook) -> None:
    """Fresh str are resolved by their bytes, or by the hash they cached."""
    rng = random.Random(11)
    apps = [application(rng) for _ in range(300)]
    apps[7]["facts"]["shop.unknown_fact"] = 1  # unknown names, hashed and not: SP603
    apps[8]["materials"] = apps[8]["materials"] + ["m99"]
    apps[9]["commitments"] = apps[9]["commitments"] + ["c99"]
    want = expected(peer, apps)
    for hashed in (False, True):
        got = peer.evaluate_many([fresh_strs(a, hashed) for a in apps], errors="return")
        for i, (g, (w, diags)) in enumerate(zip(got, want)):
            if w is None:
                assert not g.valid and [(d.code, d.file, d.message) for d in g.diagnostics] == diags, (hashed, i)
            else:
                assert g.valid and g.to_dict() == w.to_dict(), (hashed, i)
    assert sum(w is None for w, _ in want) == 3
