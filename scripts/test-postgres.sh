#!/usr/bin/env bash
# Runs the web test suite against a real PostgreSQL: a throw-away cluster in a temporary folder,
# listening on a free loopback port only, removed afterwards. Installs PostgreSQL with apt when it
# is missing (as root or with sudo). Extra arguments go to pytest.
#
#   bash scripts/test-postgres.sh            # tests/web on PostgreSQL
#   bash scripts/test-postgres.sh -x -k oit
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

if [ -z "$(find_bin)" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ต้องติดตั้ง PostgreSQL ก่อน: apt-get install -y postgresql" >&2; exit 2
  fi
  echo "กำลังติดตั้ง PostgreSQL …"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(find_bin)"
[ -x "$PGBIN/initdb" ] || { echo "ไม่พบ initdb ของ PostgreSQL" >&2; exit 2; }

PYTHON=.venv/bin/python
[ -x "$PYTHON" ] || PYTHON=python3
PORT="$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WORK="$(mktemp -d /tmp/prongsai-pg-XXXXXX)"
DATA="$WORK/data"
LOG="$WORK/postgres.log"

# initdb and postgres refuse to run as root: use the postgres account then.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
  chown -R postgres "$WORK"
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

cleanup() {
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${AS_PG[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres prongsai

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') ที่ 127.0.0.1:$PORT (ชั่วคราว)"
DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/prongsai" "$PYTHON" -m pytest tests/web "$@"
