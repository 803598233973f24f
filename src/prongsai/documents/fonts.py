"""The document font, TH Sarabun New 1.35, vendored in ``documents/fonts/``.

LibreOffice finds fonts through fontconfig. When TH Sarabun New is missing it silently
substitutes another Thai font at the full point size (text 1.5x larger, more pages), so
every conversion first calls :func:`ensure_fonts_installed`, which installs the vendored
TTFs for the current user (no root needed) and checks that fontconfig now resolves the
family name to them.

That check runs ``fc-match`` (and, the first time, ``fc-cache``); its positive result is kept
in a small marker file (:func:`marker_path`) naming the font files fontconfig resolved to with
their size and modification time, so a later process only ``stat``s two files. The marker is
ignored (and the full check runs again) as soon as either file is missing or changed, or the
vendored fonts change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

from prongsai.errors import EnvironmentProblem

FONT_FAMILY = "TH Sarabun New"

# style -> file name, with the sha256 of the vendored file (see fonts/LICENSE-FONTS.txt).
FONT_FILES: dict[str, tuple[str, str]] = {
    "Regular": (
        "THSarabunNew-Regular.ttf",
        "b248f824f3d7a8576bc396826a4d898070c1420564f6ce6aa716aa8ad24f824a",
    ),
    "Bold": ("THSarabunNew-Bold.ttf", "49596f298a8fe248c5340b4589b3b4adfcf34a3e24084ebeb4f49c6600f75fa7"),
    "Italic": ("THSarabunNew-Italic.ttf", "341b9b5d13b696f74c6318d32bbae7ff183e6bdc07ef3ca1a6f9c5dd83c6494b"),
    "BoldItalic": (
        "THSarabunNew-BoldItalic.ttf",
        "64a69cbeca6d34dc754a7ab2106615c14fbd359d339ed0f65d2a7b17de14cdfa",
    ),
}

_FILE_PREFIX = "THSarabunNew"
_FC_TIMEOUT = 120

_lock = threading.Lock()
_installed: Path | None = None  # the font file fontconfig resolved to, once checked


class FontMissingError(EnvironmentProblem):
    """TH Sarabun New is not usable by fontconfig (LibreOffice would substitute another font)."""


def font_dir() -> Path:
    """The directory holding the vendored TH Sarabun New TTFs."""
    return Path(__file__).resolve().parent / "fonts"


def font_path(style: str = "Regular") -> Path:
    """Path of one vendored style: Regular, Bold, Italic or BoldItalic."""
    return font_dir() / FONT_FILES[style][0]


def font_paths() -> list[Path]:
    return [font_path(style) for style in FONT_FILES]


def user_font_dir() -> Path:
    """Where the fonts are copied for the current user: ``$XDG_DATA_HOME/fonts/prongsai``.

    ``$XDG_DATA_HOME`` defaults to ``~/.local/share``; fontconfig's default configuration
    scans ``$XDG_DATA_HOME/fonts`` recursively.
    """
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "fonts" / "prongsai"


def _system_install_command() -> str:
    return (
        f"sudo install -m 644 {font_dir()}/THSarabunNew-*.ttf /usr/local/share/fonts/ "
        "&& sudo fc-cache -f /usr/local/share/fonts"
    )


def _fc_match(pattern: str) -> str:
    """The file fontconfig picks for `pattern` ('' when nothing)."""
    result = subprocess.run(
        ["fc-match", "-f", "%{file}", pattern],
        capture_output=True,
        text=True,
        timeout=_FC_TIMEOUT,
        check=False,
    )
    return result.stdout.strip()


def _resolves_to_vendored() -> tuple[bool, str, str]:
    regular = _fc_match(FONT_FAMILY)
    bold = _fc_match(f"{FONT_FAMILY}:bold")
    ok = Path(regular).name.startswith(_FILE_PREFIX) and Path(bold).name.startswith(_FILE_PREFIX)
    return ok, regular, bold


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_to_user_dir(target: Path) -> bool:
    """Copy the vendored TTFs into `target`; True when something changed."""
    target.mkdir(parents=True, exist_ok=True)
    changed = False
    for src in font_paths():
        dst = target / src.name
        if dst.exists() and dst.stat().st_size == src.stat().st_size and _sha256(dst) == _sha256(src):
            continue
        tmp = dst.with_name(f".{dst.name}.tmp-{os.getpid()}")
        shutil.copyfile(src, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
        changed = True
    return changed


def marker_path() -> Path:
    """``$XDG_CACHE_HOME/prongsai/fonts-ok.json`` (``~/.cache`` by default)."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "prongsai" / "fonts-ok.json"


