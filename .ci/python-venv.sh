#!/usr/bin/env bash
# Creates (or reuses) .venv/ at the repo root and installs .ci/requirements-mlflow.txt
# into it, only when that file changed since the last successful install (a sha256
# stamp inside .venv). Quiet: prints one summary line with timing. Safe in CI
# (root, CI=true, no stdin). Override the interpreter with PYTHON=/path/to/python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
req="$root/.ci/requirements-mlflow.txt"
stamp="$venv/.requirements.sha256"
log="$root/.ci-artifacts/python-venv.log"
start=$SECONDS
mkdir -p "$root/.ci-artifacts"
: >"$log"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off

fail() { echo "python-venv: $1 (log: $log)" >&2; tail -n 30 "$log" >&2 || true; exit 1; }

python="${PYTHON:-$(command -v python3.11 || command -v python3 || true)}"
[ -n "$python" ] || fail "no python3 on PATH"

# A venv whose interpreter no longer runs (moved repo, removed Python) is rebuilt.
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  # Debian's python3 cannot create venvs (no ensurepip) until python3-venv is
  # installed: fall back to virtualenv if present, else say what to install.
  if ! "$python" -m venv "$venv" >>"$log" 2>&1; then
    rm -rf "$venv"
    if "$python" -m virtualenv --version >/dev/null 2>&1; then
      "$python" -m virtualenv -q "$venv" >>"$log" 2>&1 || fail "virtualenv failed"
    else
      fail "'$python -m venv' failed; install python3-venv (apt-get install -y python3-venv) or virtualenv"
    fi
  fi
  rm -f "$stamp"
fi

want="$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$req")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "python-venv: .venv up to date ($("$venv/bin/python" -V 2>&1), $((SECONDS - start))s)"
  exit 0
fi

{ "$venv/bin/python" -m pip install -q --upgrade pip &&
  "$venv/bin/python" -m pip install -q -r "$req"; } >>"$log" 2>&1 || fail "pip install failed"
echo "$want" >"$stamp"
mlflow_version="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mlflow"))')"
echo "python-venv: installed .ci/requirements-mlflow.txt into .venv (mlflow $mlflow_version, $((SECONDS - start))s)"
