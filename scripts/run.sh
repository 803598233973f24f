#!/usr/bin/env bash
# Runs the product on its embedded default: the analysis of a demo agency's result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/prongsai analyze examples/ladya-2564.yaml "$@"
