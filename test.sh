#!/usr/bin/env bash
# Runs every ScanShare test: unit, integration, component and browser tests.
# Installs what the tests need first, when missing: Debian's Chromium and fonts (the browser tests drive it headless),
# PostgreSQL and Redis (the tests start throwaway servers of their own on loopback) and nginx.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium fonts-noto-core)
command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

rm -rf TestResults/trx
dotnet test ScanShare.sln --logger "trx;LogFileName=results.trx" --results-directory TestResults/trx "$@"
