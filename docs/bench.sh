#!/usr/bin/env bash
# civicd against redis-server over TLS, on this machine, in one run.
#
# Starts both servers on 127.0.0.1 with the same certificate (from a throwaway CA), then, for
# ROUNDS rounds alternating which server goes first, measures with the same client
# (`civicd-bench …`, `--redis` for Redis): request/reply load at 1, 50 and 500 connections, full
# TLS handshakes per second with the server's CPU per handshake, and resident memory per idle
# session at IDLE sessions. Prints every raw line and the median civicd/redis ratios.
#
# Usage: docs/bench.sh            (ROUNDS=3 DURATION=5 IDLE=10000 by default)
# Needs: redis-server 7 (installed with apt-get when missing and run as root), openssl, python3,
# a release build (made if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5}"
IDLE="${IDLE:-10000}"
civicd=.build/release/civicd
bench=.build/release/civicd-bench
[ -x "$civicd" ] || swift build -c release --product civicd
[ -x "$bench" ] || swift build -c release --product civicd-bench
if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "bench: redis-server is not installed (apt-get install redis-server)"; exit 1
  fi
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d)"
cleanup() { kill "${civicd_pid:-}" "${redis_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

. docs/test-ca.sh   # the working directory is the repository root (cd above)
make_test_ca "$work" "bench CA"

civicd_port=$((21000 + RANDOM % 10000)); redis_port=$((civicd_port + 1))
# The benchmark client is one peer sending as fast as replies come: lift the per-connection rate
# limit and the per-address cap that protect the real daemon from floods.
cat > "$work/civicd.yml" <<YML
listen: 127.0.0.1:$civicd_port
log_level: warning
limits:
  lines_per_second: 1000000
  flood_close_after: 1000000
  max_connections: 20000
  max_connections_per_peer: 20000
YML
"$civicd" serve --config "$work/civicd.yml" --data-dir "$work/data" --cert "$work/server.pem" --key "$work/server.key" 2> "$work/civicd.log" &
civicd_pid=$!
redis-server --port 0 --tls-port "$redis_port" --bind 127.0.0.1 --tls-cert-file "$work/server.pem" \
  --tls-key-file "$work/server.key" --tls-ca-cert-file "$work/ca.pem" --tls-auth-clients no \
  --save '' --appendonly no --maxclients 20000 --protected-mode no --daemonize no --loglevel warning > "$work/redis.log" 2>&1 &
redis_pid=$!
ready() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 100); do ready "$civicd_port" && ready "$redis_port" && break; sleep 0.2; done
ready "$civicd_port" && ready "$redis_port" || { echo "bench: a server did not start"; cat "$work/civicd.log" "$work/redis.log"; exit 1; }
# The floor of civicd's request path: a command with a one-line reply (no understanding, no facts).
echo '{"text":"/lang pl"}' > "$work/floor.jsonl"

target() { # server → arguments
  if [ "$1" = civicd ]; then echo "127.0.0.1:$civicd_port --ca-file $work/ca.pem"; else echo "127.0.0.1:$redis_port --ca-file $work/ca.pem --redis"; fi
}
pid_of() { if [ "$1" = civicd ]; then echo "$civicd_pid"; else echo "$redis_pid"; fi; }

results="$work/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order="civicd redis"; else order="redis civicd"; fi
  for connections in 1 50 500; do
    for server in $order; do
      line=$("$bench" load $(target "$server") --connections "$connections" --duration "$DURATION" --server-pid "$(pid_of "$server")")
      echo "round=$round server=$server test=load$connections $line" | tee -a "$results"
    done
  done
  line=$("$bench" load $(target civicd) --connections 50 --duration "$DURATION" --server-pid "$civicd_pid" --questions "$work/floor.jsonl")
  echo "round=$round server=civicd test=floor50 $line" | tee -a "$results"
  for server in $order; do
    line=$("$bench" handshakes $(target "$server") --duration "$DURATION" --server-pid "$(pid_of "$server")")
    echo "round=$round server=$server test=handshakes $line" | tee -a "$results"
  done
  for server in $order; do
    line=$("$bench" idle $(target "$server") --connections "$IDLE" --server-pid "$(pid_of "$server")")
    echo "round=$round server=$server test=idle $line" | tee -a "$results"
  done
done

python3 - "$results" <<'PY'
import re, statistics, sys
rows = []
for line in open(sys.argv[1]):
    fields = dict(re.findall(r"(\w+)=([^\s]+)", line))
    rows.append(fields)
def median(server, test, key):
    values = [float(r[key]) for r in rows if r["server"] == server and r["test"] == test and key in r]
    return statistics.median(values) if values else float("nan")
print("\nmedians over rounds (civicd / redis = ratio)")
for test, key, better in [("load1", "throughput", "higher"), ("load1", "p99_ms", "lower"),
                          ("load50", "throughput", "higher"), ("load50", "p99_ms", "lower"),
                          ("load50", "server_cpu_us_per_req", "lower"), ("load50", "client_cpu_us_per_req", "lower"),
                          ("load500", "throughput", "higher"), ("load500", "p99_ms", "lower"),
                          ("handshakes", "handshakes_per_s", "higher"), ("handshakes", "server_cpu_us_per_handshake", "lower"),
                          ("idle", "rss_per_session_kb", "lower")]:
    c, r = median("civicd", test, key), median("redis", test, key)
    print(f"{test:11} {key:28} civicd={c:10.2f} redis={r:10.2f} ratio={c / r if r else float('nan'):6.2f} ({better} is better)")
for key in ["throughput", "server_cpu_us_per_req", "client_cpu_us_per_req"]:
    print(f"{'floor50':11} {key:28} civicd={median('civicd', 'floor50', key):10.2f}  (civicd answering '/lang pl': no understanding)")
errors = sum(int(r.get("errors", 0)) for r in rows)
print(f"errors in all runs: {errors}")
PY
