#!/usr/bin/env bash
# Boot storm: 10,000 devices, wrk asking each for its MAC file with its real User-Agent, against the
# add-on (full access policy on) and against nginx serving the same files pre-rendered; prints
# requests/s, p50/p99 latency and resident memory side by side and updates docs/performance.md.
#
#   bash bench/boot-storm.sh                      # SQLite, 10,000 devices
#   DB=postgresql bash bench/boot-storm.sh        # a fresh database on EM_BENCH_POSTGRES_URL's server
# Knobs: DEVICES (10000) DURATION (20s) CONNECTIONS (32) XMX (256m) WARMUP (30s, the add-on's) REBUILD=1 NO_DOCS=1
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

DEVICES=${DEVICES:-10000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
# the JIT needs the cores the requests use: on two busy cores the add-on reaches its steady speed
# after 20 to 30 s of load (10 s left it about a third below); nginx needs no warm-up beyond 5 s
WARMUP=${WARMUP:-30s}
XMX=${XMX:-256m}
DB=${DB:-sqlite}
CMD="bash bench/boot-storm.sh"
[ "$DB" != sqlite ] && CMD="DB=$DB $CMD"

need wrk wrk
need nginx nginx
need curl curl
build_jar

WORK=$(mktemp -d /tmp/boot-storm.XXXXXX)
JAVA_PID=""; NGINX_CONF=""
cleanup() {
  [ -n "$JAVA_PID" ] && kill "$JAVA_PID" 2>/dev/null && wait "$JAVA_PID" 2>/dev/null || true
  [ -n "$NGINX_CONF" ] && [ -f "$WORK/nginx.pid" ] && nginx -c "$NGINX_CONF" -p "$WORK" -s stop 2>/dev/null || true
  [ -n "${PG_DB:-}" ] && psql "${EM_BENCH_POSTGRES_PSQL:-postgresql://postgres@127.0.0.1:5432/postgres}" -q \
      -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

HTTP=$(free_port); SIP=$(free_port); HOSTSIP=$(free_port); NGX=$(free_port)
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
EXTRA_JVM_OPTS=${EXTRA_JVM_OPTS:-}
echo "starting the add-on ($DB, $JVM_OPTS) on port $HTTP ..."
# shellcheck disable=SC2086
java $JVM_OPTS $EXTRA_JVM_OPTS -jar "$JAR" --config "$WORK/config" > "$WORK/addon.log" 2>&1 &
JAVA_PID=$!
wait_healthy "$HTTP" "$JAVA_PID"

echo "seeding $DEVICES devices through the console API ..."
t0=$(date +%s)
python3 "$ROOT/bench/lib/fleet.py" seed "http://127.0.0.1:$HTTP" "$TOKEN" "$DEVICES" "$WORK"
echo "seeded in $(( $(date +%s) - t0 ))s; pre-rendering every file for nginx ..."
python3 "$ROOT/bench/lib/fleet.py" fetch "http://127.0.0.1:$HTTP" "$WORK"

NGINX_CONF="$WORK/nginx.conf"
mkdir -p "$WORK/logs"
cat > "$NGINX_CONF" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $WORK/logs/access.log;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  default_type text/plain;
  server {
    listen 127.0.0.1:$NGX;
    root $WORK/www;
    location /provision/ { add_header Cache-Control no-store; }
  }
}
NGINX
mkdir -p "$WORK/tmp"
# nginx workers drop root for nobody: let them read the files (test data only)
chmod 755 "$WORK"; chmod -R a+rX "$WORK/www"
nginx -c "$NGINX_CONF" -p "$WORK" -e "$WORK/logs/error.log"

export PATHS="$WORK/paths.tsv"
run_wrk() { # run_wrk <port> <duration>
  wrk -t2 -c"$CONNECTIONS" -d"$2" --latency -s "$ROOT/bench/lib/storm.lua" "http://127.0.0.1:$1" | grep '^RESULT'
}
echo "warming up ($WARMUP add-on, 5s nginx) ..."
run_wrk "$HTTP" "$WARMUP" >/dev/null
run_wrk "$NGX" 5s >/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "measuring $DURATION each, $CONNECTIONS connections, 2 wrk threads ..."
ADDON=$(run_wrk "$HTTP" "$DURATION")
ADDON_RSS=$(rss_kb "$JAVA_PID")
NGINX=$(run_wrk "$NGX" "$DURATION")
NGINX_RSS=$(rss_kb $(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")"))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

field() { echo "$1" | sed -n "s/.*$2=\([^ ]*\).*/\1/p"; }
python3 - "$ROOT/docs/performance.md" <<PY
import datetime, sys, platform, os
a = dict(kv.split("=") for kv in "$ADDON".split()[1:])
n = dict(kv.split("=") for kv in "$NGINX".split()[1:])
ratio = float(a["rps"]) / float(n["rps"])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
table = f"""Run of {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores ({cpu}), database {"$DB"},
{"$DEVICES"} devices, wrk 2 threads / {"$CONNECTIONS"} connections / {"$DURATION"} after {"$WARMUP"} of warm-up, JVM \`{"$JVM_OPTS"}\`.
Load average before / after: {"$LOAD_BEFORE"} / {"$LOAD_AFTER"}. Command: \`{"$CMD"}\`.

| server | requests/s | p50 ms | p99 ms | non-200 | resident memory |
|---|---:|---:|---:|---:|---:|
| add-on (full access policy) | {float(a['rps']):,.0f} | {a['p50_ms']} | {a['p99_ms']} | {a['non200']} | {int("$ADDON_RSS")//1024} MB (JVM) |
| nginx (same files, static) | {float(n['rps']):,.0f} | {n['p50_ms']} | {n['p99_ms']} | {n['non200']} | {int("$NGINX_RSS")//1024} MB (master + workers) |

Ratio add-on / nginx: **{ratio:.2f}** ({ratio*100:.0f} % of nginx's throughput)."""
print()
print(table)
if os.environ.get("NO_DOCS") != "1":
    path = sys.argv[1]
    text = open(path).read()
    begin, end = "<!-- boot-storm:$DB:begin -->", "<!-- boot-storm:$DB:end -->"
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + table + "\n" + end + rest.split(end, 1)[1]
    else:
        text += "\n" + begin + "\n" + table + "\n" + end + "\n"
    open(path, "w").write(text)
    print("\nupdated", path)
PY
