#!/usr/bin/env bash
# Production, tested: gunicorn (threaded) with production settings against PostgreSQL and Redis,
# plus the django-q2 worker; fetch the login page, a static file and an API call; then make sure
# `check --deploy` refuses a weak secret key. Run by .ci/run; needs DATABASE_URL (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=${SMOKE_PORT:-8765}
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="smoke-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export AUDIT_KEY="smoke-audit-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_STATIC_ROOT="$work/static"
export DJANGO_MEDIA_ROOT="$work/media"
export AUDIT_ANCHOR_FILE="$work/anchors.jsonl"
export CACHE_URL=${SMOKE_CACHE_URL:-redis://127.0.0.1:6379/1}
export REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/2}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$port" --worker-class gthread \
  --workers 2 --threads 4 --timeout 60 --log-level warning &
pids+=($!)
.venv/bin/python manage.py qcluster > "$work/qcluster.log" 2>&1 &
pids+=($!)

fetch() {  # url expected-status needle
  for _ in $(seq 1 50); do
    code=$(curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$port$1" || true)
    [ "$code" != "000" ] && break
    sleep 0.2
  done
  if [ "$code" != "$2" ] || ! grep -q "$3" "$work/body"; then
    echo "FAIL $1: HTTP $code (expected $2 containing '$3')" >&2
    head -c 600 "$work/body" >&2 || true
    exit 1
  fi
  echo "ok   $1 -> $code"
}
fetch /dang-nhap/ 200 "Đăng nhập"
fetch /static/css/app.css 200 "body"
fetch /api/public/awards/ 200 '"results"'
fetch /api/nominations/ 401 '"code"'
curl -s -D - -o /dev/null "http://127.0.0.1:$port/dang-nhap/" | grep -qi "content-security-policy" \
  && echo "ok   Content-Security-Policy header"

sleep 3
if ! kill -0 "${pids[1]}" 2>/dev/null; then
  echo "FAIL the django-q2 worker stopped:" >&2
  tail -20 "$work/qcluster.log" >&2
  exit 1
fi
echo "ok   qcluster running"

if DJANGO_SECRET_KEY=weak .venv/bin/python manage.py check --deploy --fail-level WARNING >/dev/null 2>&1; then
  echo "FAIL check --deploy accepted a weak secret key" >&2
  exit 1
fi
echo "ok   check --deploy refuses a weak secret key"
echo "production smoke test passed"
