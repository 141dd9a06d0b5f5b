#!/usr/bin/env bash
# The phones list page with 10,000 devices: logs in to a console session (a site_admin token, cookie
# kept) and times GET /console/endpoint-manager/ui/phones (the first page) with curl: the first
# request after start (cold) and RUNS more (warm). Prints the times and updates docs/performance.md.
#
#   bash bench/phones-page.sh                     # SQLite, 10,000 devices
# Knobs: DEVICES (10000) RUNS (20) XMX (256m) REBUILD=1 NO_DOCS=1 DB=postgresql
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

DEVICES=${DEVICES:-10000}
RUNS=${RUNS:-20}
XMX=${XMX:-256m}
DB=${DB:-sqlite}
CMD="bash bench/phones-page.sh"
[ "$DB" != sqlite ] && CMD="DB=$DB $CMD"

need curl curl
build_jar

WORK=$(mktemp -d /tmp/phones-page.XXXXXX)
JAVA_PID=""
cleanup() {
  [ -n "$JAVA_PID" ] && kill "$JAVA_PID" 2>/dev/null && wait "$JAVA_PID" 2>/dev/null || true
  [ -n "${PG_DB:-}" ] && psql "${EM_BENCH_POSTGRES_PSQL:-postgresql://postgres@127.0.0.1:5432/postgres}" -q \
      -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

HTTP=$(free_port); SIP=$(free_port); HOSTSIP=$(free_port)
case "$DB" in
  sqlite) URL="jdbc:sqlite:endpoint-manager.db" ;;
  postgresql)
    PG_DB="em_bench_$$"
    psql "${EM_BENCH_POSTGRES_PSQL:-postgresql://postgres@127.0.0.1:5432/postgres}" -q -c "CREATE DATABASE $PG_DB" >/dev/null
    URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB?user=postgres" ;;
  *) echo "DB must be sqlite or postgresql" >&2; exit 2 ;;
esac
write_host_config "$WORK/config" "$HTTP" "$SIP" "$HOSTSIP" "$URL"

JVM_OPTS="-Xms$XMX -Xmx$XMX -XX:+UseParallelGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k"
start_addon() {
  # shellcheck disable=SC2086
  java $JVM_OPTS -jar "$JAR" --config "$WORK/config" >> "$WORK/addon.log" 2>&1 &
  JAVA_PID=$!
  wait_healthy "$HTTP" "$JAVA_PID"
}
echo "starting the add-on ($DB) on port $HTTP ..."
start_addon
echo "seeding $DEVICES devices through the console API ..."
python3 "$ROOT/bench/lib/fleet.py" seed "http://127.0.0.1:$HTTP" "$TOKEN" "$DEVICES" "$WORK"

# a fresh JVM for the cold figure: nothing of the page (templates, queries, JIT) is warm yet
kill "$JAVA_PID"; wait "$JAVA_PID" 2>/dev/null || true
start_addon

BASE="http://127.0.0.1:$HTTP/console/endpoint-manager"
curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$TOKEN\"}" "$BASE/session" >/dev/null
time_page() { # prints seconds, fails unless 200
  local out
  out=$(curl -sS -b "$WORK/cookies" -o "$WORK/page.html" -w '%{http_code} %{time_total}' "$BASE/ui/phones")
  [ "${out%% *}" = 200 ] || { echo "phones page answered ${out%% *}" >&2; exit 1; }
  echo "${out#* }"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
COLD=$(time_page)
grep -qi '80:5e:c0\|805ec0' "$WORK/page.html" \
  || { echo "the page lists no seeded phone" >&2; exit 1; }
PAGE_BYTES=$(stat -c %s "$WORK/page.html")
WARM=()
for _ in $(seq 1 "$RUNS"); do WARM+=("$(time_page)"); done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$ROOT/docs/performance.md" "$COLD" "${WARM[@]}" <<PY
import datetime, os, statistics, sys
cold = float(sys.argv[2]) * 1000
warm = [float(x) * 1000 for x in sys.argv[3:]]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
table = f"""Run of {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores ({cpu}), database {"$DB"},
{int("$DEVICES"):,} devices, page of {int("$PAGE_BYTES"):,} bytes, JVM \`{"$JVM_OPTS"}\`.
Load average before / after: {"$LOAD_BEFORE"} / {"$LOAD_AFTER"}. Command: \`{"$CMD"}\`.

| request | n | median ms | max ms |
|---|---:|---:|---:|
| cold (first after a restart) | 1 | {cold:.0f} | {cold:.0f} |
| warm | {len(warm)} | {statistics.median(warm):.0f} | {max(warm):.0f} |

Goal: the first page in under a second: **{"met" if max([cold] + warm) < 1000 else "not met"}** (slowest {max([cold] + warm):.0f} ms)."""
print()
print(table)
if os.environ.get("NO_DOCS") != "1":
    path = sys.argv[1]
    text = open(path).read()
    begin, end = "<!-- phones-page:$DB:begin -->", "<!-- phones-page:$DB:end -->"
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + table + "\n" + end + rest.split(end, 1)[1]
    else:
        text += "\n" + begin + "\n" + table + "\n" + end + "\n"
    open(path, "w").write(text)
    print("\nupdated", path)
PY
