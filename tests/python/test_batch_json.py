"""Rulebook.evaluate_json / evaluate_jsonl: JSON text in, the same answers as evaluate()."""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict, List

import pytest

import shenpi
from test_batch import varied

App = Dict[str, Any]


def as_json(app: App) -> str:
    return json.dumps({"application": app}, ensure_ascii=False, default=str)


def test_str_and_bytes_match_evaluate(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 2000)
    texts = [as_json(a) for a in apps]
    expected = [tianjin.evaluate(a).to_dict() for a in apps]
    assert [d.to_dict() for d in tianjin.evaluate_json(texts, chunk_size=64)] == expected
    as_bytes = [t.encode() for t in texts]
    assert [d.to_dict() for d in tianjin.evaluate_json(as_bytes)] == expected
    mixed: List[Any] = [t if i % 3 else bytearray(t.encode()) for i, t in enumerate(texts)]
    mixed[1] = memoryview(texts[1].encode())
    assert [d.to_dict() for d in tianjin.evaluate_json(mixed)] == expected
    assert len({d["outcome"] for d in expected}) >= 3


def test_compact_details_match_dicts(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 1500, seed=3)
    texts = [as_json(a) for a in apps]
    for detail in ("outcome", "missing"):
        assert tianjin.evaluate_json(texts, detail=detail) == tianjin.evaluate_many(apps, detail=detail)


def test_jsonl_buffer(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 1200, seed=5)
    expected = tianjin.evaluate_many(apps, detail="missing")
    lines = "\n".join(as_json(a) for a in apps)
    assert tianjin.evaluate_jsonl(lines.encode(), detail="missing") == expected  # no final newline
    crlf = ("\r\n".join(as_json(a) for a in apps) + "\r\n").encode()
    assert tianjin.evaluate_jsonl(crlf, detail="missing", threads=1) == expected
    assert tianjin.evaluate_jsonl(bytearray(crlf), detail="missing", chunk_size=7) == expected
    assert tianjin.evaluate_jsonl(memoryview(crlf), detail="missing") == expected
    assert tianjin.evaluate_jsonl(lines, detail="missing") == expected  # str works too


def test_jsonl_blank_lines_are_skipped(tianjin: shenpi.Rulebook, food_app: App) -> None:
    line = as_json(food_app)
    data = f"\n{line}\n   \n\n{line}\n".encode()
    assert tianjin.evaluate_jsonl(data, detail="outcome") == ["accept", "accept"]
    assert tianjin.evaluate_jsonl(b"") == [] and tianjin.evaluate_jsonl(b"\n \n") == []
    assert tianjin.evaluate_json([]) == []


def test_errors_raise_with_index(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 3000)
    apps[2100]["facts"]["applicant.credit"] = "excellent"
    texts = [as_json(a) for a in apps]
    texts[2500] = '{"application": {"item": '  # cut short
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate_json(texts, detail="outcome", chunk_size=100)
    assert caught.value.index == 2100
    assert caught.value.diagnostics[0].code == "SP604"
    assert caught.value.diagnostics[0].file == "apps[2100]"
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate_json(texts[::-1], threads=2, chunk_size=9)
    assert caught.value.index == 3000 - 1 - 2500
    assert caught.value.diagnostics[0].code == "SP608"


def test_errors_return(tianjin: shenpi.Rulebook, food_app: App) -> None:
    good = as_json(food_app)
    unknown = dict(food_app, materials=["passport"])
    texts: List[Any] = [good, "{nope", 42, as_json(unknown), "\ud800", good.encode()]
    decisions = tianjin.evaluate_json(texts, errors="return")
    assert [d.valid for d in decisions] == [True, False, False, False, False, True]
    assert decisions[1].diagnostics[0].code == "SP608"
    assert decisions[1].diagnostics[0].file == "apps[1]"
    assert decisions[2].diagnostics[0].code == "SP601" and "int" in decisions[2].diagnostics[0].message
    assert decisions[3].diagnostics[0].code == "SP605"
    assert decisions[4].diagnostics[0].code == "SP608" and "UTF-8" in decisions[4].diagnostics[0].message
    assert tianjin.evaluate_json(texts, detail="outcome", errors="return") == [
        "accept", None, None, None, None, "accept"]
    missing = tianjin.evaluate_json(texts, detail="missing", errors="return")
    assert missing[1] == (None, ()) and missing[0] == ("accept", ())


