#!/usr/bin/env bash
# Runs clang-tidy-14 (the project's .clang-tidy) over the C++ sources of
# src/ and bindings/ -- or over the files given as arguments -- using the
# compile commands of build/ (configure it first). Prints the findings;
# exits non-zero when there are any.
#
# Not part of .ci/run: a whole-tree run costs about as much CPU as a
# build. Run it on the files you changed:
#   bash tests/tidy.sh $(git diff --name-only main -- '*.cpp')
set -uo pipefail
cd "$(dirname "$0")/.."
tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[ -n "$tidy" ] || { echo "tidy: clang-tidy not found" >&2; exit 1; }
[ -f build/compile_commands.json ] || { echo "tidy: configure build/ first" >&2; exit 1; }
if (($#)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- src bindings | grep -E '\.cpp$')
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 4 "$tidy" -p build --quiet --header-filter="$PWD/(include|src)/.*" 2>/dev/null >"$log"
findings=$(grep -cE ': (warning|error):' "$log" || true)
grep -E -A3 ': (warning|error):' "$log"
echo "tidy: ${#files[@]} files, $findings findings"
[ "$findings" -eq 0 ]
