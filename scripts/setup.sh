#!/usr/bin/env bash
# Installs what Prongsai needs on a Debian/Ubuntu machine: Python packages into .venv, and,
# when run as root (or with sudo), LibreOffice, poppler and Chromium for documents and the
# browser tests. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v fc-match >/dev/null 2>&1 || need_apt+=(fontconfig)
if [ "${PRONGSAI_SKIP_BROWSER:-0}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = "none" ]; then
    echo "ต้องติดตั้งแพ็กเกจเหล่านี้ก่อน (ด้วยสิทธิ์ผู้ดูแลระบบ): apt-get install -y ${need_apt[*]}" >&2
  else
    echo "กำลังติดตั้ง ${need_apt[*]} …"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
