#!/usr/bin/env bash
# One command for the whole demo: install, migrate (SQLite), seed, and run the
# web server and the django-q2 worker together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
PORT=${PORT:-8000}

$PY manage.py migrate --noinput
$PY manage.py seed_demo
$PY manage.py setup_schedules

$PY manage.py qcluster &
worker=$!
stop() {
  kill "$worker" 2>/dev/null || true
  wait "$worker" 2>/dev/null || true
}
trap stop EXIT INT TERM

echo
echo "Hệ thống đang chạy: http://127.0.0.1:${PORT}/  (tác vụ nền django-q2: pid ${worker})"
echo "Đăng nhập bằng một tài khoản mẫu ở trên, mật khẩu Demo@2025. Nhấn Ctrl-C để dừng."
echo
$PY manage.py runserver "127.0.0.1:${PORT}"
