#!/usr/bin/env python3
"""Runs the adversarial corpus against the `shenpi` binary.

Every case is a bad input with the exit code and the diagnostic codes it
must produce. Each run is bounded: a wall-clock limit, a cap on what it may
write, and its peak memory is read back from the kernel. A case fails on a
crash (signal), a hang (time-out), peak memory over the limit, output over
the cap, "internal error", a wrong exit code, or a missing diagnostic code.

Cases come from three places (see README.md): hand-written cases under
`cases/`, cases generated from mutations of a valid rulebook
(`generate.py`), and Python calls (`python_cases.py`).

Cases listed in `known-failures.txt` are defects not yet fixed: they are
reported as "known" and do not fail the run, but one that starts passing
fails it, so the list can only shrink.

usage: run.py SHENPI [--python-path DIR] [--only SUBSTRING] [-v]
"""
import argparse
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TIME_LIMIT_S = 20
MEMORY_LIMIT_MB = 512
OUTPUT_CAP_BYTES = 8 << 20


@dataclass
class Case:
    name: str
    argv: list  # full command line
    exit_code: int
    codes: list = field(default_factory=list)  # at least one must appear in the output
    stdin: bytes = b""
    cwd: str = ROOT
    env: dict = field(default_factory=dict)


@dataclass
class Outcome:
    ok: bool
    why: str


def _limit_child():
    # The file-size cap turns a runaway writer into SIGXFSZ instead of a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_CAP_BYTES, OUTPUT_CAP_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A hard ceiling protects the machine; the 512 MB verdict uses the peak RSS.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    os.setsid()


def run_case(case: Case) -> Outcome:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        inp.write(case.stdin)
        inp.seek(0)
        env = dict(os.environ, **case.env)
        proc = subprocess.Popen(case.argv, stdin=inp, stdout=out, stderr=err, cwd=case.cwd, env=env,
                                preexec_fn=_limit_child)
        deadline = time.monotonic() + TIME_LIMIT_S
        status = rusage = None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -1
                return Outcome(False, f"hang: still running after {TIME_LIMIT_S} s")
            time.sleep(0.005)
        proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        text = (out.read() + err.read()).decode("utf-8", "replace")
    peak_mb = rusage.ru_maxrss / 1024
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        what = "output over the cap" if sig == signal.SIGXFSZ else f"crash: signal {signal.Signals(sig).name}"
        return Outcome(False, what)
    code = os.WEXITSTATUS(status)
    if peak_mb > MEMORY_LIMIT_MB:
        return Outcome(False, f"memory: peak {peak_mb:.0f} MB")
    if "internal error" in text:
        return Outcome(False, "internal error:\n" + text[-600:])
    if code != case.exit_code:
        return Outcome(False, f"exit {code}, expected {case.exit_code}:\n" + text[-600:])
    if case.codes and not any(c in text for c in case.codes):
        return Outcome(False, f"none of {' '.join(case.codes)} in the output:\n" + text[-600:])
    return Outcome(True, "")


def read_known():
    known = set()
    path = os.path.join(HERE, "known-failures.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                known.add(line)
    return known


def parse_expect(text: str):
    """`exit N` and `codes SPxxx ...` lines."""
    exit_code, codes = 1, []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] == "exit":
            exit_code = int(words[1])
        elif words[0] == "codes":
            codes.extend(words[1:])
        else:
            raise ValueError(f"bad expect line: {line}")
    return exit_code, codes


def hand_written(shenpi: str):
    """cases/<group>/<case>/ with `cmd` (arguments after shenpi; `{case}` is
    the case folder) and `expect`; optional `stdin`."""
    base = os.path.join(HERE, "cases")
    for group in sorted(os.listdir(base)):
        for name in sorted(os.listdir(os.path.join(base, group))):
            folder = os.path.join(base, group, name)
            cmd_path = os.path.join(folder, "cmd")
            if not os.path.isfile(cmd_path):
                continue
            args = shlex.split(open(cmd_path, encoding="utf-8").read().replace("{case}", folder))
            exit_code, codes = parse_expect(open(os.path.join(folder, "expect"), encoding="utf-8").read())
            stdin_path = os.path.join(folder, "stdin")
            stdin = open(stdin_path, "rb").read() if os.path.exists(stdin_path) else b""
            yield Case(f"{group}/{name}", [shenpi, *args], exit_code, codes, stdin)


def cli_lines(shenpi: str):
    """cli.txt: `EXIT [CODES] :: ARGS` a line."""
    for line in open(os.path.join(HERE, "cli.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, args = line.split("::", 1)
        words = head.split()
        argv = shlex.split(args)
        yield Case("cli/" + (" ".join(argv) or "''"), [shenpi, *argv], int(words[0]), words[1:])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("shenpi")
    parser.add_argument("--python-path", default="")
    parser.add_argument("--only", default="")
    parser.add_argument("-v", action="store_true")
    opts = parser.parse_args()
    shenpi = os.path.abspath(opts.shenpi)
    sys.path.insert(0, HERE)
    import generate
    import python_cases

    with tempfile.TemporaryDirectory(prefix="shenpi-adversarial-") as scratch:
        cases = [*hand_written(shenpi), *cli_lines(shenpi), *generate.cases(shenpi, scratch)]
        if opts.python_path:
            cases.extend(python_cases.cases(opts.python_path))
        cases = [c for c in cases if opts.only in c.name]
        known = read_known()
        passed = failed = known_failed = 0
        for case in cases:
            result = run_case(case)
            if result.ok and case.name in known:
                failed += 1
                print(f"FIXED {case.name}: remove it from known-failures.txt")
            elif result.ok:
                passed += 1
                if opts.v:
                    print(f"ok    {case.name}")
            elif case.name in known:
                known_failed += 1
                if opts.v:
                    print(f"known {case.name}: {result.why.splitlines()[0]}")
            else:
                failed += 1
                shown = case.argv[1:] if not case.name.startswith("python/") else ["(python)"]
                print(f"FAIL  {case.name}: {' '.join(shlex.quote(a) for a in shown)}\n      {result.why}")
        stale = known - {c.name for c in cases}
        if stale and not opts.only:
            failed += len(stale)
            print("known-failures.txt names cases that do not exist: " + ", ".join(sorted(stale)))
    print(f"adversarial: {len(cases)} cases, {known_failed} known defects")
    print(f"adversarial: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
