#!/usr/bin/env bash
# Durable leads accepted per second (synchronous=FULL) with a bounded wrk load on 127.0.0.1.
# usage: bench/relay/run.sh [DURATION=10s] [CONNECTIONS=8]   (env SMP_CONSULT_BIN overrides the binary)
# Figures for the notes, not test thresholds.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${SMP_CONSULT_BIN:-build/ci/src/cli/smp-consult}
DURATION=${1:-10s}
CONNECTIONS=${2:-8}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d /tmp/smp-relay-bench.XXXXXX)
cat > "$work/clinic.json" <<'JSON'
{"clinic": {"name": "Bench Clinic", "email": "clinic@example.com"},
 "lead": {"min_fill_seconds": 0}}
JSON
SMP_RATE_LIMIT_PER_MINUTE=0 "$BIN" serve --config "$work/clinic.json" --listen 127.0.0.1:0 --data "$work/data" \
  >"$work/out.log" 2>"$work/err.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/out.log" && break
  sleep 0.1
done
url=$(grep -o 'http://[^ ]*' "$work/out.log")
echo "server $url, $(nproc) cores, wrk -c$CONNECTIONS -d$DURATION"
wrk -t"$(( CONNECTIONS < 2 ? 1 : 2 ))" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/relay/post_lead.lua "$url" \
  | grep -E "durable|latency:|requests:|Non-2xx"
sleep 1
stored=$(("$("$BIN" leads export --data "$work/data" | wc -l)" - 1))
echo "leads in the database: $stored"
