#!/usr/bin/env bash
# Fault test: PostgreSQL restarted under a running server. While it is down, requests fail cleanly
# (503 with Retry-After, no hang, no 500 page); once it is back, they succeed again without
# restarting the app. Needs root and pg_ctlcluster (Debian); skipped with a reason otherwise.
# Run by .ci/run after the production smoke test; needs DATABASE_URL (a migrated PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ] || ! command -v pg_lsclusters >/dev/null; then
  echo "skipped: restarting PostgreSQL needs root and pg_ctlcluster"
  exit 0
fi
read -r version cluster _ < <(pg_lsclusters --no-header | awk '$4 == "online" {print $1, $2, $3; exit}')
if [ -z "${version:-}" ]; then
  echo "skipped: no online PostgreSQL cluster found"
  exit 0
fi

work=$(mktemp -d)
port=${FAULT_PORT:-8766}
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="fault-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export AUDIT_KEY="fault-audit-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_MEDIA_ROOT="$work/media" AUDIT_ANCHOR_FILE="$work/anchors.jsonl"
export CACHE_URL=locmemcache://fault

gunicorn_pid=""
cleanup() {
  pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true   # never leave the database down
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$port" --worker-class gthread \
  --workers 1 --threads 4 --timeout 30 --log-level critical &
gunicorn_pid=$!

status() { curl -s -m 20 -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$port/api/public/awards/" || echo 000; }
for _ in $(seq 1 50); do [ "$(status)" = 200 ] && break; sleep 0.2; done
[ "$(status)" = 200 ] || { echo "FAIL: the server did not answer 200 before the fault" >&2; exit 1; }
echo "ok   before the restart: 200"

pg_ctlcluster "$version" "$cluster" stop -m fast
code=$(status)
if [ "$code" != 503 ] || ! grep -q '"unavailable"' "$work/body"; then
  echo "FAIL: with the database down the API answered $code, not a clean 503" >&2
  head -c 400 "$work/body" >&2
  exit 1
fi
echo "ok   database down: 503 (Retry-After), the server still answers"

pg_ctlcluster "$version" "$cluster" start
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "${PGPORT:-5432}" && break; sleep 0.2; done
code=000
for _ in $(seq 1 20); do code=$(status); [ "$code" = 200 ] && break; sleep 0.5; done
[ "$code" = 200 ] || { echo "FAIL: after the restart the API answered $code" >&2; exit 1; }
echo "ok   database back: 200 without restarting the app"
echo "fault test (PostgreSQL restart) passed"
