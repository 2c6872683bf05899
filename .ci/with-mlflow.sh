#!/usr/bin/env bash
# Runs a command with throwaway MLflow servers up (a plain one and one with
# --app-name basic-auth), their URLs and test credentials in the environment,
# and stops them afterwards whatever the command's outcome.
#   bash .ci/with-mlflow.sh npm test
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trap 'bash "$root/.ci/mlflow-server.sh" stop' EXIT
bash "$root/.ci/mlflow-server.sh" start --basic-auth >/dev/null
set -a
# shellcheck disable=SC1091
. "$root/.ci-artifacts/mlflow/mlflow.env"
set +a
export MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true
"$@"
