#!/usr/bin/python3
"""Caseload analysis: which outcomes, which materials are missing most often.

Generates a seeded caseload of applications for shipped Tianjin items (or
reads one from CSV), evaluates it with ``Rulebook.evaluate_many`` on every
core, prints the outcome summary and the ten most often missing materials,
and saves a bar chart::

    PYTHONPATH=build/python /usr/bin/python3 examples/python/caseload.py
    ... caseload.py --n 10000 --seed 7 --write-csv /tmp/caseload.csv
    ... caseload.py --csv /tmp/caseload.csv --out /tmp/caseload.png

CSV columns: item, submitted_on (YYYY-MM-DD), facts (a JSON object),
materials and commitments (ids separated by ';').

Chinese labels need a CJK font (``fc-list :lang=zh``; on Debian
``apt-get install fonts-noto-cjk``); without one the chart falls back to
item codes and material ids.
"""

from __future__ import annotations

import argparse
import collections
import copy
import datetime
import json
import pathlib
import random
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and CI
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import yaml  # noqa: E402

import shenpi  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
OUTCOMES = ["accept", "accept_with_deficiency", "supplement", "reject"]
OUTCOME_LABELS = {"accept": "受理", "accept_with_deficiency": "容缺受理", "supplement": "补正", "reject": "不予受理"}
COLOURS = {"accept": "#2e7d32", "accept_with_deficiency": "#f9a825", "supplement": "#1565c0", "reject": "#c62828"}
App = Dict[str, Any]


# --- the caseload ---------------------------------------------------------


def sample_applications(book: shenpi.Rulebook) -> List[App]:
    """The shipped sample applications for items of this rulebook: the personas."""
    apps = []
    for path in sorted((SOURCE / "examples" / "applications").glob("*.yaml")):
        app = yaml.safe_load(path.read_text(encoding="utf-8"))["application"]
        if app["item"] in book:
            apps.append(app)
    return apps


def working_days(book: shenpi.Rulebook, year: int) -> List[datetime.date]:
    cal = book.calendar
    day, end = datetime.date(year, 1, 2), datetime.date(year, 11, 30)  # deadlines stay inside the calendar
    out = []
    while day <= end:
        if cal.is_working_day(day):
            out.append(day)
        day += datetime.timedelta(days=1)
    return out


def repaired(book: shenpi.Rulebook, app: App) -> App:
    """A rejected sample with the one yes/no fact flipped that lets it through.

    The engine answers the what-if: most real applicants are not barred.
    """
    if book.evaluate(app).outcome != "reject":
        return app
    for path, value in app.get("facts", {}).items():
        if isinstance(value, bool):
            trial = copy.deepcopy(app)
            trial["facts"][path] = not value
            if book.evaluate(trial).outcome != "reject":
                return trial
    return app


def generate(book: shenpi.Rulebook, n: int, seed: int) -> List[App]:
    """``n`` applications varied from the samples, reproducible from ``seed``.

    Barred applicants are rare; each material the applicant brings is left
    out with its own propensity (some are hard to get, application forms
    rarely forgotten), credit varies, and applicants with good credit often
    sign the 容缺 letter.
    """
    rng = random.Random(seed)
    personas = [(p, repaired(book, p)) for p in sample_applications(book)]
    days = working_days(book, 2025)
    asked: Dict[str, List[str]] = {}
    propensity: Dict[tuple, float] = {}
    for item in sorted({p["item"] for p, _ in personas}):
        for m in book.materials(item):
            if m["source"] != "applicant" or m["required"] == "never":
                continue
            asked.setdefault(item, []).append(m["id"])
            # Forms are rarely forgotten; 容缺 candidates (plans, lists) often lag behind.
            form = "申请" in m["name"] or m["id"].endswith("application-form")
            odds = 0.01 if form else 0.15 if m["tolerable"] else rng.choice([0.02, 0.04, 0.08, 0.12])
            propensity[(item, m["id"])] = odds
    apps = []
    for _ in range(n):
        barred, fixed = rng.choice(personas)
        app = copy.deepcopy(barred if rng.random() < 0.1 else fixed)
        item = app["item"]
        commitments = list(app.get("commitments") or [])
        app["materials"] = [m for m in asked.get(item, []) if m not in commitments
                            and rng.random() > propensity[(item, m)]]
        facts = app.setdefault("facts", {})
        if "applicant.credit" in facts:
            facts["applicant.credit"] = rng.choices(["good", "normal", "dishonest"], [0.6, 0.37, 0.03])[0]
        commitments = [c for c in commitments if c != "tolerance-letter"]
        if facts.get("applicant.credit") == "good" and rng.random() < 0.6:
            commitments.append("tolerance-letter")
        app["commitments"] = commitments
        app["submitted_on"] = rng.choice(days)
        apps.append(app)
    return apps


def write_csv(apps: Sequence[App], path: pathlib.Path) -> None:
    rows = [{"item": a["item"], "submitted_on": str(a["submitted_on"]),
             "facts": json.dumps(a.get("facts") or {}, ensure_ascii=False),
             "materials": ";".join(a.get("materials") or []),
             "commitments": ";".join(a.get("commitments") or [])} for a in apps]
    pd.DataFrame(rows).to_csv(path, index=False)


def read_csv(path: pathlib.Path) -> List[App]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    split = lambda text: [x for x in text.split(";") if x]  # noqa: E731
    return [{"item": r.item, "submitted_on": r.submitted_on, "facts": json.loads(r.facts or "{}"),
             "materials": split(r.materials), "commitments": split(r.commitments)}
            for r in frame.itertuples(index=False)]


# --- the analysis ---------------------------------------------------------


