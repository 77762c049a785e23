#!/usr/bin/env bash
# Several ScanShare instances on one machine, for demos and trials: a throwaway PostgreSQL and Redis, N app instances
# and nginx in front, all on 127.0.0.1, all kept in one data folder. See "Running several instances" in README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/cluster/cluster.sh COMMAND

  start              install what is missing, start PostgreSQL, Redis, the instances and nginx
  stop               stop nginx, the instances, Redis and PostgreSQL
  status             say what is up, with each instance's readiness
  kill N             kill instance N at once (kill -9), to watch the proxy move its browsers
  render-nginx [DIR] write the proxy's nginx.conf into DIR (default: the data folder)

Environment (defaults in brackets):
  SCANSHARE_CLUSTER_DIR    data folder, relative to the current directory [cluster-data]
  SCANSHARE_INSTANCES      number of app instances [2]
  SCANSHARE_PROXY_PORT     nginx [8080]
  SCANSHARE_INSTANCE_PORT  the first instance; the others take the next ports [5101]
  SCANSHARE_POSTGRES_PORT  PostgreSQL [55432]
  SCANSHARE_REDIS_PORT     Redis [56379]
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dir="$(realpath -m "${SCANSHARE_CLUSTER_DIR:-cluster-data}")"
logs="$dir/logs"
pgdata="$dir/postgres"
PATH="$PATH:/usr/sbin:/sbin"

instances="${SCANSHARE_INSTANCES:-2}"
proxy_port="${SCANSHARE_PROXY_PORT:-8080}"
instance_port="${SCANSHARE_INSTANCE_PORT:-5101}"
postgres_port="${SCANSHARE_POSTGRES_PORT:-55432}"
redis_port="${SCANSHARE_REDIS_PORT:-56379}"

