"""DOCX -> PDF with LibreOffice headless, so the PDF looks exactly like the DOCX staff edit.

- :func:`convert_many` converts a whole batch in ONE ``soffice`` process (start-up ~0.9 s is
  paid once; each further document costs ~0.1 s). Use it whenever there is more than one file.
- :func:`convert_docx_to_pdf` is the one-document form of the same call.
- :func:`start_office` starts LibreOffice ahead (while Python builds the DOCX, on the other
  core); ``convert_many(..., office=...)`` then hands the documents to that running instance,
  so a whole ``prongsai report --format pdf`` costs little more than LibreOffice's own
  conversion. The instance has its own pooled profile too and exits after its one batch.
- Every call uses its own LibreOffice profile (``-env:UserInstallation``) taken from a small
  pool of reusable profiles guarded by a file lock, so concurrent calls, several worker
  processes and the root user all work, and a profile is not rebuilt every time.
- Fonts are checked first (:func:`prongsai.documents.fonts.ensure_fonts_installed`): without
  TH Sarabun New LibreOffice silently substitutes a 1.5x larger font.
- All-or-nothing: the PDFs are produced in a temporary directory and only moved to their
  destinations when every document converted; a failure leaves no new or partial file.
- ``context_numerals=True`` sets LibreOffice's CTL option "Numerals: Context" in the profile:
  a digit is drawn in the native form of its run's language (th-TH: ๑ ๒ ๓), the text layer
  keeps the character as written. LibreOffice 7.4 ignores ``pgNumType w:fmt="thaiNumbers"``,
  so this is how report page numbers (th-TH runs) print in Thai digits; runs in en-US keep
  their digits. Off (the default) resets the pooled profile to Arabic numerals.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from prongsai.documents.fonts import ensure_fonts_installed
from prongsai.errors import EnvironmentProblem

DEBIAN_PACKAGE = "libreoffice-writer-nogui"
SOFFICE_ENV = "PRONGSAI_SOFFICE"  # optional explicit path to soffice

_CANDIDATES = ("soffice", "libreoffice")
_FALLBACK_PATHS = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_MAX_PROFILES = 16

BASE_TIMEOUT = 90.0  # seconds for start-up and the first document
PER_DOCUMENT_TIMEOUT = 20.0  # added for every further document in a batch
SERVER_EXIT_WAIT = 3.0  # seconds an Office instance may take to exit after its conversion (~0.1 s)


class ConverterMissingError(EnvironmentProblem):
    """LibreOffice (soffice) is not installed or not found."""


class ConversionError(EnvironmentProblem):
    """LibreOffice ran but did not produce every PDF (or timed out)."""


PathLike = str | os.PathLike[str]


def find_soffice() -> str:
    """Path of the LibreOffice binary; ConverterMissingError (Thai) when absent."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        if Path(explicit).is_file() and os.access(explicit, os.X_OK):
            return explicit
        raise ConverterMissingError(
            f"ไม่พบโปรแกรม LibreOffice ที่ตั้งค่าไว้ใน {SOFFICE_ENV}={explicit} "
            "ให้ตรวจสอบเส้นทางของไฟล์ soffice หรือลบค่าตัวแปรนี้ออก"
        )
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in _FALLBACK_PATHS:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ConverterMissingError(
        "ไม่พบโปรแกรม LibreOffice (soffice) ซึ่งใช้แปลงเอกสาร DOCX เป็น PDF "
        f"ให้ผู้ดูแลระบบติดตั้งแพ็กเกจ {DEBIAN_PACKAGE} ด้วยคำสั่ง: "
        f"sudo apt-get install -y {DEBIAN_PACKAGE}"
    )


def soffice_available() -> bool:
    try:
        find_soffice()
    except ConverterMissingError:
        return False
    return True


# --------------------------------------------------------------------------- profiles


def _profile_root() -> Path:
    return Path(tempfile.gettempdir()) / f"prongsai-lo-{os.getuid() if hasattr(os, 'getuid') else 'u'}"


