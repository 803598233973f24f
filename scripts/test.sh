#!/usr/bin/env bash
# The full test suite from a fresh clone: installs what it needs, runs ruff, the whole pytest
# suite on SQLite, then the web tests once more against a real PostgreSQL
# (PRONGSAI_SKIP_POSTGRES=1 skips that part on a machine without apt rights).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests benchmarks tools
.venv/bin/python -m pytest "$@"
if [ "${PRONGSAI_SKIP_POSTGRES:-0}" != "1" ]; then
  bash scripts/test-postgres.sh
fi
