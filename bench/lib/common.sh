# Shared helpers for the bench scripts (sourced, not run).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/host-embedding-example/target/endpoint-manager-host.jar"
TOKEN="bench-site-admin-token-0123456789"

need() { # need <command> <debian package>
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2 ..." >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q "$2" >/dev/null; else sudo apt-get install -y -q "$2" >/dev/null; fi
  fi
}

build_jar() { # builds the host jar (core, vendors, host) from this checkout when missing or with REBUILD=1
  if [ ! -f "$JAR" ] || [ "${REBUILD:-0}" = 1 ]; then
    echo "building $JAR ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests -pl host-embedding-example -am package)
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

rss_kb() { # resident memory of a process and its children, in kB
  local total=0 p
  for p in "$@"; do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# write_host_config <dir> <http-port> <sip-port> <host-sip-port> <database-url> [extra provisioning toml lines]
write_host_config() {
  local dir=$1 http=$2 sip=$3 hostsip=$4 url=$5 extra=${6:-}
  mkdir -p "$dir"
  cat > "$dir/proxy.toml" <<TOML
[proxy]
addons = ["endpoint-manager"]
[host]
data_dir = "data"
[sip]
bind = "127.0.0.1"
port = $hostsip
[[console.tokens]]
name = "bench"
token = "$TOKEN"
role = "site_admin"
TOML
  cat > "$dir/endpoint_manager.toml" <<TOML
provision_url_base = "http://127.0.0.1:$http/provision"
[http]
bind = "127.0.0.1"
port = $http
[database]
url = "$url"
[sip]
bind = "127.0.0.1"
port = $sip
[provisioning]
allowed_subnets = ["127.0.0.0/8", "10.0.0.0/8"]
lockout_misses = 20
lockout_window_seconds = 60
lockout_seconds = 600
$extra
TOML
}

wait_healthy() { # wait_healthy <port> <pid>
  local i
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then echo "the add-on exited during start-up" >&2; return 1; fi
    sleep 0.5
  done
  echo "the add-on did not become healthy" >&2
  return 1
}