def summarize(book: shenpi.Rulebook, apps: Sequence[App], results: Sequence[tuple]) -> Dict[str, pd.DataFrame]:
    """Outcome counts per item and the materials most often missing.

    ``results`` are ``evaluate_many(apps, detail="missing")`` tuples.
    """
    frame = pd.DataFrame({"item": [a["item"] for a in apps], "outcome": [r[0] for r in results]})
    by_outcome = frame["outcome"].value_counts().reindex(OUTCOMES, fill_value=0).rename("applications").to_frame()
    by_outcome["share"] = (by_outcome["applications"] / len(frame)).round(3)
    by_item = pd.crosstab(frame["item"], frame["outcome"]).reindex(columns=OUTCOMES, fill_value=0)
    counts = collections.Counter((a["item"], m) for a, r in zip(apps, results) for m in r[1])
    names = {(m["item"], m["id"]): m["name"] for m in book.materials()}
    items = {i["code"]: i["name"] for i in book.items()}
    top = pd.DataFrame([{"item": item, "material": m, "name": names[(item, m)], "missing": c,
                         "share_of_item": round(c / (frame["item"] == item).sum(), 3)}
                        for (item, m), c in counts.most_common(10)])
    by_item.index = [f"{code} {items[code]}" for code in by_item.index]
    return {"by_outcome": by_outcome, "by_item": by_item, "top_missing": top}


def cjk_font() -> Optional[str]:
    """A font family that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK", "Source Han Sans", "WenQuanYi", "SimHei", "Droid Sans Fallback", "Noto Serif CJK", "AR PL")
    names = sorted({f.name for f in font_manager.fontManager.ttflist})
    for prefix in wanted:  # sans first: it reads better on a slide
        for name in names:
            if name.startswith(prefix):
                return name
    return None


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def chart(summary: Dict[str, pd.DataFrame], out: pathlib.Path, n: int) -> None:
    """Outcomes per item (stacked shares) and the ten most often missing materials."""
    font = cjk_font()
    if font:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
    by_item, top = summary["by_item"], summary["top_missing"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 8))
    totals = by_item.sum(axis=1)
    # Two-line labels keep long Chinese names from squeezing the bars.
    labels = [(f"{short(name.split(' ', 1)[1], 16)}\n" if font else "") + f"{name.split()[0]}  n={totals[name]:,}"
              for name in by_item.index]
    shares = by_item.div(totals, axis=0) * 100
    base = [0.0] * len(shares)
    for outcome in OUTCOMES:
        values = list(shares[outcome])
        bars = left.barh(labels, values, left=base, color=COLOURS[outcome],
                         label=OUTCOME_LABELS[outcome] if font else outcome)
        left.bar_label(bars, labels=[f"{v:.0f}%" if v >= 6 else "" for v in values], label_type="center",
                       color="white", fontsize=9)
        base = [b + v for b, v in zip(base, values)]
    left.invert_yaxis()
    left.set_xlim(0, 100)
    left.set_xlabel("占该事项申请的百分比 (%)" if font else "share of the item's applications (%)")
    left.set_title("各事项受理结果" if font else "Outcome by item")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=4, frameon=False)

    names = [(f"{short(r['name'], 16)}\n" if font else "") + f"{r['material']} ({r['item']})"
             for _, r in top.iterrows()]
    bars = right.barh(names, top["missing"], color="#1565c0")
    right.bar_label(bars, labels=[f"{c:,}  ({s:.0%})" for c, s in zip(top["missing"], top["share_of_item"])],
                    padding=3, fontsize=9)
    right.invert_yaxis()
    right.set_xlabel("缺少该材料的申请数（括号内为占该事项申请的比例）" if font else
                     "applications missing it (share of the item's applications)")
    right.set_title("最常缺少的十项材料" if font else "Ten most often missing materials")
    right.set_xlim(0, top["missing"].max() * 1.25)
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=9)
    title = (f"申请材料与受理结果分析：{n:,} 件申请（天津市滨海新区规则）" if font
             else f"Caseload of {n:,} applications (Tianjin rules)")
    fig.suptitle(title, fontsize=15)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def report(summary: Dict[str, pd.DataFrame]) -> None:
    with pd.option_context("display.width", 160, "display.max_colwidth", 40, "display.unicode.east_asian_width", True):
        print("Outcomes:\n" + summary["by_outcome"].to_string() + "\n")
        print("Outcomes by item:\n" + summary["by_item"].to_string() + "\n")
        print("Ten most often missing materials:\n" + summary["top_missing"].to_string(index=False) + "\n")


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rules", type=pathlib.Path, default=SOURCE / "rules" / "tianjin", help="rulebook folder")
    p.add_argument("--csv", type=pathlib.Path, help="read applications from this CSV instead of generating")
    p.add_argument("--n", type=int, default=10_000, help="applications to generate (default 10000)")
    p.add_argument("--seed", type=int, default=2025, help="random seed of the generator")
    p.add_argument("--write-csv", type=pathlib.Path, help="also save the generated applications as CSV")
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("/tmp/shenpi-caseload.png"), help="chart PNG")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    book = shenpi.load(args.rules)
    apps = read_csv(args.csv) if args.csv else generate(book, args.n, args.seed)
    if args.write_csv:
        write_csv(apps, args.write_csv)
    start = time.perf_counter()
    results = book.evaluate_many(apps, detail="missing")
    seconds = time.perf_counter() - start
    print(f"Evaluated {len(apps):,} applications in {seconds * 1000:.1f} ms "
          f"({len(apps) / seconds:,.0f} per second)\n")
    summary = summarize(book, apps, results)
    report(summary)
    chart(summary, args.out, len(apps))
    print(f"Chart: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
