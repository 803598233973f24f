#!/usr/bin/env bash
# The full test suite from a fresh clone: installs what it needs, then runs ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
