#!/usr/bin/env bash
# LibreOffice Calc (headless) and its Python bridge, for the .xlsx round-trip test
# (test/unit/xlsx-libreoffice.test.ts) and the CSV-injection import test
# (test/hostile/csv-injection.test.ts). Idempotent: does nothing when both are installed.
set -euo pipefail
if dpkg -s libreoffice-calc-nogui python3-uno >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno
