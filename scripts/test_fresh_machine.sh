#!/usr/bin/env bash
# The README's promise, checked: a clean clone of the committed branch, a fresh .venv, and
# `make test` green with poppler (pdftotext, pdfsig, pdftoppm), chromium and softhsm2-util
# hidden from PATH; the tests that need them skip and the summary says why.
# Usage: bash scripts/test_fresh_machine.sh   (ARGS=... passes options to pytest)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HIDDEN="pdftotext pdfsig pdftoppm chromium softhsm2-util"

git clone --quiet --branch "$branch" "$repo" "$work/clone"
mkdir "$work/bin" "$work/tmp"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$dir" ] || continue
  for tool in "$dir"/*; do
    name=$(basename "$tool")
    case " $HIDDEN " in *" $name "*) continue ;; esac
    [ -e "$work/bin/$name" ] || ln -s "$tool" "$work/bin/$name"
  done
done
export PATH="$work/bin"
for tool in $HIDDEN; do
  if command -v "$tool" >/dev/null; then
    echo "$tool is still on PATH" >&2
    exit 1
  fi
done
echo "hidden from PATH: $HIDDEN"
# A temporary folder of its own: the test settings' signing CA is made afresh there.
export TMPDIR="$work/tmp"
unset DATABASE_URL
cd "$work/clone"
make test ARGS="${ARGS:--p no:cacheprovider -q}"
