#!/usr/bin/env bash
# Create .venv and install requirements-dev.txt; reinstall only when the
# requirement files change (a hash stamp, since a fresh clone resets mtimes).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv; then
    echo "Không tạo được môi trường ảo (.venv). Trên Debian/Ubuntu: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi

stamp=.venv/.requirements.sha256
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Cài đặt thư viện (requirements-dev.txt)…"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
