#!/usr/bin/env bash
# Runs every ScanShare test: unit, integration, component and browser tests.
# Installs what the tests need first: Debian's Chromium (the browser tests drive it headless) and fonts.
set -euo pipefail
cd "$(dirname "$0")"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Installing Chromium for the browser tests..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi

rm -rf TestResults/trx
dotnet test ScanShare.sln --logger "trx;LogFileName=results.trx" --results-directory TestResults/trx "$@"
