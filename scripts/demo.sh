#!/usr/bin/env bash
# One command for the whole demo: install, migrate (SQLite), seed, and run the
# web server and the django-q2 worker together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
PORT=${PORT:-8000}
# The public address printed on issued documents and in their QR codes: the one this demo serves
# (a real site sets SITE_URL to its public address in .env).
export SITE_URL=${SITE_URL:-http://127.0.0.1:${PORT}}

$PY manage.py migrate --noinput
$PY manage.py seed_demo
$PY manage.py setup_schedules

$PY manage.py qcluster &
worker=$!
$PY manage.py runserver --noreload "127.0.0.1:${PORT}" &
web=$!
stop() {
  trap - EXIT INT TERM
  kill "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
}
trap stop EXIT INT TERM

echo
echo "Hệ thống đang chạy: http://127.0.0.1:${PORT}/  (web: pid ${web}, tác vụ nền django-q2: pid ${worker})"
echo "Đăng nhập bằng một tài khoản mẫu ở trên, mật khẩu Demo@2025. Nhấn Ctrl-C để dừng cả hai."
echo
# Either process ending (or Ctrl-C) stops the other.
wait -n "$web" "$worker" || true
