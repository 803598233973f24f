"""`prongsai serve`: the web workspace on this computer, production-grade, with nothing to set
up: the data folder is made private and checked, the database is created and migrated on
start, the first start creates an administrator and prints how to log in, and `demo=True` loads
the seed agencies. On Linux gunicorn serves with one worker process per core (the GIL keeps one
Python process on one core); waitress in one process is the fallback where gunicorn cannot run.
On the embedded SQLite the workers also take the daily backup (backup_schedule)."""

from __future__ import annotations

import os
import secrets
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

from prongsai.web import backup, backup_schedule, datafolder, proxy

ADMIN_USERNAME = "admin"
PASSWORD_FILE = "admin-password.txt"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _say(text: str = "") -> None:
    print(text, flush=True)


def _home() -> Path:
    return Path(os.environ.get("PRONGSAI_HOME") or "prongsai-home").resolve()


def _prepare_environment(host: str = "127.0.0.1") -> Path:
    home = _home()
    # The database holds password hashes and the uploads are evidence files: private from the
    # first file on (umask), and made so if the folder existed before with wider modes.
    datafolder.make_private(home)
    os.environ["PRONGSAI_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    if not os.environ.get("PRONGSAI_ALLOWED_HOSTS"):
        if host in ("0.0.0.0", "::", ""):
            # Serving the whole intranet: users arrive by this machine's name or address.
            os.environ["PRONGSAI_ALLOWED_HOSTS"] = "*"
        else:
            names = {"localhost", "127.0.0.1", "[::1]", host if ":" not in host else f"[{host}]"}
            os.environ["PRONGSAI_ALLOWED_HOSTS"] = ",".join(sorted(names))
    return home


def setup_django(host: str = "127.0.0.1") -> Path:
    """The data folder made private, then Django; for serve and the data-folder commands."""
    home = _prepare_environment(host)
    import django

    django.setup()
    return home


def sqlite_path() -> Path | None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3") or str(database["NAME"]) == ":memory:":
        return None
    return Path(database["NAME"]).resolve()


def backup_source() -> backup.Source:
    from django.conf import settings

    return backup.Source(database=dict(settings.DATABASES["default"]), uploads=Path(settings.MEDIA_ROOT),
                         secret_key=settings.SECRET_KEY, work=_temporary_folder())


def _clean_temporary() -> None:
    """Upload copies a killed process left in our own folder (never the system's /tmp); only the
    stale ones, as another server may be using this folder (datafolder.STALE_SECONDS)."""
    from django.conf import settings

    if settings.FILE_UPLOAD_TEMP_DIR:
        datafolder.clean_temporary(Path(settings.FILE_UPLOAD_TEMP_DIR))


def _temporary_folder() -> Path:
    from django.conf import settings

    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())


def _write_password_file(home: Path, username: str, password: str) -> Path:
    path = home / PASSWORD_FILE
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("บัญชีผู้ดูแลระบบของโปร่งใส (สร้างเมื่อเปิดระบบครั้งแรก)\n")
        fh.write(f"ชื่อผู้ใช้: {username}\nรหัสผ่าน: {password}\n")
        fh.write("เมื่อเข้าสู่ระบบแล้ว ควรเปลี่ยนรหัสผ่าน (เมนูชื่อผู้ใช้ › เปลี่ยนรหัสผ่าน) แล้วลบไฟล์นี้\n")
    os.chmod(path, 0o600)
    return path


def ensure_admin(home: Path) -> tuple[Any, str | None]:
    """The administrator, created on the first start; (user, new password or None)."""
    from django.contrib.auth import get_user_model

    from prongsai.web.agencies.forms import generate_password

    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is not None:
        return admin, None
    password = generate_password()
    username = ADMIN_USERNAME if not User.objects.filter(username=ADMIN_USERNAME).exists() else (
        f"{ADMIN_USERNAME}-{secrets.token_hex(2)}")
    admin = User.objects.create_superuser(username=username, password=password, email="",
                                          first_name="ผู้ดูแลระบบ")
    _write_password_file(home, username, password)
    return admin, password


def _body_limit() -> int:
    """Largest request: a progress entry with its maximum number of evidence files, plus forms."""
    from django.conf import settings

    from prongsai.web.plans.forms import MAX_FILES_PER_ENTRY

    return MAX_FILES_PER_ENTRY * settings.UPLOAD_MAX_BYTES + 8 * 1024 * 1024


