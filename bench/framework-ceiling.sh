#!/usr/bin/env bash
# The stack's own ceiling on this machine: how many requests a second wrk gets from a Jetty handler
# that answers a constant, from the add-on's Javalin /healthz, and from nginx answering a constant,
# each after a warm-up. The boot storm's ratio to nginx reads against these: before any provisioning
# work, the server framework alone reaches only part of nginx's rate on the same two cores.
#
#   bash bench/framework-ceiling.sh            # prints the three rates and the ratios
# Knobs: DURATION (15s) WARMUP (20s) CONNECTIONS (32)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-32}
need wrk wrk
need nginx nginx
need curl curl
build_jar

WORK=$(mktemp -d /tmp/framework-ceiling.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && nginx -c "$WORK/nginx.conf" -p "$WORK" -s stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
JVM_OPTS="-Xms256m -Xmx256m -XX:+UseParallelGC"

rate() { # rate <url>: warm, then measure; prints requests/s
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}
wait_url() {
  local i
  for i in $(seq 1 120); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "no answer from $1" >&2; exit 1
}

# 1. Jetty's core API, the layer the add-on's provisioning handler sits on, answering a constant
JETTY=$(free_port)
mkdir -p "$WORK/src"
cat > "$WORK/src/ConstantJetty.java" <<JAVA
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

public class ConstantJetty {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        server.join();
    }
}
JAVA
javac -d "$WORK/classes" -cp "$JAR" "$WORK/src/ConstantJetty.java"
# shellcheck disable=SC2086
java $JVM_OPTS -cp "$JAR:$WORK/classes" ConstantJetty "$JETTY" > "$WORK/jetty.log" 2>&1 &
PIDS+=($!)
wait_url "http://127.0.0.1:$JETTY/"
echo "Jetty handler answering a constant ..."
R_JETTY=$(rate "http://127.0.0.1:$JETTY/")
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true

# 2. the add-on's /healthz: Javalin's servlet path, a constant JSON answer
HTTP=$(free_port)
write_host_config "$WORK/config" "$HTTP" "$(free_port)" "$(free_port)" "jdbc:sqlite:endpoint-manager.db"
# shellcheck disable=SC2086
java $JVM_OPTS -jar "$JAR" --config "$WORK/config" > "$WORK/addon.log" 2>&1 &
PIDS+=($!)
wait_url "http://127.0.0.1:$HTTP/healthz"
echo "the add-on's /healthz (Javalin) ..."
R_JAVALIN=$(rate "http://127.0.0.1:$HTTP/healthz")
kill "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true

# 3. nginx answering a constant
NGX=$(free_port)
mkdir -p "$WORK/logs"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $WORK/logs/access.log;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server { listen 127.0.0.1:$NGX; location / { default_type application/json; return 200 '{"status":"ok"}'; } }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/logs/error.log"
wait_url "http://127.0.0.1:$NGX/"
echo "nginx answering a constant ..."
R_NGINX=$(rate "http://127.0.0.1:$NGX/")

python3 - "$R_JETTY" "$R_JAVALIN" "$R_NGINX" <<PY
import sys
jetty, javalin, nginx = (float(x) for x in sys.argv[1:4])
print()
print("| server answering a constant | requests/s | ratio to nginx |")
print("|---|---:|---:|")
print(f"| Jetty handler (core API) | {jetty:,.0f} | {jetty / nginx:.2f} |")
print(f"| add-on /healthz (Javalin servlet) | {javalin:,.0f} | {javalin / nginx:.2f} |")
print(f"| nginx (return 200) | {nginx:,.0f} | 1.00 |")
PY
