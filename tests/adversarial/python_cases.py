"""Bad calls from Python. Each case is a snippet run in its own interpreter
(so a crash or an abort is seen, not hidden by pytest): it must end in a
shenpi exception (ShenpiError or a subclass) that carries the expected
diagnostic code, or in the named built-in error where Python's own contract
says so (a wrong argument type is a TypeError). A raw pybind11 error, a
UnicodeDecodeError or a crash fails the case."""
import os
import sys

from run import ROOT, Case

PRELUDE = """
import datetime, decimal, sys
import shenpi
def valid():
    return {"item": "TJ-SCJG-XK-0012", "submitted_on": "2025-09-26",
            "facts": {"applicant.credit": "good", "applicant.false_commitment": False},
            "materials": ["application-form"], "commitments": []}
def book():
    return shenpi.load("rules/tianjin")
"""

EPILOGUE = """
try:
    run()
except shenpi.ShenpiError as e:
    codes = {d.code for d in getattr(e, "diagnostics", ())} | {getattr(e, "code", "")}
    print("shenpi-error", *sorted(c for c in codes if c), e)
    sys.exit(1)
except (TypeError, ValueError, OverflowError, KeyError) as e:
    if type(e).__module__ != "builtins" or "incompatible function arguments" in str(e) \\
            or "Unable to cast" in str(e):
        print("raw-error", type(e).__name__, e)
        sys.exit(3)
    print("builtin-error", type(e).__name__, e)
    sys.exit(4)
except Exception as e:
    print("raw-error", type(e).__module__, type(e).__name__, e)
    sys.exit(3)
print("no-error")
sys.exit(0)
"""

# (name, body of run(), expected exit: 0 no error, 1 a shenpi error with one
# of the codes, 4 a plain TypeError/ValueError/KeyError with a clear message)
CASES = [
    ("load-bytes", "shenpi.load(b'rules/tianjin')", 4, []),
    ("load-int", "shenpi.load(7)", 4, []),
    ("load-missing", "shenpi.load('no/such/folder')", 1, ["SP100"]),
    ("load-non-utf8-path", "shenpi.load('rules/\\udcff')", 1, ["SP100"]),
    ("load-empty-path", "shenpi.load('')", 1, ["SP100"]),
    ("load-file-not-folder", "shenpi.load('/dev/null')", 1, ["SP100"]),
    # SP111 is a warning (a RuleWarning, in book.diagnostics too); as an error it must carry the code.
    ("load-disabled-unknown", "import warnings; warnings.simplefilter('error', shenpi.RuleWarning); "
     "shenpi.load('rules/tianjin', disabled=['SP999'])", 1, ["SP111"]),
    ("eval-not-dict", "book().evaluate([1, 2])", 1, ["SP601"]),
    ("eval-none", "book().evaluate(None)", 1, ["SP601"]),
    ("eval-missing-item", "a = valid(); del a['item']; book().evaluate(a)", 1, ["SP601"]),
    ("eval-unknown-item", "a = valid(); a['item'] = 'X'; book().evaluate(a)", 1, ["SP602"]),
    ("eval-unknown-fact", "a = valid(); a['facts']['x.y'] = 1; book().evaluate(a)", 1, ["SP603"]),
    ("eval-fact-wrong-type", "a = valid(); a['facts']['applicant.credit'] = 3; book().evaluate(a)", 1, ["SP604"]),
    ("eval-fact-surrogate", "a = valid(); a['facts']['applicant.credit'] = 'go\\udcffod'; book().evaluate(a)", 1,
     ["SP604"]),
    ("eval-fact-key-surrogate", "a = valid(); a['facts']['appl\\udcff'] = 1; book().evaluate(a)", 1, ["SP603"]),
    ("eval-material-surrogate", "a = valid(); a['materials'] = ['\\udcff']; book().evaluate(a)", 1, ["SP605"]),
    ("eval-material-unknown", "a = valid(); a['materials'] = ['passport']; book().evaluate(a)", 1, ["SP605"]),
    ("eval-commitment-unknown", "a = valid(); a['commitments'] = ['x']; book().evaluate(a)", 1, ["SP606"]),
    ("eval-date-bad", "a = valid(); a['submitted_on'] = '2025-02-30'; book().evaluate(a)", 1, ["SP607"]),
    ("eval-date-far", "a = valid(); a['submitted_on'] = datetime.date(9999, 1, 1); book().evaluate(a)", 1,
     ["SP607"]),
    # NaN is pandas' mark of a gap: one rule, float or Decimal, the fact stays unknown (docs/python.md).
    ("eval-decimal-nan", "a = valid(); a['facts']['food.pollution_distance_m'] = decimal.Decimal('NaN'); "
     "d = book().evaluate(a); assert d.conditions['premises-distance'] == 'unknown', d.conditions", 0, []),
    ("eval-float-nan", "a = valid(); a['facts']['food.pollution_distance_m'] = float('nan'); "
     "d = book().evaluate(a); assert d.conditions['premises-distance'] == 'unknown', d.conditions", 0, []),
    ("eval-float-inf", "a = valid(); a['facts']['food.pollution_distance_m'] = float('inf'); book().evaluate(a)", 1,
     ["SP604"]),
    ("eval-decimal-huge", "a = valid(); a['facts']['food.pollution_distance_m'] = decimal.Decimal('1e400'); "
     "book().evaluate(a)", 1, ["SP604"]),
    ("eval-int-huge", "a = valid(); a['facts']['food.pollution_distance_m'] = 10**400; book().evaluate(a)", 1,
     ["SP604"]),
    ("eval-bool-as-int", "a = valid(); a['facts']['applicant.false_commitment'] = 1; book().evaluate(a)", 1,
     ["SP604"]),
    ("many-threads", "book().evaluate_many([valid()] * 10, threads=400)", 0, []),
    ("many-threads-negative", "book().evaluate_many([valid()] * 10, threads=-1)", 4, []),
    ("many-surrogate-row", "b = book(); a = valid(); a['facts']['applicant.credit'] = '\\udcff'; "
     "ds = b.evaluate_many([valid(), a, valid()], errors='return'); "
     "assert [d.outcome is None for d in ds] == [False, True, False], ds", 0, []),
    ("many-not-list", "book().evaluate_many(7)", 4, []),
    ("add-working-days-huge", "shenpi.load('rules/tianjin').calendar.add_working_days("
     "datetime.date(2025, 1, 2), 10**18)", 1, ["SP504"]),
    ("add-working-days-negative-huge", "shenpi.load('rules/tianjin').calendar.add_working_days("
     "datetime.date(2025, 1, 2), -10**18)", 1, ["SP504"]),
    ("graph-unknown", "book().graph('NOPE')", 4, []),
]


def cases(python_path):
    env = {"PYTHONPATH": os.path.abspath(python_path)}
    for name, body, exit_code, codes in CASES:
        source = PRELUDE + "def run():\n    " + body.replace("; ", "\n    ") + "\n" + EPILOGUE
        yield Case("python/" + name, [sys.executable, "-c", source], exit_code, codes, cwd=ROOT, env=env)
