#!/usr/bin/env python3
"""One attack on the parse-tree cache (`--cache DIR`, docs/rulebook.md):
loads BOOK without a cache, fills a cache, damages it as MODE says, and
loads again through it. The damaged load must report exactly what the
cold one did (SP112 aside, which MODE may demand), never crash or hang.
Prints the last load's JSON and exits with its exit code, or 99 when the
loads disagree.

usage: cache_attack.py SHENPI BOOK MODE"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

# What each mode does to the filled cache, and whether SP112 must follow.
MODES = {
    "truncate": False, "garbage": False, "swap": False, "empty": False, "fifo": False,
    "dev-zero": False, "entry-folder": True, "folder-is-file": True, "parallel": False,
    "inside-items": False,
}


def check(shenpi, book, cache=None, timeout=20):
    args = [shenpi, "check", book, "--format", "json"] + (["--cache", cache] if cache else [])
    env = {k: v for k, v in os.environ.items() if k != "SHENPI_CACHE"}
    proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    return proc.returncode, proc.stdout


def without_sp112(output):
    data = json.loads(output)
    kept = [d for d in data["diagnostics"] if d["code"] != "SP112"]
    return kept, len(data["diagnostics"]) - len(kept)


def damage(mode, entries, cache):
    folder = os.path.join(cache, "yaml-1")
    paths = [os.path.join(folder, e) for e in entries]
    rng = random.Random(7)
    if mode == "truncate":
        for p in paths:
            data = open(p, "rb").read()
            open(p, "wb").write(data[: len(data) // 2])
    elif mode == "garbage":
        for p in paths:
            open(p, "wb").write(bytes(rng.randrange(256) for _ in range(os.path.getsize(p))))
    elif mode == "swap":  # every entry holds another text's entry
        blobs = [open(p, "rb").read() for p in paths]
        for p, blob in zip(paths, blobs[1:] + blobs[:1]):
            open(p, "wb").write(blob)
    elif mode == "empty":
        for p in paths:
            open(p, "wb").close()
    elif mode == "fifo":
        for p in paths:
            os.remove(p)
            os.mkfifo(p)
    elif mode == "dev-zero":
        for p in paths:
            os.remove(p)
            os.symlink("/dev/zero", p)
    elif mode == "entry-folder":
        os.remove(paths[0])
        os.mkdir(paths[0])
    elif mode == "folder-is-file":
        shutil.rmtree(folder)
        open(folder, "w").write("not a folder")


def main() -> int:
    shenpi, book, mode = sys.argv[1:4]
    cold_exit, cold = check(shenpi, book)
    want, _ = without_sp112(cold)
    with tempfile.TemporaryDirectory(prefix="shenpi-cache-attack-") as scratch:
        cache = os.path.join(scratch, "cache")
        if mode == "inside-items":  # entries among the rule files must not become rules
            cache = os.path.join(book, "items", "cache")
        if mode == "parallel":  # four loads fill one empty cache at once
            env = {k: v for k, v in os.environ.items() if k != "SHENPI_CACHE"}
            procs = [subprocess.Popen([shenpi, "check", book, "--format", "json", "--cache", cache],
                                      stdout=subprocess.PIPE, text=True, env=env) for _ in range(4)]
            for p in procs:
                out, _ = p.communicate(timeout=20)
                if p.returncode != cold_exit or without_sp112(out)[0] != want:
                    print("a parallel load differs from the cold one", file=sys.stderr)
                    return 99
            if any(n.startswith(".tmp-") for n in os.listdir(os.path.join(cache, "yaml-1"))):
                print("a temporary file was left in the cache", file=sys.stderr)
                return 99
        else:
            check(shenpi, book, cache)
        if mode not in ("parallel", "inside-items"):
            damage(mode, sorted(os.listdir(os.path.join(cache, "yaml-1"))), cache)
        code, out = check(shenpi, book, cache)
        shutil.rmtree(os.path.join(book, "items", "cache"), ignore_errors=True)
    got, warnings = without_sp112(out)
    print(out)
    if code != cold_exit or got != want:
        print(f"the load through the damaged cache differs from the cold one (exit {code}, cold {cold_exit})",
              file=sys.stderr)
        return 99
    if warnings != (1 if MODES[mode] else 0):
        print(f"{warnings} SP112 warnings, expected {1 if MODES[mode] else 0}", file=sys.stderr)
        return 99
    return code


if __name__ == "__main__":
    sys.exit(main())