@contextmanager
def _profile() -> Iterator[tuple[Path, list[bool]]]:
    """A LibreOffice profile directory nobody else is using, locked for the duration.

    Yields (directory, discard) — set ``discard[0] = True`` to delete the profile afterwards
    (after a timeout or crash it may be damaged).
    """
    root = _profile_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for index in range(_MAX_PROFILES):
        lock_path = root / f"profile-{index}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        directory = root / f"profile-{index}"
        discard = [False]
        try:
            yield directory, discard
        finally:
            if discard[0]:
                shutil.rmtree(directory, ignore_errors=True)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    # Every pooled profile is busy: use a throw-away one.
    directory = Path(tempfile.mkdtemp(prefix="profile-tmp-", dir=root))
    try:
        yield directory, [True]
    finally:
        shutil.rmtree(directory, ignore_errors=True)


_REGISTRY = "registrymodifications.xcu"
_NUMERALS_ITEM = (
    '<item oor:path="/org.openoffice.Office.Common/I18N/CTL">'
    '<prop oor:name="CTLTextNumerals" oor:op="fuse"><value>{value}</value></prop></item>'
)
_NUMERALS_RE = re.compile(
    r'<item oor:path="/org\.openoffice\.Office\.Common/I18N/CTL">'
    r'<prop oor:name="CTLTextNumerals"[^>]*>.*?</prop></item>\s*',
    re.DOTALL,
)
_EMPTY_REGISTRY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n'
)


def _set_ctl_numerals(profile: Path, context: bool) -> None:
    """CTL numerals of the profile: 3 = Context (native digits by language), 0 = Arabic."""
    registry = profile / "user" / _REGISTRY
    registry.parent.mkdir(parents=True, exist_ok=True)
    try:
        text = registry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    if "</oor:items>" not in text:
        text = _EMPTY_REGISTRY
    text = _NUMERALS_RE.sub("", text)
    item = _NUMERALS_ITEM.format(value=3 if context else 0)
    text = text.replace("</oor:items>", item + "\n</oor:items>", 1)
    registry.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- conversion


def _kill_group(proc: subprocess.Popen) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with suppress(Exception):
        proc.wait(timeout=10)


def _soffice_args(soffice: str, profile: Path) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--nofirststartwizard",
        "--nolockcheck",
        "--norestore",
    ]


def _soffice_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HOME", str(Path.home()))
    return env


def _run_soffice(soffice: str, profile: Path, outdir: Path, inputs: list[Path], timeout: float) -> str:
    """Run one soffice process converting `inputs` into `outdir`; return its combined output."""
    cmd = [
        *_soffice_args(soffice, profile),
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *[str(p) for p in inputs],
    ]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=_soffice_env(),
        cwd=str(outdir),
        start_new_session=True,  # own process group: a timeout kills oosplash and soffice.bin
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise ConversionError(
            f"LibreOffice แปลงเอกสารเป็น PDF ไม่เสร็จภายในเวลา {timeout:g} วินาที "
            f"({len(inputs)} ไฟล์) จึงยกเลิกและไม่ได้บันทึกไฟล์ PDF ใด ๆ "
            "ให้ลองใหม่อีกครั้ง หรือแบ่งเอกสารเป็นชุดเล็กลง"
        ) from exc
    except BaseException:  # interrupted (Ctrl-C, worker shutdown): do not leave soffice running
        _kill_group(proc)
        raise
    text = output.decode("utf-8", "replace") if output else ""
    if proc.returncode not in (0, None):
        # soffice often exits 0 even when a file failed; the outputs are checked by the caller.
        text += f"\n(soffice exit code {proc.returncode})"
    return text


