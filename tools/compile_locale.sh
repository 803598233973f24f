#!/usr/bin/env bash
# Compiles the project's Thai catalogue of Django messages (src/prongsai/web/locale) into the
# django.mo Django loads. Needs gettext's msgfmt; the compiled file is committed so a fresh
# install does not need gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
for po in src/prongsai/web/locale/*/LC_MESSAGES/django.po; do
  msgfmt --check --output-file="${po%.po}.mo" "$po"
done
