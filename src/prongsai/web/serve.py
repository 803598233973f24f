"""`prongsai serve`: the web workspace on this computer, production-grade (waitress), with
nothing to set up: the database is created and migrated on start, the first start creates an
administrator and prints how to log in, and `demo=True` loads the seed agencies."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

ADMIN_USERNAME = "admin"
PASSWORD_FILE = "admin-password.txt"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _say(text: str = "") -> None:
    print(text, flush=True)


def _prepare_environment(host: str) -> Path:
    home = Path(os.environ.get("PRONGSAI_HOME") or "prongsai-home").resolve()
    if not home.exists():
        home.mkdir(parents=True)
        home.chmod(0o700)  # the database holds password hashes; uploads are evidence files
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
    home = _prepare_environment(host)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    admin, password = ensure_admin(home)
    loaded = []
    if demo:
        from prongsai.web.demo import load_demo

        loaded = load_demo(admin)
    return {"home": home, "admin": admin, "password": password, "demo": loaded}


def serve(port: int = 8000, host: str = "127.0.0.1", demo: bool = False) -> int:
    try:
        state = prepare(host, demo)
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
    from waitress import create_server

    from prongsai.web.wsgi import application

    try:
        server = create_server(application, host=host, port=port, ident="prongsai",
                               threads=int(os.environ.get("PRONGSAI_THREADS", "8")),
                               clear_untrusted_proxy_headers=True, max_request_body_size=_body_limit())
    except OSError as exc:
        print(f"เปิดพอร์ต {port} ไม่ได้ ({exc.strerror or exc}) อาจมีโปรแกรมอื่นใช้อยู่ "
              f"ลองพอร์ตอื่น เช่น prongsai serve --port {port + 1}", file=sys.stderr)
        return 2
    _say("")
    _say(f"เปิดเบราว์เซอร์ที่ {url}  (กด Ctrl+C เพื่อปิดระบบ)")
    if host in ("0.0.0.0", "::"):
        _say("คำเตือน: เปิดให้ทุกเครื่องในเครือข่ายเข้าถึงได้ ควรใช้ผ่าน HTTPS (ดู prongsai.web.settings_production)")
    try:
        server.run()
    except KeyboardInterrupt:
        _say("ปิดระบบแล้ว")
    finally:
        server.close()
    return 0
