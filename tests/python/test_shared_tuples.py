"""The tuples of missing materials that batch results share between rows.

evaluate_many(detail="missing") and evaluate_frame give rows that miss the
same materials one tuple object. An item of at most 64 materials keys the
set by a bit mask, a wider one by its indexes as bytes: both ways must name
the same ids, in the item's order, as evaluate() does.
"""

from __future__ import annotations

import datetime
import pathlib
import random
from typing import Any, Dict, List

import pytest

import shenpi
from conftest import RULES


def write_book(root: pathlib.Path, materials: int) -> shenpi.Rulebook:
    """An item of `materials` materials, some required by a fact."""
    (root / "items").mkdir(parents=True)
    (root / "facts.yaml").write_text(
        "facts:\n  w.level: { type: int, label: 等级 }\n", encoding="utf-8")
    lines = [
        "item:", "  code: WIDE-0001", "  name: 宽事项", '  version: "2026.1"',
        "  kind: administrative_license", "  authority: 测试审批局",
        "  basis:", "    - { id: law, title: 《测试条例》第一条 }",
        "  service: { online: full, max_visits: 0 }", "",
        "conditions:", "  - { id: c0, text: 等级不低于1, when: w.level >= 1, basis: law }", "",
        "materials:",
    ]
    for k in range(materials):
        required = f", required: 'w.level > {k % 5}'" if k % 3 == 1 else ""
        lines.append(f"  - {{ id: m{k}, name: 材料{k}, basis: law{required} }}")
    lines += [
        "", "time_limit:", "  statutory: 20 working days", "  promised: 5 working days", "",
        "steps:", "  - { id: accept, name: 受理, takes: 即办 }", "",
        "outputs:", "  - { id: wide, name: 宽事项许可证, valid_for: 5 years }", "",
    ]
    (root / "items" / "wide.yaml").write_text("\n".join(lines), encoding="utf-8")
    return shenpi.load(root, calendar_dirs=[RULES / "calendar"])


def applications(materials: int, n: int) -> List[Dict[str, Any]]:
    rng = random.Random(materials)
    apps = []
    for _ in range(n):
        # Few distinct sets, so rows share them; some rows miss nothing.
        skip = {rng.randrange(materials) for _ in range(rng.randrange(4))}
        apps.append({
            "item": "WIDE-0001",
            "submitted_on": datetime.date(2025, 9, 1),
            "facts": {"w.level": rng.randrange(6)},
            "materials": [f"m{k}" for k in range(materials) if k not in skip],
        })
    return apps


@pytest.mark.parametrize("materials", [3, 64, 65, 70])
def test_missing_tuples_name_what_evaluate_names(tmp_path: pathlib.Path, materials: int) -> None:
    pd = pytest.importorskip("pandas")
    book = write_book(tmp_path / "rules", materials)
    apps = applications(materials, 300)
    expected = []
    for a in apps:
        d = book.evaluate(a)
        # In the item's order, from the statuses rather than from d.missing.
        expected.append((d.outcome, tuple(m for m, status in d.materials.items() if status == "missing")))
    assert any(m for _, m in expected) and any(not m for _, m in expected)

    results = book.evaluate_many(apps, detail="missing", chunk_size=16)
    assert [(o, tuple(m)) for o, m in results] == expected
    frame = pd.DataFrame({
        "w.level": [a["facts"]["w.level"] for a in apps],
        "submitted_on": [a["submitted_on"] for a in apps],
        "materials": [a["materials"] for a in apps],
    })
    decided = book.evaluate_frame(frame, item="WIDE-0001", chunk_size=16)
    assert list(decided["missing"]) == [m for _, m in expected]

    # Rows that miss the same materials share one tuple, across chunks.
    by_set: Dict[Any, Any] = {}
    for (outcome, missing), row in zip(results, decided["missing"]):
        first = by_set.setdefault(missing, (outcome, missing, row))
        assert first[1] is missing and first[2] is row