def test_jsonl_errors_name_the_line(tianjin: shenpi.Rulebook, food_app: App) -> None:
    line = as_json(food_app)
    data = f"{line}\n\n{line[:-5]}\n{line}\n".encode()
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate_jsonl(data, name="cases.jsonl")
    assert caught.value.index == 1  # the second application, on line 3
    where = caught.value.diagnostics[0]
    assert (where.code, where.file, where.line) == ("SP608", "cases.jsonl", 3)
    assert tianjin.evaluate_jsonl(data, detail="outcome", errors="return") == ["accept", None, "accept"]


def test_same_diagnostics_as_the_cli_reader(tianjin: shenpi.Rulebook, food_app: App) -> None:
    """Dates and shapes are checked by the library's JSON reader, as `shenpi eval` does."""
    bad_date = json.dumps({"application": dict(food_app, submitted_on="2025-02-30")}, default=str)
    no_wrapper = json.dumps(food_app, default=str)
    decisions = tianjin.evaluate_json([bad_date, no_wrapper], errors="return")
    assert decisions[0].diagnostics[0].code == "SP607"
    assert decisions[1].diagnostics[0].code == "SP601"


def test_bad_arguments(tianjin: shenpi.Rulebook) -> None:
    with pytest.raises(TypeError, match="evaluate_jsonl"):
        tianjin.evaluate_json(b'{"application": {}}')  # one buffer: that is evaluate_jsonl
    with pytest.raises(TypeError):
        tianjin.evaluate_json(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tianjin.evaluate_jsonl([b"{}"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="detail"):
        tianjin.evaluate_json([], detail="all")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="errors"):
        tianjin.evaluate_jsonl(b"", errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="threads"):
        tianjin.evaluate_json([], threads=0)


def test_decision_detail_is_full(tianjin: shenpi.Rulebook, food_app: App) -> None:
    d = tianjin.evaluate_json([as_json(food_app)])[0]
    assert d.outcome == "accept"
    assert d.deadlines["promised"] == tianjin.evaluate(food_app).deadlines["promised"]
    assert isinstance(d.deadlines["promised"], datetime.date)


def test_jsonl_large_buffer_keeps_order_and_lines(tianjin: shenpi.Rulebook, food_app: App) -> None:
    """Past a mebibyte the buffer is split on every core: rows keep their order and line numbers."""
    line = as_json(food_app)
    broken = line[:-5]
    rows: List[str] = []
    bad_lines: List[int] = []
    while sum(len(r) + 2 for r in rows) < 3 << 20:  # about 3 MiB
        n = len(rows)
        if n % 997 == 500:
            bad_lines.append(n + 1)
            rows.append(broken)
        elif n % 13 == 7:
            rows.append("   ")  # blank: skipped, but counted as a line
        else:
            rows.append(line)
    data = "\r\n".join(rows).encode()
    assert len(data) > 1 << 20
    decisions = tianjin.evaluate_jsonl(data, errors="return", name="big.jsonl")
    kept = [i + 1 for i, r in enumerate(rows) if r.strip()]
    assert len(decisions) == len(kept)
    bad = [(d.diagnostics[0].file, d.diagnostics[0].line) for d in decisions if not d.valid]
    assert bad == [("big.jsonl", n) for n in bad_lines] and len(bad_lines) > 3
    assert all(d.outcome == "accept" for d in decisions if d.valid)
    assert [n for n, d in zip(kept, decisions) if not d.valid] == bad_lines