def _looks_like_docx(path: Path) -> bool:
    """A DOCX is a zip with [Content_Types].xml (LibreOffice would 'convert' random bytes as text)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _check_jobs(jobs: list[tuple[Path, Path]]) -> list[Path]:
    """Refuse a batch before LibreOffice is involved; the resolved destinations."""
    for src, _ in jobs:
        if not src.is_file():
            raise ConversionError(f"ไม่พบไฟล์เอกสารต้นฉบับ {src}")
    not_docx = [src.name for src, _ in jobs if not _looks_like_docx(src)]
    if not_docx:
        raise ConversionError(
            f"ไฟล์ต่อไปนี้ไม่ใช่เอกสาร DOCX ที่ถูกต้อง: {', '.join(not_docx[:10])} "
            "จึงไม่ได้แปลงไฟล์ใดเป็น PDF ให้บันทึกเอกสารใหม่เป็นรูปแบบ .docx แล้วลองอีกครั้ง"
        )
    destinations = [dst.resolve() for _, dst in jobs]
    if len(set(destinations)) != len(destinations):
        raise ConversionError("มีไฟล์ PDF ปลายทางซ้ำกันในชุดเดียวกัน ให้ตั้งชื่อไฟล์ปลายทางไม่ให้ซ้ำ")
    for dst in destinations:
        if not dst.parent.is_dir():
            raise ConversionError(f"ไม่พบโฟลเดอร์ปลายทาง {dst.parent}")
    return destinations


def _stage_inputs(jobs: list[tuple[Path, Path]], in_dir: Path) -> list[Path]:
    """LibreOffice names each PDF after its input: link (or copy) the inputs to unique ASCII
    names, so that two "report.docx" from different folders (or odd Thai names) cannot clash."""
    inputs = []
    for index, (src, _) in enumerate(jobs):
        staged = in_dir / f"d{index:05d}.docx"
        try:
            os.link(src, staged)  # same file system: no copy
        except OSError:
            shutil.copyfile(src, staged)
        inputs.append(staged)
    return inputs


def _deliver(jobs: list[tuple[Path, Path]], inputs: list[Path], out_dir: Path, destinations: list[Path],
             log: str) -> None:
    """Every PDF produced, or ConversionError and no destination touched; then each PDF is
    staged next to its destination and renamed: never a half-written PDF at the target."""
    produced = [out_dir / f"{staged.stem}.pdf" for staged in inputs]
    failed = [src.name for (src, _), pdf in zip(jobs, produced, strict=True) if not _is_pdf(pdf)]
    if failed:
        lines = [line.strip() for line in log.splitlines() if line.strip()]
        detail = [line for line in lines if "rror" in line][-3:] or lines[-2:]
        raise ConversionError(
            f"LibreOffice แปลงเอกสารเป็น PDF ไม่สำเร็จ {len(failed)} จาก {len(jobs)} ไฟล์: "
            f"{', '.join(failed[:10])}{' …' if len(failed) > 10 else ''} "
            "จึงไม่ได้บันทึกไฟล์ PDF ใด ๆ ให้ตรวจว่าไฟล์ DOCX เปิดได้และไม่เสียหาย"
            + (f" (รายละเอียด: {' | '.join(detail)})" if detail else "")
        )
    staged_out: list[tuple[Path, Path]] = []
    try:
        for pdf, dst in zip(produced, destinations, strict=True):
            tmp = dst.with_name(f".{dst.name}.{uuid.uuid4().hex[:8]}.part")
            staged_out.append((tmp, dst))
            try:
                os.rename(pdf, tmp)  # same file system: no copy
            except OSError:
                shutil.copyfile(pdf, tmp)
    except OSError as exc:
        for tmp, _ in staged_out:
            with suppress(OSError):
                tmp.unlink()
        raise ConversionError(f"บันทึกไฟล์ PDF ไม่สำเร็จ: {exc}") from exc
    for tmp, dst in staged_out:
        os.replace(tmp, dst)


def convert_many(
    pairs: Iterable[tuple[PathLike, PathLike]],
    timeout: float | None = None,
    check_fonts: bool = True,
    context_numerals: bool = False,
    office: Office | None = None,
) -> list[Path]:
    """Convert every (docx_path, pdf_path) pair with a single soffice process.

    Returns the PDF paths. Raises ConverterMissingError, FontMissingError, ConversionError
    (Thai messages). On any error no destination file is created or replaced.
    `timeout` defaults to BASE_TIMEOUT + PER_DOCUMENT_TIMEOUT per further document.

    `office`: a LibreOffice started ahead with :func:`start_office` (it already has its
    profile, fonts and numerals; `check_fonts` and `context_numerals` are then its own).
    """
    jobs = [(Path(src), Path(dst)) for src, dst in pairs]
    if not jobs:
        return []
    destinations = _check_jobs(jobs)
    if office is None:
        soffice = find_soffice()
        if check_fonts:
            ensure_fonts_installed()
    if timeout is None:
        timeout = BASE_TIMEOUT + PER_DOCUMENT_TIMEOUT * (len(jobs) - 1)

    with tempfile.TemporaryDirectory(prefix="prongsai-pdf-") as work:
        work_dir = Path(work)
        in_dir = work_dir / "in"
        out_dir = work_dir / "out"
        in_dir.mkdir()
        out_dir.mkdir()
        inputs = _stage_inputs(jobs, in_dir)
        if office is not None:
            log = office.convert(out_dir, inputs, timeout)
        else:
            with _profile() as (profile, discard):
                try:
                    _set_ctl_numerals(profile, context_numerals)
                    log = _run_soffice(soffice, profile, out_dir, inputs, timeout)
                except ConversionError:
                    discard[0] = True
                    raise
        _deliver(jobs, inputs, out_dir, destinations, log)
    return destinations


# --------------------------------------------------------------------------- started ahead


class Office:
    """A LibreOffice started ahead of the conversion, so that its start-up (most of a
    conversion's time) runs on the other core while Python still builds the documents.

    It runs ``soffice --headless`` on its own pooled profile (locked until it has exited)
    with no document; :meth:`convert` then runs ``soffice --convert-to`` on the SAME profile,
    which hands its arguments to the running instance through LibreOffice's single-instance
    pipe, waits until it has converted them and exits; with nothing left open the instance
    exits too. One conversion per Office. :meth:`close` (also on leaving the ``with``
    block, or when building failed) stops an instance still running and frees the profile.

    Create it with :func:`start_office`.
    """

    def __init__(self, soffice: str, context_numerals: bool) -> None:
        self.context_numerals = context_numerals
        self._soffice = soffice
        self._stack = ExitStack()
        self._used = False
        self._server: subprocess.Popen | None = None
        try:
            self._profile, self._discard = self._stack.enter_context(_profile())
            _set_ctl_numerals(self._profile, context_numerals)
            self._log = self._stack.enter_context(
                tempfile.NamedTemporaryFile(prefix="prongsai-office-", suffix=".log")  # noqa: SIM115 - closed by the stack
            )
            self._server = subprocess.Popen(
                _soffice_args(soffice, self._profile),
                stdout=self._log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=_soffice_env(),
                cwd=str(self._profile.parent),
                start_new_session=True,  # own process group: close() kills oosplash and soffice.bin
            )
        except BaseException:
            self._stack.close()
            raise

    def convert(self, out_dir: Path, inputs: list[Path], timeout: float) -> str:
        """Convert `inputs` into `out_dir` through the running instance; its output."""
        if self._used or self._server is None:
            raise RuntimeError("Office converts one batch; start another with start_office()")
        self._used = True
        deadline = time.monotonic() + timeout
        try:
            log = _run_soffice(self._soffice, self._profile, out_dir, inputs, timeout)
            # The instance exits by itself once the handed-over documents are converted.
            self._server.wait(timeout=max(1.0, min(SERVER_EXIT_WAIT, deadline - time.monotonic())))
        except ConversionError:
            self._discard[0] = True
            raise
        except subprocess.TimeoutExpired:
            # Still running (e.g. the client started before the instance's pipe existed and
            # converted by itself): stop it; the profile may be half-written.
            self._discard[0] = True
        finally:
            self._stop()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace") + "\n" + log

    def _stop(self) -> None:
        if self._server is not None and self._server.poll() is None:
            _kill_group(self._server)
            self._discard[0] = True

    def close(self) -> None:
        try:
            self._stop()
        finally:
            self._stack.close()

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_office(context_numerals: bool = False, check_fonts: bool = True) -> Office:
    """Start LibreOffice now, for one :func:`convert_many` call later (``office=``).

    Finds soffice and checks the fonts first (ConverterMissingError, FontMissingError).
    Use it as a context manager around building the documents::

        with pdf.start_office(context_numerals=True) as office:
            ... build the DOCX files ...
            pdf.convert_many(pairs, office=office)
    """
    soffice = find_soffice()
    if check_fonts:
        ensure_fonts_installed()
    return Office(soffice, context_numerals)


def convert_docx_to_pdf(
    docx_path: PathLike, pdf_path: PathLike, timeout: float | None = None, context_numerals: bool = False
) -> Path:
    """Convert one DOCX to PDF (one soffice start-up, ~1 s). Prefer convert_many for batches."""
    return convert_many([(docx_path, pdf_path)], timeout=timeout, context_numerals=context_numerals)[0]


def convert_to_dir(
    docx_paths: Iterable[PathLike], out_dir: PathLike, timeout: float | None = None
) -> list[Path]:
    """Convert DOCX files into `out_dir`, each PDF named after its DOCX (one soffice process)."""
    out = Path(out_dir)
    return convert_many([(p, out / f"{Path(p).stem}.pdf") for p in docx_paths], timeout=timeout)