def prepare(host: str = "127.0.0.1", demo: bool = False) -> dict[str, Any]:
    """Everything before serving: settings, migrations, the administrator, demo data."""
    home = setup_django(host)
    from django.core.management import call_command

    database = sqlite_path()
    if database is not None:
        datafolder.check_database(database, home)
        datafolder.make_private(home, tuple(database.with_name(database.name + s) for s in ("", "-wal", "-shm")))
    _clean_temporary()
    call_command("migrate", interactive=False, verbosity=0)
    admin, password = ensure_admin(home)
    loaded = []
    if demo:
        from prongsai.web.demo import load_demo

        loaded = load_demo(admin)
    return {"home": home, "admin": admin, "password": password, "demo": loaded}


def default_workers() -> int:
    """One process per core (the GIL keeps one process on one core), at most 8: SQLite's writes
    are serialised anyway, and each process holds a copy of the application."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def _gunicorn_usable() -> bool:
    if os.environ.get("PRONGSAI_SERVER", "").strip().lower() == "waitress" or os.name != "posix":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def _body_limited(app: Any, limit: int) -> Any:
    """Refuse an oversized request before anything reads it (waitress has its own limit;
    gunicorn has none, and Django would spool the body into temporary files)."""
    from django.conf import settings

    too_large = (f"ส่งข้อมูลไม่สำเร็จ เพราะไฟล์แนบรวมกันใหญ่เกินกำหนด กรุณาแนบไฟล์ละไม่เกิน "
                 f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB หรือแนบให้น้อยลง แล้วกดย้อนกลับเพื่อส่งอีกครั้ง")

    def limited(environ: dict[str, Any], start_response: Any) -> Any:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            body = too_large.encode()
            start_response("413 Request Entity Too Large", [("Content-Type", "text/plain; charset=utf-8"),
                                                            ("Content-Length", str(len(body))),
                                                            ("Connection", "close")])
            return [body]
        return app(environ, start_response)

    return limited


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so a busy port is one Thai line, whichever server runs."""
    if host in ("", "0.0.0.0"):
        return socket.create_server(("0.0.0.0", port), backlog=2048)
    if host == "::":
        return socket.create_server(("::", port), family=socket.AF_INET6, dualstack_ipv6=True, backlog=2048)
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    return socket.create_server((host, port), family=family, backlog=2048)


def _start_daily_backups() -> None:
    """On the embedded SQLite only; PostgreSQL installs back up with cron (README)."""
    from django.conf import settings

    if sqlite_path() is None or not settings.BACKUP_DAILY:
        return
    source = backup_source()
    folder = Path(settings.BACKUP_DIR)
    backup_schedule.start(folder, lambda path: backup.write_backup(path, source), settings.BACKUP_KEEP_DAILY,
                          settings.BACKUP_KEEP_WEEKLY,
                          also=_clean_temporary)


def _start_background() -> None:
    """What every worker process runs beside requests: daily backups, scheduled OIT checks, the
    daily reminders (from 08:00; each is claimed in the database, so every worker may run it)."""
    from django.conf import settings

    from prongsai.web.oit import schedule
    from prongsai.web.reminders import daily

    _start_daily_backups()
    if settings.OIT_SCHEDULE:
        schedule.start(Path(settings.HOME), settings.OIT_DAILY_WINDOW)
    if daily.enabled():
        daily.start()


def _run_gunicorn(app: Any, listener: socket.socket, workers: int, threads: int,
                  trusted: list[proxy.Network]) -> int:
    from gunicorn.app.base import BaseApplication

    # gunicorn takes the socket over (and closes it when it stops).
    options: dict[str, Any] = {
        "bind": [f"fd://{listener.detach()}"],
        "workers": workers,
        "worker_class": "gthread",  # keep-alive and threads for the slow waits (PDF, uploads)
        "threads": threads,
        # gunicorn's own default trusts 127.0.0.1: here only the configured proxies count.
        "forwarded_allow_ips": ",".join(str(n) for n in trusted),
        "preload_app": True,
        "proc_name": "prongsai",
        "loglevel": "warning",
        "errorlog": "-",
        "accesslog": None,
        "timeout": 120,
        "graceful_timeout": 20,
        "keepalive": 5,
        "control_socket_disable": True,
        "post_worker_init": lambda worker: _start_background(),
    }

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # a setting older gunicorn releases lack
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    master = os.getpid()
    try:
        Server().run()
    except SystemExit as exc:
        if os.getpid() != master:  # a worker leaving: gunicorn's own exit path
            raise
        return int(exc.code or 0)
    return 0


