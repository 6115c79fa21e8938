#!/usr/bin/env bash
# 30 minutes of bounded mixed load against a release civicd on 127.0.0.1, then a check that every
# sign-up the daemon confirmed is in the database and the database is sound.
#
# Usage: docs/soak.sh      (DURATION=1800 WARMUP=300 IDLE_TIMEOUT=120 by default)
# The daemon runs with its default configuration except that all connections come from one
# address and idle sessions expire after IDLE_TIMEOUT seconds (the default 600 would expire the
# 500 idle sessions only twice in 30 minutes): they reconnect 15 times, so warm-up covers the
# allocator reaching its working size and the rest shows whether memory keeps growing.
# Prints the soak's samples and final line (see `civicd-bench soak --help`), then the checks.
# Passes (exit 0) only with no errors, RSS growth after warm-up under 10 % (peak of the last 3
# minutes against the peak of the 3 minutes after warm-up), as many stored sign-ups as confirmed
# ones, a sound database and the daemon still running.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-1800}"
WARMUP="${WARMUP:-300}"
IDLE_TIMEOUT="${IDLE_TIMEOUT:-120}"
civicd="${CIVICD:-.build/release/civicd}"   # CIVICD=path runs another build (e.g. a copy, while rebuilding)
bench="${CIVICD_BENCH:-.build/release/civicd-bench}"
[ -x "$civicd" ] || swift build -c release --product civicd
[ -x "$bench" ] || swift build -c release --product civicd-bench
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d)"
cleanup() { kill "${civicd_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$((21000 + RANDOM % 10000))
# The daemon's defaults, except the per-address limit and the idle timeout (see the top).
cat > "$work/civicd.yml" <<YML
listen: 127.0.0.1:$port
log_level: info
limits:
  max_connections_per_peer: 2000
  idle_timeout_seconds: $IDLE_TIMEOUT
  idle_warning_seconds: $(( IDLE_TIMEOUT > 120 ? 60 : IDLE_TIMEOUT / 4 ))
YML
"$civicd" serve --config "$work/civicd.yml" --data-dir "$work/data" 2> "$work/civicd.log" &
civicd_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/civicd.log" && break; sleep 0.2; done
fingerprint=$(grep -o 'sha256=[0-9A-Fa-f:]*' "$work/civicd.log" | head -1 | cut -d= -f2)
[ -n "$fingerprint" ] || { echo "soak: civicd did not start"; cat "$work/civicd.log"; exit 1; }

result=$("$bench" soak 127.0.0.1:$port --fingerprint "$fingerprint" --server-pid "$civicd_pid" \
  --duration "$DURATION" --warmup "$WARMUP" 2> >(tee "$work/samples.txt" >&2))
echo "$result"

stored=$("$civicd" admin signups list --data-dir "$work/data" --format json --search "@soak.invalid" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
integrity=$(python3 - "$work/data/civicd.sqlite" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])
PY
)
kill -0 "$civicd_pid" 2>/dev/null && alive=yes || alive=no
echo "stored_signups=$stored integrity=$integrity daemon_alive=$alive"

python3 - "$result" "$stored" "$integrity" "$alive" <<'PY'
import sys
fields = dict(item.split("=") for item in sys.argv[1].split())
stored, integrity, alive = int(sys.argv[2]), sys.argv[3], sys.argv[4]
problems = []
if int(fields["errors"]) != 0: problems.append(f"{fields['errors']} errors")
if float(fields["growth_after_warmup_pct"]) >= 10: problems.append(f"RSS grew {fields['growth_after_warmup_pct']} % after warm-up")
if stored < int(fields["signups"]): problems.append(f"{fields['signups']} sign-ups confirmed but {stored} stored")
if integrity != "ok": problems.append(f"integrity_check: {integrity}")
if alive != "yes": problems.append("the daemon is gone")
print("soak: " + ("FAILED: " + "; ".join(problems) if problems else "OK"))
sys.exit(1 if problems else 0)
PY
