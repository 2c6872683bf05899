#!/usr/bin/env bash
# Throwaway MLflow tracking + registry server(s) for champion-gate's integration
# tests and local demos. Needs .venv/ (bash .ci/python-venv.sh).
#
#   bash .ci/mlflow-server.sh start [--basic-auth] [--reader-model NAME]
#   bash .ci/mlflow-server.sh env     # print the state file (KEY=VALUE lines)
#   bash .ci/mlflow-server.sh stop
#
# start: a server on 127.0.0.1:<free port>, SQLite store and proxied artifacts in a
# fresh temp dir (clients upload/download through the server, so
# `mlflow models predict -m models:/name/1` works from any process that has
# MLFLOW_TRACKING_URI). With --basic-auth, a second server (--app-name basic-auth)
# with its own stores, an admin and a read-only user. default_permission is READ
# (override: MLFLOW_AUTH_DEFAULT_PERMISSION=NO_PERMISSIONS), so the reader can read
# and download every model but change nothing; with NO_PERMISSIONS a READ grant on
# the registered model is not enough to download it (that needs READ on the
# experiment). The reader also gets an explicit grant on one model, made as admin:
#   POST /api/3.0/mlflow/users/permissions/grant
#   {"username": R, "resource_type": "registered_model", "resource_id": MODEL, "permission": "READ"}
# (In MLflow 3.17 the older /api/2.0/mlflow/registered-models/permissions/create is gone.)
# Credentials default to admin/<random> and reader/<random>; set
# MLFLOW_AUTH_{ADMIN,READER}_{USER,PASSWORD} (passwords >= 12 chars) to choose them.
# The granted model (--reader-model, default fraud-detector) need not exist yet.
#
# Writes .ci-artifacts/mlflow/mlflow.env and prints it on stdout (so
# `... start >> "$GITHUB_ENV"` works); server logs sit next to it. A second start
# stops the first. stop kills the servers' process groups and deletes the temp dir.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="$root/.ci-artifacts/mlflow"
state="$state_dir/mlflow.env"
venv="$root/.venv"
# No usage pings from the servers or from clients that source the state file; no
# background job runner (GenAI scorers), which costs three processes per server.
export MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false

say() { echo "mlflow-server: $*" >&2; }
die() { say "$*"; exit 1; }
state_get() { sed -n "s/^$1=//p" "$state" 2>/dev/null; }
free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
random_password() { "$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))'; }

# launch NAME PORT DIR [extra mlflow args...]: start in its own session (so stop can
# kill uvicorn's children with the group) and echo the pid.
launch() {
  local name=$1 port=$2 dir=$3; shift 3
  mkdir -p "$dir/artifacts"
  setsid "$venv/bin/mlflow" server --host 127.0.0.1 --port "$port" --workers 1 \
    --backend-store-uri "sqlite:///$dir/mlflow.db" \
    --artifacts-destination "$dir/artifacts" "$@" \
    </dev/null >"$state_dir/$name.log" 2>&1 &
  echo $!
}

# wait_healthy NAME PID URL: poll GET /health for up to 120 s.
wait_healthy() {
  local name=$1 pid=$2 url=$3 deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null --max-time 2 "$url/health" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      say "$name did not become healthy at $url; last lines of $state_dir/$name.log:"
      tail -n 40 "$state_dir/$name.log" >&2 || true
      stop_servers
      exit 1
    fi
    sleep 0.5
  done
}

# auth_post PATH JSON: POST as the admin to the basic-auth server, fail on non-2xx.
auth_post() {
  curl -fsS --max-time 30 -u "$admin_user:$admin_password" -H 'Content-Type: application/json' \
    -X POST "$auth_url$1" -d "$2" >/dev/null || die "POST $1 failed on $auth_url"
}

stop_servers() {
  [ -f "$state" ] || return 0
  local pid
  for pid in $(state_get MLFLOW_SERVER_PID) $(state_get MLFLOW_AUTH_SERVER_PID); do
    kill -TERM -- "-$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  local dir; dir="$(state_get MLFLOW_SERVER_DIR)"
  case "$dir" in */champion-gate-mlflow.*) rm -rf "$dir" ;; esac
  rm -f "$state"
}