die() { echo "cluster.sh: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

alive() { [ -f "$1" ] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

running() {
  local pidfile
  for pidfile in "$dir/nginx.pid" "$dir/redis.pid" "$pgdata/postmaster.pid" "$dir"/app-*.pid; do
    if alive "$pidfile"; then return 0; fi
  done
  return 1
}

# A cluster that runs is talked to with the settings it was started with, whatever the environment says now.
if [ "${1:-}" != render-nginx ] && [ -f "$dir/settings" ] && { [ "${1:-}" != start ] || running; }; then
  # shellcheck source=/dev/null
  . "$dir/settings"
fi

for value in "$instances" "$proxy_port" "$instance_port" "$postgres_port" "$redis_port"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "'$value' is not a positive number; check the SCANSHARE_* variables"
done

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user the Debian package creates.
as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local bin found=""
  for bin in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    if [ -x "$bin/initdb" ]; then found="$bin"; fi
  done
  if [ -z "$found" ] && command -v initdb >/dev/null; then
    found="$(dirname "$(command -v initdb)")"
  fi
  echo "$found"
}

port_of() { echo $((instance_port + $1 - 1)); }

install_missing() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing ${missing[*]}..."
  local sudo=""
  is_root || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_postgres() {
  local bin
  bin="$(pg_bin)"
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    chmod 700 "$pgdata"
    if is_root; then
      chown postgres: "$pgdata"
      runuser -u postgres -- test -w "$pgdata" ||
        die "the postgres user cannot reach $pgdata: use a SCANSHARE_CLUSTER_DIR every user may enter"
    fi
    as_postgres "$bin/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$logs/initdb.log"
    # Trust, but only from this machine over TCP; the Unix socket is off (see the options below).
    printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' >"$pgdata/pg_hba.conf"
  fi

  if as_postgres "$bin/pg_ctl" -D "$pgdata" status >/dev/null; then
    echo "PostgreSQL is already running"
  else
    touch "$logs/postgres.log"
    is_root && chown postgres: "$logs/postgres.log"
    as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$logs/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$postgres_port -c unix_socket_directories=''" start >/dev/null ||
      die "PostgreSQL did not start; see $logs/postgres.log"
    echo "PostgreSQL listens on 127.0.0.1:$postgres_port"
  fi

  if [ -z "$("$bin/psql" -h 127.0.0.1 -p "$postgres_port" -U postgres -d postgres -tAc \
      "select 1 from pg_database where datname = 'scanshare'")" ]; then
    "$bin/createdb" -h 127.0.0.1 -p "$postgres_port" -U postgres scanshare
  fi
}

start_redis() {
  if alive "$dir/redis.pid"; then
    echo "Redis is already running"
    return
  fi
  # Redis only relays live updates between the instances: nothing in it needs to outlive it.
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$logs/redis.log"
  for _ in $(seq 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] && break
    sleep 0.2
  done
  [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ] || die "Redis did not start; see $logs/redis.log"
  echo "Redis listens on 127.0.0.1:$redis_port"
}

build_app() {
  echo "Building the app into $dir/app"
  dotnet publish "$repo/ScanShare.Web" -c Release -o "$dir/app" -v q --nologo >"$logs/build.log" 2>&1 ||
    { tail -n 20 "$logs/build.log" >&2; die "the build failed; see $logs/build.log"; }
}

start_instance() {
  local n="$1" port pidfile
  port="$(port_of "$n")"
  pidfile="$dir/app-$n.pid"
  if alive "$pidfile"; then
    echo "app-$n is already running"
    return
  fi

  local environment=(
    ASPNETCORE_ENVIRONMENT=Development
    Simulator__Enabled=true
    Database__Provider=PostgreSQL
    "ConnectionStrings__ScanShare=Host=127.0.0.1;Port=$postgres_port;Username=postgres;Database=scanshare"
    "ConnectionStrings__Redis=127.0.0.1:$redis_port"
    "Database__DataDirectory=$dir/data"
    "Hosting__InstanceName=app-$n"
  )
  # The simulator's signing key is made per process, so one gateway has to serve them all: instance 1 plays it, and
  # the others check its tokens against its keys and send it their callbacks.
  if [ "$n" -gt 1 ]; then
    environment+=("Abdm__Gateway__BaseUrl=http://127.0.0.1:$(port_of 1)/simulator/gateway/")
  fi

  # Its own session, so that neither a Ctrl-C of this script nor a closed terminal stops it.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  (
    cd "$dir/app"
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
      env "${environment[@]}" dotnet ScanShare.Web.dll --urls "http://127.0.0.1:$port" \
      </dev/null >>"$logs/app-$n.log" 2>&1 &
  )
  for _ in $(seq 50); do
    [ -s "$pidfile" ] && break
    sleep 0.1
  done
}

# The readiness endpoint where the app has one, else the older /health.
health_url() {
  local base
  base="http://127.0.0.1:$(port_of "$1")"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready")" = 404 ]; then
    echo "$base/health"
  else
    echo "$base/health/ready"
  fi
}

wait_ready() {
  local n="$1" code
  for _ in $(seq 240); do
    alive "$dir/app-$n.pid" ||
      { tail -n 20 "$logs/app-$n.log" >&2; die "app-$n stopped while starting; see $logs/app-$n.log"; }
    code="$(curl -s -o /dev/null -w '%{http_code}' "$(health_url "$n")" || true)"
    if [ "$code" = 200 ]; then
      echo "app-$n is ready on 127.0.0.1:$(port_of "$n")"
      return
    fi
    sleep 0.5
  done
  die "app-$n was not ready after two minutes; see $logs/app-$n.log"
}

render_nginx() {
  local out="$1" servers="" n
  for n in $(seq "$instances"); do
    # One failed attempt takes an instance out for 10 s; then nginx tries it again.
    servers+="        server 127.0.0.1:$(port_of "$n") max_fails=1 fail_timeout=10s;"$'\n'
  done
  mkdir -p "$out/logs" "$out/nginx-temp"
  local template
  template="$(cat "$here/nginx.conf.template")"
  template="${template//@UPSTREAM_SERVERS@$'\n'/$servers}"
  template="${template//@PROXY_PORT@/$proxy_port}"
  printf '%s\n' "$template" >"$out/nginx.conf"
}

nginx_command() { nginx -p "$dir" -c nginx.conf -e logs/nginx-error.log "$@"; }

