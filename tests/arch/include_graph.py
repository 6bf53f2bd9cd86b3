#!/usr/bin/env python3
"""Fails when an `#include` runs the wrong way between shenpi's modules.

The module graph (docs/architecture.md) is one way:

    diagnostics -> base -> expr -> model -> load / digraph -> check -> rulebook
                -> calendar / evaluate / graph / notice -> cli / python

A module under src/ may include its own headers, the public headers
(include/shenpi/, spelled "shenpi/..."), and the private headers of the
modules listed for it in ALLOWED below. Front ends (src/cli,
bindings/python/src, examples/) see the public headers only, plus their own
files. Only the load module reads YAML (yaml-cpp, load/yaml_*.hpp).

Usage: include_graph.py SOURCE_DIR. Prints every offending line; exit 1 on any.
       include_graph.py --self-test: proves the checker catches each kind of
       bad edge on a small tree it writes to a temporary folder.
"""
import pathlib
import re
import sys
import tempfile

# Which private modules each module may include (its own is always allowed).
# Adding an entry here is a design decision: change docs/architecture.md too.
ALLOWED = {
    "diagnostics": set(),
    "base": {"diagnostics"},
    "expr": {"diagnostics", "base"},
    "model": {"diagnostics", "base", "expr"},
    "load": {"diagnostics", "base", "expr", "model"},
    "digraph": {"diagnostics", "base", "expr", "model"},
    "check": {"diagnostics", "base", "expr", "model", "load", "digraph"},
    "rulebook": {"diagnostics", "base", "expr", "model", "load", "digraph", "check"},
    "calendar": {"diagnostics", "base"},
    "evaluate": {"diagnostics", "base", "expr", "model", "rulebook"},
    "graph": {"diagnostics", "base", "expr", "model", "digraph", "rulebook"},
    "notice": {"diagnostics", "base", "expr", "model", "rulebook", "evaluate", "calendar"},
}
# Tools on top (DESIGN.md): they may read every module below them, never a
# front end. serve and site are library-side front ends: they may also use the tools.
CORE = set(ALLOWED)
for tool in ("batch", "compare", "scenarios", "record", "diff"):
    ALLOWED[tool] = CORE - {"load"} | ({"load"} if tool in ("batch", "diff", "record") else set())
for web in ("serve", "site"):
    ALLOWED[web] = CORE | {"batch", "compare", "record", "diff"}
FRONT_ENDS = ["src/cli", "bindings/python/src", "examples"]
YAML_MODULES = {"load"}
SOURCE = re.compile(r"\.(h|hpp|c|cc|cpp)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def includes(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = INCLUDE.match(line)
        if m:
            yield number, m.group(1), m.group(2)


def check_module(root, module, folder, errors):
    allowed = ALLOWED[module] | {module}
    for path in sorted(folder.rglob("*")):
        if not SOURCE.search(path.name):
            continue
        where = path.relative_to(root)
        for number, kind, target in includes(path):
            head = target.split("/", 1)[0] if "/" in target else None
            if kind == "<":
                if head == "yaml-cpp" and module not in YAML_MODULES:
                    errors.append(f"{where}:{number}: {module} includes yaml-cpp (only load reads YAML)")
                continue
            if head is None or head == "shenpi":
                continue  # a sibling file, or a public header
            if head == "cli":
                errors.append(f"{where}:{number}: {module} includes the CLI ({target})")
            elif head not in ALLOWED:
                errors.append(f"{where}:{number}: {module} includes unknown module '{head}' ({target})")
            elif head not in allowed:
                errors.append(f"{where}:{number}: wrong-way edge {module} -> {head} ({target})")
            if head in YAML_MODULES and module not in YAML_MODULES and "yaml" in target:
                errors.append(f"{where}:{number}: {module} sees the YAML tree ({target})")


def check_front_end(root, folder, errors):
    own = folder.name
    for path in sorted(folder.rglob("*")):
        if not SOURCE.search(path.name):
            continue
        where = path.relative_to(root)
        for number, kind, target in includes(path):
            if kind == "<":
                if target.startswith("shenpi/") or "/" not in target or not (
                        target.split("/", 1)[0] in ALLOWED):
                    continue
            elif target.startswith("shenpi/") or "/" not in target:
                continue
            elif target.split("/", 1)[0] == own:
                continue  # the front end's own files (cli/cli_util.hpp)
            errors.append(f"{where}:{number}: front end reaches past include/shenpi ({target})")


def check_tree(root):
    errors = []
    for folder in sorted((root / "src").iterdir()):
        if not folder.is_dir() or folder.name == "cli":
            continue
        if folder.name not in ALLOWED:
            errors.append(f"src/{folder.name}: module missing from tests/arch/include_graph.py "
                          "(and docs/architecture.md)")
            continue
        check_module(root, folder.name, folder, errors)
    for front in FRONT_ENDS:
        if (root / front).is_dir():
            check_front_end(root, root / front, errors)
    return errors


def self_test():
    """Each bad include below must be reported; the good ones must not."""
    bad = {
        "src/load/a.cpp": '#include "rulebook/x.hpp"',          # upward
        "src/check/b.cpp": '#include "graph/x.hpp"',            # sideways
        "src/evaluate/c.cpp": "#include <yaml-cpp/yaml.h>",     # YAML outside load
        "src/notice/d.cpp": '#include "cli/cli_util.hpp"',      # into the CLI
        "src/cli/e.cpp": '#include "load/calendar_load.hpp"',   # past include/shenpi
        "bindings/python/src/f.cpp": '#include "model/data.hpp"',
        "src/newmodule/g.cpp": '#include "shenpi/base.hpp"',    # not in the table
    }
    good = {
        "src/check/ok.cpp": '#include "digraph/digraph.hpp"\n#include "shenpi/rulebook.hpp"',
        "src/cli/ok.cpp": '#include "cli/cli_util.hpp"\n#include "shenpi/notice.hpp"',
        "src/load/ok.cpp": "#include <yaml-cpp/yaml.h>",
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for name, text in {**bad, **good}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text + "\n", encoding="utf-8")
        errors = check_tree(root)
    def reported(name):  # by file, or by folder for a module missing from the table
        folder = str(pathlib.PurePosixPath(name).parent) + ":"
        return any(e.startswith(name) or e.startswith(folder) for e in errors)

    missed = [n for n in bad if not reported(n)]
    wrong = [e for e in errors if any(e.startswith(n) for n in good)]
    for n in missed:
        print(f"self-test: {n} was not reported")
    for e in wrong:
        print(f"self-test: reported a good include: {e}")
    if missed or wrong:
        return 1
    print(f"self-test: {len(bad)} bad includes reported, {len(good)} good files passed")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    errors = check_tree(root)
    for e in errors:
        print(e)
    if errors:
        print(f"{len(errors)} include(s) break the module graph of docs/architecture.md")
        return 1
    print("include graph: every edge runs one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
