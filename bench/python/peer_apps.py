"""The peer item's applications, shaped as bench/peers/generate.mjs shapes them.

Shared by bench_batch.py and tests/python/test_fast_paths.py, which checks
that every batch path decides them as evaluate() does one by one. The
rules are bench/peers/rules/peer (PEER-0001: 10 conditions, 20 materials,
14 facts of every type but date); every outcome occurs.
"""

from __future__ import annotations

import datetime
import random
from typing import Any, Dict, List

ITEM = "PEER-0001"
MATERIALS = [f"m{i:02d}" for i in range(1, 21)]
SHARED, TOLERABLE, COMMITTABLE = {"m03", "m04"}, {"m10", "m11", "m12"}, {"m13", "m14"}


def application(rng: random.Random) -> Dict[str, Any]:
    """One application shaped as bench/peers/generate.mjs shapes them."""
    chance = lambda p: rng.random() < p  # noqa: E731
    refused = chance(0.16)
    facts: Dict[str, Any] = {
        "applicant.kind": "person" if refused and chance(0.4) else rng.choice(["enterprise", "individual_business"]),
        "applicant.credit": "dishonest" if refused and chance(0.5) else rng.choice(["good", "good", "good", "normal"]),
        "applicant.uses_agent": chance(0.3),
        "applicant.false_commitment": chance(0.1),
        "premises.area_m2": round(5 + rng.random() * 195, 1),
        "premises.residential": chance(0.15),
        "premises.neighbours_agree": chance(0.7),
        "shop.type": rng.choice(["retail", "catering", "canteen"]),
        "shop.staff": rng.randint(0, 2) if chance(0.05) else rng.randint(3, 120),
        "shop.capital_wan": round(rng.random() * 1500, 2),
        "shop.scope": ["wholesale"] if chance(0.05) else [rng.choice(["retail", "catering"])] + (["wholesale"] if chance(0.4) else []),
        "shop.district": "hexi" if chance(0.06) else rng.choice(["binhai", "heping", "nankai"]),
        "shop.has_manager": chance(0.85),
        "shop.revoked_5y": refused and chance(0.3),
    }
    if refused and facts["applicant.kind"] != "person" and facts["applicant.credit"] != "dishonest":
        facts["shop.revoked_5y"] = True
    materials: List[str] = []
    commitments: List[str] = []
    for m in MATERIALS:
        if m in SHARED and not chance(0.2):
            continue
        if m in TOLERABLE and chance(0.25):
            continue
        if m in COMMITTABLE and chance(0.35):
            if chance(0.8):
                commitments.append(m)
            continue
        if chance(0.025):
            continue
        materials.append(m)
    for c, p in (("c04", 0.3), ("c06", 0.4), ("tolerance-letter", 0.75)):
        if chance(p):
            commitments.append(c)
    day = datetime.date(2026, 1, 5) + datetime.timedelta(days=rng.randint(0, 300))
    return {"item": ITEM, "submitted_on": day.isoformat(), "facts": facts,
            "materials": materials, "commitments": commitments}



def frame_of(apps: List[Dict[str, Any]]) -> Any:
    import pandas as pd

    rows = []
    for a in apps:
        row = dict(a["facts"])
        row["submitted_on"] = a["submitted_on"]
        row["materials"] = a["materials"]
        row["commitments"] = a["commitments"]
        rows.append(row)
    df = pd.DataFrame(rows)
    df["submitted_on"] = pd.to_datetime(df["submitted_on"])
    for enum in ("applicant.kind", "applicant.credit", "shop.type", "shop.district"):
        df[enum] = df[enum].astype("category")  # what an analyst's loader gives for a few words
    return df