start_nginx() {
  render_nginx "$dir"
  nginx_command -t -q || die "the proxy's configuration $dir/nginx.conf is not valid"
  if alive "$dir/nginx.pid"; then
    nginx_command -s reload
  else
    nginx_command
  fi
}

# Sends a signal to the process in the pid file and waits up to $3 seconds for it to go.
stop_pid() {
  local pidfile="$1" signal="$2" seconds="$3" name="$4" pid
  if ! alive "$pidfile"; then
    rm -f "$pidfile"
    return
  fi
  pid="$(cat "$pidfile")"
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq $((seconds * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop within $seconds s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "Stopped $name"
}

start() {
  if running; then
    echo "Parts of the cluster in $dir run: starting the rest with the settings it was started with"
  fi
  install_missing
  mkdir -p "$dir" "$logs"
  cat >"$dir/settings" <<EOF
instances=$instances
proxy_port=$proxy_port
instance_port=$instance_port
postgres_port=$postgres_port
redis_port=$redis_port
EOF
  start_postgres
  start_redis
  local n running=""
  for n in $(seq "$instances"); do
    if alive "$dir/app-$n.pid"; then running=yes; fi
  done
  # Publishing over the files of a running instance could bring it down.
  if [ -n "$running" ]; then
    echo "Instances are running: the others start from the same build (stop all to rebuild)"
  else
    build_app
  fi

  # Instance 1 first: it brings the database up to date and holds the keys of the gateway the others use.
  start_instance 1
  wait_ready 1
  for n in $(seq 2 "$instances"); do start_instance "$n"; done
  for n in $(seq 2 "$instances"); do wait_ready "$n"; done

  start_nginx
  echo
  echo "ScanShare runs on $instances instances: open http://127.0.0.1:$proxy_port"
  echo "Gateway simulator (instance 1 plays the gateway for all): http://127.0.0.1:$(port_of 1)/simulator"
  echo "Logs in $logs; stop with: $0 stop"
}

stop() {
  local pidfile
  stop_pid "$dir/nginx.pid" QUIT 10 nginx
  for pidfile in "$dir"/app-*.pid; do
    [ -e "$pidfile" ] || continue
    stop_pid "$pidfile" TERM 15 "$(basename "$pidfile" .pid)"
  done
  stop_pid "$dir/redis.pid" TERM 10 Redis
  if [ -f "$pgdata/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata" status >/dev/null; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
    echo "Stopped PostgreSQL"
  fi
}

status() {
  local all=0 n url answer
  if [ -f "$pgdata/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$pgdata" status >/dev/null; then
    echo "postgres  up    127.0.0.1:$postgres_port"
  else
    echo "postgres  down"; all=1
  fi
  if alive "$dir/redis.pid"; then
    echo "redis     up    127.0.0.1:$redis_port"
  else
    echo "redis     down"; all=1
  fi
  for n in $(seq "$instances"); do
    if alive "$dir/app-$n.pid"; then
      url="$(health_url "$n")"
      answer="$(curl -s -m 5 -w '\n%{http_code}' "$url" || true)"
      echo "app-$n     up    127.0.0.1:$(port_of "$n")  ${url##*/}: ${answer##*$'\n'} ${answer%$'\n'*}"
      [ "${answer##*$'\n'}" = 200 ] || all=1
    else
      echo "app-$n     down"; all=1
    fi
  done
  if alive "$dir/nginx.pid"; then
    echo "nginx     up    http://127.0.0.1:$proxy_port"
  else
    echo "nginx     down"; all=1
  fi
  return "$all"
}

kill_instance() {
  local n="${1:-}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "kill needs an instance number, e.g. kill 2"
  alive "$dir/app-$n.pid" || die "app-$n is not running"
  kill -KILL "$(cat "$dir/app-$n.pid")"
  rm -f "$dir/app-$n.pid"
  echo "Killed app-$n; nginx sends its browsers to another instance from their next request."
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill) kill_instance "${2:-}" ;;
  render-nginx) render_nginx "$(realpath -m "${2:-$dir}")" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
