#!/usr/bin/python3
"""A seeded caseload for the food business licence reform (证照分离).

Writes one application a line (JSONL: {"id": ..., "application": {...}}) for
TJ-SCJG-XK-0012, filed the way applicants filed before the reform: every
proof on paper, the business licence copy included, no commitments. Some
applicants forget a material, some lack a safety manager, some caterers are
too close to a pollution source. The same seed gives the same file::

    /usr/bin/python3 examples/reform/food_caseload.py --n 1000 --seed 2021 > /tmp/food.jsonl
    shenpi diff rules/tianjin/items/xuke/food-license-2015.yaml \\
                rules/tianjin/items/xuke/food-license.yaml --apps /tmp/food.jsonl

Dates fall in 2025, inside the shipped calendars (2024-2026), so both
versions count their deadlines on the same working days.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys

MATERIALS = ["application-form", "business-license", "layout-plan", "equipment-list", "safety-rules"]
# What an applicant most often forgets, and how often (per application).
FORGOTTEN = {"layout-plan": 0.12, "safety-rules": 0.10, "business-license": 0.05, "equipment-list": 0.03}


def application(rng: random.Random, number: int) -> dict:
    business = rng.choices(["retail", "catering", "canteen"], weights=[5, 4, 1])[0]
    facts = {
        "applicant.credit": rng.choices(["good", "normal", "dishonest"], weights=[80, 17, 3])[0],
        "applicant.false_commitment": rng.random() < 0.02,
        "applicant.uses_agent": rng.random() < 0.25,
        "food.only_prepackaged": False,
        "food.business_type": business,
        "food.bulk_food": rng.random() < 0.3,
        "food.vending_machine": rng.random() < 0.05,
        "food.pollution_distance_m": rng.choice([10, 20, 30, 50, 80, 120]) if business == "catering" else 100,
        "food.has_safety_manager": rng.random() < 0.93,
        "food.license_revoked_5y": rng.random() < 0.01,
    }
    materials = [m for m in MATERIALS if rng.random() >= FORGOTTEN.get(m, 0.0)]
    if facts["food.vending_machine"]:
        materials.append("vending-machine-info")
    if facts["applicant.uses_agent"] and rng.random() < 0.9:
        materials.append("agent-authorization")
    day = datetime.date(2025, 1, 2) + datetime.timedelta(days=rng.randrange(330))
    return {
        "id": f"SP-{number:05d}",
        "application": {
            "item": "TJ-SCJG-XK-0012",
            "submitted_on": day.isoformat(),
            "facts": facts,
            "materials": materials,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="applications (default 1000)")
    parser.add_argument("--seed", type=int, default=2021, help="random seed (default 2021)")
    args = parser.parse_args()
    if args.n < 0:
        parser.error("--n must not be negative")
    rng = random.Random(args.seed)
    for k in range(1, args.n + 1):
        sys.stdout.write(json.dumps(application(rng, k), ensure_ascii=False, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
