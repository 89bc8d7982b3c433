# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build, and run
# private PostgreSQL clusters. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="/usr/lib/postgresql/15/bin"

# Debian 12 packages the build, the tests and the benchmarks need.
PACKAGES=(
  build-essential cmake pkg-config ccache git curl ca-certificates
  libcaf-dev libboost-dev libpqxx-dev libsimdjson-dev libspdlog-dev libssl-dev
  libgtest-dev libhowardhinnant-date-dev libphonenumber-dev tzdata
  postgresql-15 openssl wrk clang-format python3 python3-prometheus-client linux-perf jq
  libjemalloc-dev haproxy
  libsodium-dev chromium chromium-driver python3-selenium
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the packages that are missing; quick when none is.
ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The server package starts a system cluster on 5432; ours run privately, so leave it alone.
}

# build DIR [cmake options...]: configures once, then builds incrementally with two jobs.
build() {
  local dir="$1"; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    log "configuring $dir"
    cmake -S "$ROOT" -B "$dir" "$@" >/dev/null
  fi
  log "building $dir"
  cmake --build "$dir" -j2
}

# Runs a PostgreSQL command as a user initdb accepts (it refuses root).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DIR [throw-away]: initialises (once) and starts a private cluster in DIR on a free
# loopback port; sets PG_PORT. Local trust authentication, loopback only. Only a throw-away cluster
# (tests, benchmarks) runs with fsync off: the one scripts/run keeps holds booking intents, which
# must survive a power cut.
pg_start() {
  local dir="$1" durability=""
  # Throw-away clusters also host several nodes at once (the cluster tests: three nodes of about
  # nine connections each, two tests side by side), beyond PostgreSQL's default of 100.
  [ "${2:-}" = "throw-away" ] && durability="-c fsync=off -c max_connections=300"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_pg_user "$PG_BIN/initdb" -D "$dir" -U frontdesk -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed in $dir"
  fi
  if as_pg_user "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    PG_PORT="$(sed -n '4p' "$dir/postmaster.pid")"
    return 0
  fi
  local try
  for try in 1 2 3 4 5 6 7 8; do
    PG_PORT=$((20000 + RANDOM % 30000))
    if as_pg_user "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir $durability" \
        start >/dev/null 2>&1; then
      return 0
    fi
  done
  die "could not start PostgreSQL in $dir (see $dir/server.log)"
}

pg_stop() {
  local dir="$1"
  [ -f "$dir/postmaster.pid" ] || return 0
  as_pg_user "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_createdb NAME: creates the database if it is not there yet.
pg_createdb() {
  local name="$1"
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U frontdesk -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U frontdesk "$name"
  fi
}

# haproxy_config OUT PORT ADDRESS...: deploy/haproxy.cfg as a local cluster uses it, its front on
# 127.0.0.1:PORT and its nodes (node1, node2, ...) at the addresses given.
haproxy_config() {
  local out="$1" front="$2" servers="" i=0
  shift 2
  for address in "$@"; do
    i=$((i + 1))
    servers+="    server node$i $address check"$'\n'
  done
  awk -v bind="    bind 127.0.0.1:$front" -v servers="$servers" '
    /^    bind / { print bind; next }
    /^    server node/ { if (!done) { printf "%s", servers; done = 1 } next }
    { print }' "$ROOT/deploy/haproxy.cfg" > "$out"
}
