#!/usr/bin/env bash
# Installs what champion-gate's demo and tests need on a fresh machine, and
# nothing twice: Debian packages (Chromium for the rendered-report test,
# python3-venv and curl for the MLflow server, emoji fonts so screenshots
# show ✅ and ❌, Java 17 for the PySpark scoring test), npm packages, and the
# pinned Python venv with MLflow, scikit-learn and PySpark. Idempotent; safe
# as root in CI.
#   bash .ci/setup.sh            everything
#   bash .ci/setup.sh --demo     without the browser and Java
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$SECONDS

packages=(python3-venv curl)
# Spark 4 runs on Java 17 or 21; Debian 12 ships 17 (headless: no X libraries).
[ "${1:-}" = "--demo" ] || packages+=(chromium fonts-noto-color-emoji openjdk-17-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: again only when package-lock.json changed since the last install.
stamp=node_modules/.package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

bash .ci/python-venv.sh
echo "setup: ready in $((SECONDS - start))s"