def _run_waitress(app: Any, listener: socket.socket, threads: int) -> int:
    from waitress import create_server

    # Forwarded headers are checked by proxy.forwarded_headers_checked (waitress trusts only one
    # proxy address itself), so waitress passes them through.
    server = create_server(app, sockets=[listener], ident="prongsai", threads=threads,
                           clear_untrusted_proxy_headers=False, max_request_body_size=_body_limit())
    _start_background()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def serve(port: int = 8000, host: str = "127.0.0.1", demo: bool = False, workers: int | None = None) -> int:
    try:
        trusted = proxy.trusted_proxies()
        state = prepare(host, demo)
    except (datafolder.StartRefused, proxy.BadProxySetting) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # a broken database URL, an unwritable folder …
        print(f"เปิดระบบไม่ได้: {exc}", file=sys.stderr)
        return 2
    home, admin, password = state["home"], state["admin"], state["password"]
    shown_host = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    if host in ("0.0.0.0", "::"):
        shown_host = "ชื่อหรือไอพีของเครื่องนี้"
    url = f"http://{shown_host}:{port}/"
    _say("โปร่งใส — ระบบงานการประเมินคุณธรรมและความโปร่งใส (ITA)")
    _say(f"ข้อมูลเก็บที่: {home}")
    if password:
        _say("")
        _say("สร้างบัญชีผู้ดูแลระบบแล้ว ใช้เข้าสู่ระบบครั้งแรก:")
        _say(f"  ชื่อผู้ใช้: {admin.username}")
        _say(f"  รหัสผ่าน:  {password}")
        _say(f"  (บันทึกไว้ในไฟล์ {home / PASSWORD_FILE} ด้วย — เปลี่ยนรหัสผ่านหลังเข้าสู่ระบบ แล้วลบไฟล์นี้)")
    elif (home / PASSWORD_FILE).exists():
        _say(f"ชื่อผู้ใช้และรหัสผ่านของผู้ดูแลระบบอยู่ในไฟล์ {home / PASSWORD_FILE}")
    if state["demo"]:
        _say("ใส่ข้อมูลตัวอย่างแล้ว: " + ", ".join(a.name for a in state["demo"]))
    elif demo:
        from prongsai.web.demo import example_files

        _say("มีข้อมูลตัวอย่างอยู่แล้ว" if example_files() else
             "ไม่พบไฟล์ตัวอย่าง (examples/*.yaml) จึงไม่ได้ใส่ข้อมูลตัวอย่าง")
    from django.db import connections

    from prongsai.web.wsgi import application

    app = _body_limited(proxy.forwarded_headers_checked(application, trusted), _body_limit())
    # Worker processes are forked from this one: none may inherit an open database connection.
    connections.close_all()
    try:
        listener = _listen(host, port)
    except OSError as exc:
        print(f"เปิดพอร์ต {port} ไม่ได้ ({exc.strerror or exc}) อาจมีโปรแกรมอื่นใช้อยู่ "
              f"ลองพอร์ตอื่น เช่น prongsai serve --port {port + 1}", file=sys.stderr)
        return 2
    use_gunicorn = _gunicorn_usable()
    workers = workers or (default_workers() if use_gunicorn else 1)
    raw_threads = os.environ.get("PRONGSAI_THREADS", "").strip() or ("4" if use_gunicorn else "8")
    if not raw_threads.isdigit() or not 1 <= int(raw_threads) <= 64:
        print(f"ค่า PRONGSAI_THREADS ไม่ถูกต้อง: '{raw_threads}' (ที่ถูกต้อง: จำนวนเต็ม 1–64)", file=sys.stderr)
        listener.close()
        return 2
    threads = int(raw_threads)
    _say("")
    if use_gunicorn:
        _say(f"เซิร์ฟเวอร์: gunicorn {workers} โปรเซส (workers) × {threads} เธรด")
    else:
        _say(f"เซิร์ฟเวอร์: waitress 1 โปรเซส (workers) × {threads} เธรด")
        if workers > 1:
            _say("หมายเหตุ: waitress ให้บริการด้วยโปรเซสเดียว จึงไม่ใช้ --workers (หลายโปรเซสใช้ gunicorn บน Linux)")
    if trusted:
        _say("เชื่อถือ X-Forwarded-Proto/For จากพร็อกซี: " + ", ".join(str(n) for n in trusted))
    _say(f"เปิดเบราว์เซอร์ที่ {url}  (กด Ctrl+C เพื่อปิดระบบ)")
    if host in ("0.0.0.0", "::"):
        _say("คำเตือน: เปิดให้ทุกเครื่องในเครือข่ายเข้าถึงได้ ควรใช้ผ่าน HTTPS (ดู prongsai.web.settings_production)")
    try:
        code = _run_gunicorn(app, listener, workers, threads, trusted) if use_gunicorn else (
            _run_waitress(app, listener, threads))
    finally:
        listener.close()
    _say("ปิดระบบแล้ว")
    return code
