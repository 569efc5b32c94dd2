#!/usr/bin/env bash
# Durable leads accepted per second (synchronous=FULL) with a bounded wrk load on 127.0.0.1:
# first email only, then, in the same run, with one webhook configured (a local Node receiver
# answering 204), whose delivery row is committed in each lead's transaction.
# usage: bench/relay/run.sh [DURATION=10s] [CONNECTIONS=8]   (env SMP_CONSULT_BIN overrides the binary)
# Figures for the notes, not test thresholds.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${SMP_CONSULT_BIN:-build/ci/src/cli/smp-consult}
DURATION=${1:-10s}
CONNECTIONS=${2:-8}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d /tmp/smp-relay-bench.XXXXXX)
server=""
receiver=""
cleanup() {
  [[ -n "$server" ]] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  [[ -n "$receiver" ]] && { kill "$receiver" 2>/dev/null || true; wait "$receiver" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# The webhook receiver: counts what it accepts, answers 204.
node -e '
  const http = require("node:http"); let n = 0;
  const s = http.createServer((req, res) => { req.resume(); req.on("end", () => { n += 1; res.writeHead(204); res.end(); }); });
  s.listen(0, "127.0.0.1", () => console.log("port " + s.address().port));
  process.on("SIGUSR1", () => console.log("received " + n));
' >"$work/receiver.log" &
receiver=$!
for _ in $(seq 1 100); do grep -q "^port" "$work/receiver.log" && break; sleep 0.1; done
hook_port=$(awk '/^port/ {print $2}' "$work/receiver.log")

cat > "$work/email.json" <<'JSON'
{"clinic": {"name": "Bench Clinic", "email": "clinic@example.com"},
 "lead": {"min_fill_seconds": 0}}
JSON
cat > "$work/webhook.json" <<JSON
{"clinic": {"name": "Bench Clinic", "email": "clinic@example.com"},
 "lead": {"min_fill_seconds": 0,
          "webhooks": [{"url": "http://127.0.0.1:$hook_port/hook", "secret_env": "BENCH_WEBHOOK_SECRET"}]}}
JSON
export BENCH_WEBHOOK_SECRET="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

echo "$(nproc) cores, wrk -c$CONNECTIONS -d$DURATION"
for variant in email webhook; do
  SMP_RATE_LIMIT_PER_MINUTE=0 "$BIN" serve --config "$work/$variant.json" --listen 127.0.0.1:0 \
    --data "$work/data-$variant" >"$work/out-$variant.log" 2>"$work/err-$variant.log" &
  server=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$work/out-$variant.log" && break
    sleep 0.1
  done
  url=$(grep -o 'http://[^ ]*' "$work/out-$variant.log")
  echo "== $( [[ $variant == email ]] && echo "email only" || echo "email + one webhook" ) ($url)"
  wrk -t"$(( CONNECTIONS < 2 ? 1 : 2 ))" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/relay/post_lead.lua "$url" \
    | grep -E "durable|latency:|requests:|Non-2xx"
  # Let the workers drain (bounded), then count.
  for _ in $(seq 1 300); do
    curl -fsS "$url/healthz" | grep -q '"queued":0,' && curl -fsS "$url/healthz" | grep -q '"retry":0,' && break
    sleep 0.2
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  stored=$(("$("$BIN" leads export --data "$work/data-$variant" | wc -l)" - 1))
  echo "leads in the database: $stored"
done
kill -USR1 "$receiver"; sleep 0.3
echo "webhook deliveries the receiver accepted: $(awk '/^received/ {print $2}' "$work/receiver.log" | tail -1)"
