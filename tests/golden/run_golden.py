#!/usr/bin/env python3
"""Runs one CLI golden case: a folder with `cmd` (the arguments after
`shenpi`, one line, run from the repository root), `expected` (stdout),
optional `expected_stderr`, `exit` (the exit code, default 0), and
optional `stdin` (bytes fed to the command's standard input).

Set SHENPI_REGEN=1 to rewrite the expectations from the current output
(review the diff before committing)."""
import os
import shlex
import subprocess
import sys


def main() -> int:
    shenpi, case = sys.argv[1], sys.argv[2]
    with open(os.path.join(case, "cmd"), encoding="utf-8") as f:
        args = shlex.split(f.read().strip())
    stdin_path = os.path.join(case, "stdin")
    stdin = open(stdin_path, "rb").read() if os.path.exists(stdin_path) else b""
    proc = subprocess.run([shenpi, *args], input=stdin, capture_output=True, timeout=60)
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    files = {"expected": stdout, "exit": f"{proc.returncode}\n"}
    if stderr or os.path.exists(os.path.join(case, "expected_stderr")):
        files["expected_stderr"] = stderr
    if os.environ.get("SHENPI_REGEN"):
        for name, text in files.items():
            with open(os.path.join(case, name), "w", encoding="utf-8") as f:
                f.write(text)
        return 0
    failed = False
    for name, actual in files.items():
        path = os.path.join(case, name)
        expected = open(path, encoding="utf-8").read() if os.path.exists(path) else ("0\n" if name == "exit" else "")
        if expected != actual:
            failed = True
            print(f"--- {path} (expected)\n{expected}\n+++ actual\n{actual}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