def _stamp(path: Path) -> list:
    info = path.stat()
    return [str(path), info.st_size, info.st_mtime_ns]


def _marker_key() -> str:
    """Changes when the vendored fonts or the font search path change."""
    digests = ",".join(digest for _, digest in FONT_FILES.values())
    return f"{digests}|{os.environ.get('XDG_DATA_HOME', '')}|{os.environ.get('FONTCONFIG_FILE', '')}"


def _read_marker() -> Path | None:
    """The resolved Regular file when the marker is still true, else None."""
    try:
        data = json.loads(marker_path().read_text(encoding="utf-8"))
        if data.get("key") != _marker_key():
            return None
        files = data["files"]
        if not files or any(_stamp(Path(stamp[0])) != stamp for stamp in files):
            return None
        return Path(files[0][0])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _write_marker(regular: Path, bold: Path) -> None:
    path = marker_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": _marker_key(), "files": [_stamp(regular), _stamp(bold)]}),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: the next process checks with fc-match again


def ensure_fonts_installed() -> Path:
    """Make TH Sarabun New visible to fontconfig and return the file it resolves to.

    Already installed (system-wide or for this user): only checked. Otherwise the vendored
    TTFs are copied to :func:`user_font_dir` and ``fc-cache -f`` is run on that directory.
    The positive result is cached for the life of the process and in :func:`marker_path`.

    Raises FontMissingError (Thai message with the command to run) when it still fails.
    """
    global _installed
    if _installed is not None:
        return _installed
    with _lock:
        if _installed is not None:
            return _installed
        marked = _read_marker()
        if marked is not None:
            _installed = marked
            return _installed
        missing = [p.name for p in font_paths() if not p.is_file()]
        if missing:
            raise FontMissingError(
                "ไม่พบไฟล์ฟอนต์ TH Sarabun New ที่มากับโปรแกรม "
                f"({', '.join(missing)} ใน {font_dir()}) "
                "ให้ติดตั้งโปรแกรมโปร่งใสใหม่ให้ครบถ้วน (pip install --force-reinstall prongsai)"
            )
        if shutil.which("fc-match") is None or shutil.which("fc-cache") is None:
            raise FontMissingError(
                "ไม่พบโปรแกรม fontconfig (fc-match, fc-cache) ซึ่งใช้ค้นหาฟอนต์ TH Sarabun New "
                "สำหรับสร้างเอกสาร PDF ให้ผู้ดูแลระบบรันคำสั่ง: sudo apt-get install -y fontconfig"
            )
        ok, found, bold = _resolves_to_vendored()
        if not ok:
            target = user_font_dir()
            try:
                _copy_to_user_dir(target)
                subprocess.run(
                    ["fc-cache", "-f", str(target)],
                    capture_output=True,
                    timeout=_FC_TIMEOUT,
                    check=False,
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise FontMissingError(
                    f"ติดตั้งฟอนต์ TH Sarabun New ให้ผู้ใช้ปัจจุบันไม่สำเร็จ ({target}: {exc}) "
                    "หากไม่มีฟอนต์นี้ เอกสาร PDF จะใช้ฟอนต์อื่นแทนและตัวอักษรจะใหญ่ผิดขนาด "
                    f"ให้ผู้ดูแลระบบติดตั้งฟอนต์ให้ทั้งเครื่องด้วยคำสั่ง: {_system_install_command()}"
                ) from exc
            ok, found, bold = _resolves_to_vendored()
        if not ok:
            raise FontMissingError(
                f'ระบบยังหาฟอนต์ TH Sarabun New ไม่พบ (fc-match "{FONT_FAMILY}" ได้ "{found or "ไม่มี"}") '
                "หากไม่มีฟอนต์นี้ เอกสาร PDF จะใช้ฟอนต์อื่นแทนและตัวอักษรจะใหญ่ผิดขนาด "
                f"ให้ผู้ดูแลระบบติดตั้งฟอนต์ให้ทั้งเครื่องด้วยคำสั่ง: {_system_install_command()}"
            )
        _installed = Path(found)
        _write_marker(_installed, Path(bold))
        return _installed


def _reset_cache_for_tests() -> None:
    global _installed
    _installed = None
