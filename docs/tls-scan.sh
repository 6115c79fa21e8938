#!/usr/bin/env bash
# TLS scan: runs sslyze's Mozilla "intermediate" compliance check against civicd serving a
# certificate from a throwaway test CA. Passes only when sslyze exits 0 AND its JSON output shows
# connectivity_status == "COMPLETED" AND the compliance check passed (sslyze exits 0 even when it
# could not connect, so both are checked). Traffic stays on 127.0.0.1.
#
# Usage: docs/tls-scan.sh [path-to-civicd]     (default: .build/debug/civicd; builds it if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
civicd="${1:-.build/debug/civicd}"
[ -x "$civicd" ] || swift build --product civicd
command -v sslyze >/dev/null 2>&1 || python3 -m pip install -q sslyze

work="$(mktemp -d)"
trap 'kill "$daemon" 2>/dev/null || true; [ -n "${KEEP_SCAN:-}" ] && cp "$work/scan.json" /tmp/scan.json; rm -rf "$work"' EXIT

# A test CA and a server certificate for localhost / 127.0.0.1.
. docs/test-ca.sh   # the working directory is the repository root (cd above)
make_test_ca "$work" "civicd scan CA"

port=$((20000 + RANDOM % 20000))
"$civicd" serve --listen "127.0.0.1:$port" --cert "$work/server.pem" --key "$work/server.key" \
  --data-dir "$work/data" > "$work/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/daemon.log" && break; sleep 0.2; done
grep -q "listening on" "$work/daemon.log" || { cat "$work/daemon.log"; echo "tls-scan: civicd did not start"; exit 1; }

set +e
sslyze --mozilla_config=intermediate --certinfo_ca_file "$work/ca.pem" --json_out "$work/scan.json" \
  "localhost:$port{127.0.0.1}" > "$work/scan.txt" 2>&1
status=$?
set -e
cat "$work/scan.txt"

python3 - "$work/scan.json" "$status" "$work/scan.txt" <<'PY'
import json, sys
path, status, report = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path) as f:
    scan = json.load(f)
results = scan.get("server_scan_results", [])
problems = []
if status != 0:
    problems.append(f"sslyze exited {status}")
if len(results) != 1 or results[0].get("connectivity_status") != "COMPLETED":
    problems.append("connectivity_status is not COMPLETED: " + str([r.get("connectivity_status") for r in results]))
else:
    result = results[0]
    # sslyze's JSON has no compliance field: its verdict is in the report (and the exit status).
    with open(report) as f:
        text = f.read()
    if "OK - Compliant" not in text or "Not compliant" in text:
        problems.append("the Mozilla intermediate compliance check did not pass")
    commands = result.get("scan_result", {})
    for name in ("ssl_2_0_cipher_suites", "ssl_3_0_cipher_suites", "tls_1_0_cipher_suites", "tls_1_1_cipher_suites"):
        accepted = commands.get(name, {}).get("result", {}).get("accepted_cipher_suites", [])
        if accepted:
            problems.append(f"{name} accepted {len(accepted)} suites")
    for name in ("tls_1_2_cipher_suites", "tls_1_3_cipher_suites"):
        if not commands.get(name, {}).get("result", {}).get("accepted_cipher_suites"):
            problems.append(f"{name}: nothing accepted")
if problems:
    print("tls-scan: FAILED\n  " + "\n  ".join(problems))
    sys.exit(1)
print("tls-scan: OK (connectivity COMPLETED, Mozilla intermediate compliant, only TLS 1.2/1.3)")
PY