start() {
  local basic_auth=false reader_model=fraud-detector
  while [ $# -gt 0 ]; do
    case "$1" in
      --basic-auth) basic_auth=true ;;
      --reader-model) reader_model=${2:?--reader-model needs a name}; shift ;;
      *) die "unknown option $1" ;;
    esac
    shift
  done
  [ -x "$venv/bin/mlflow" ] || die "no $venv/bin/mlflow; run: bash .ci/python-venv.sh"
  local t0=$SECONDS
  stop_servers
  mkdir -p "$state_dir"
  local dir port pid url
  dir="$(mktemp -d "${TMPDIR:-/tmp}/champion-gate-mlflow.XXXXXX")"
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  pid="$(launch server "$port" "$dir/main")"
  printf '%s\n' "MLFLOW_TRACKING_URI=$url" "MLFLOW_SERVER_PID=$pid" "MLFLOW_SERVER_DIR=$dir" >"$state"

  if $basic_auth; then
    admin_user=${MLFLOW_AUTH_ADMIN_USER:-admin}
    admin_password=${MLFLOW_AUTH_ADMIN_PASSWORD:-$(random_password)}
    local reader_user=${MLFLOW_AUTH_READER_USER:-reader}
    local reader_password=${MLFLOW_AUTH_READER_PASSWORD:-$(random_password)}
    local v
    for v in "$admin_user" "$admin_password" "$reader_user" "$reader_password" "$reader_model" \
      "${MLFLOW_AUTH_DEFAULT_PERMISSION:-READ}"; do
      [[ "$v" =~ ^[A-Za-z0-9._~-]+$ ]] || die "credentials and model name must match [A-Za-z0-9._~-]+"
    done
    [ ${#admin_password} -ge 12 ] && [ ${#reader_password} -ge 12 ] ||
      die "MLflow requires passwords of at least 12 characters"
    local auth_port auth_pid
    auth_port="$(free_port)"
    auth_url="http://127.0.0.1:$auth_port"
    mkdir -p "$dir/auth"
    # Keys as in mlflow/server/auth/basic_auth.ini; the admin is created on first start.
    cat >"$dir/auth/basic_auth.ini" <<EOF
[mlflow]
default_permission = ${MLFLOW_AUTH_DEFAULT_PERMISSION:-READ}
database_uri = sqlite:///$dir/auth/basic_auth.db
admin_username = $admin_user
admin_password = $admin_password
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
# Without this cache every request pays a PBKDF2 hash; one worker, so never stale.
auth_cache_ttl_seconds = 600
EOF
    # MLflow's own MLFLOW_AUTH_ADMIN_PASSWORD would override the ini; keep them equal.
    # The auth app refuses to start without a Flask secret key (CSRF for the UI).
    auth_pid="$(MLFLOW_AUTH_CONFIG_PATH="$dir/auth/basic_auth.ini" MLFLOW_AUTH_ADMIN_PASSWORD="$admin_password" \
      MLFLOW_FLASK_SERVER_SECRET_KEY="$(random_password)" launch auth-server "$auth_port" "$dir/auth" --app-name basic-auth)"
    printf '%s\n' "MLFLOW_AUTH_TRACKING_URI=$auth_url" "MLFLOW_AUTH_SERVER_PID=$auth_pid" \
      "MLFLOW_AUTH_ADMIN_USER=$admin_user" "MLFLOW_AUTH_ADMIN_PASSWORD=$admin_password" \
      "MLFLOW_AUTH_READER_USER=$reader_user" "MLFLOW_AUTH_READER_PASSWORD=$reader_password" \
      "MLFLOW_AUTH_READER_MODEL=$reader_model" >>"$state"
    wait_healthy server "$pid" "$url"
    wait_healthy auth-server "$auth_pid" "$auth_url"
    auth_post /api/2.0/mlflow/users/create "{\"username\":\"$reader_user\",\"password\":\"$reader_password\"}"
    auth_post /api/3.0/mlflow/users/permissions/grant \
      "{\"username\":\"$reader_user\",\"resource_type\":\"registered_model\",\"resource_id\":\"$reader_model\",\"permission\":\"READ\"}"
  else
    wait_healthy server "$pid" "$url"
  fi
  say "up in $((SECONDS - t0))s (mlflow $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mlflow"))')); state in ${state#"$root"/}"
  cat "$state"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop)
    if [ -f "$state" ]; then stop_servers; say "stopped"; else say "not running"; fi ;;
  env) [ -f "$state" ] || die "not running (no ${state#"$root"/})"; cat "$state" ;;
  *) die "usage: $0 start [--basic-auth] [--reader-model NAME] | stop | env" ;;
esac
