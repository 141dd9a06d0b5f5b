#!/usr/bin/env bash
# NOTIFY fan-out: a bulk resync of 1,000 phones answered by a sipp UAS on loopback.
#   bash bench/notify-fanout.sh [phones (1000)] [concurrency (32, the console's default)]
set -euo pipefail
source "$(dirname "$0")/lib/bench-java.sh"
PHONES=${1:-1000}
CONCURRENCY=${2:-32}
need sipp sip-tester
CP=$(bench_classpath)
WORK=$(mktemp -d /tmp/notify-fanout.XXXXXX)
SIPP_PORT=$(free_port); SIP_PORT=$(free_port)
# -bg prints "Background mode - PID=[n]" and exits non-zero
OUT=$(cd "$WORK" && sipp -sf "$ROOT/bench/sipp/notify-uas.xml" -i 127.0.0.1 -p "$SIPP_PORT" -m "$PHONES" -bg \
    -trace_msg -message_file "$WORK/messages.log" 2>&1 || true)
SIPP_PID=$(echo "$OUT" | sed -n 's/.*PID=\[\([0-9]*\)\].*/\1/p')
[ -n "$SIPP_PID" ] || { echo "sipp did not start: $OUT" >&2; exit 1; }
sleep 0.5
trap '[ -n "$SIPP_PID" ] && kill "$SIPP_PID" 2>/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"' EXIT
java -Xmx512m -cp "$CP" org.endpointmanager.bench.NotifyFanOutBenchmark "$PHONES" "$CONCURRENCY" "$SIPP_PORT" "$SIP_PORT" \
  2>"$WORK/engine.log" | grep '^RESULT'
sleep 1
# one line per NOTIFY request sipp received (retransmissions share a Call-ID and are counted once)
python3 - "$WORK/messages.log" "$PHONES" <<'PY'
import re, sys, collections
text = open(sys.argv[1], errors="replace").read()
calls = collections.defaultdict(set)
for m in re.finditer(r"^NOTIFY sip:(\d+)@[^\n]*\n(.*?)\n\n", text, re.M | re.S):
    cid = re.search(r"^Call-ID:\s*(\S+)", m.group(2), re.M | re.I)
    calls[m.group(1)].add(cid.group(1) if cid else m.start())
phones = int(sys.argv[2])
once = sum(1 for v in calls.values() if len(v) == 1)
more = sum(1 for v in calls.values() if len(v) > 1)
print(f"RESULT sipp_phones_notified={len(calls)} exactly_once={once} more_than_once={more} missing={phones - len(calls)}")
PY
