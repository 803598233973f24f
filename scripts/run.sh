#!/usr/bin/env bash
# Runs the product on its embedded default: the web workspace on SQLite with demo agencies
# built from real published results. Open http://127.0.0.1:8000/ and log in with the
# administrator account it prints on first start. Extra arguments go to `prongsai serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/prongsai serve --demo "$@"
