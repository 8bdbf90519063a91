"""PDF through LibreOffice when it is installed.

LibreOffice runs with its own user profile under our data folder, so a LibreOffice window the user
has open (which would otherwise swallow the request silently) does not interfere. That profile holds
a font replacement table (fonts.py) so missing official fonts become Chinese serif/sans faces. Where
LibreOffice's Python (with ``uno``) is found, it runs ``resources/scripts/uno_pdf.py``, which converts
after updating the 目录 and fields; otherwise ``soffice --convert-to pdf`` does (the 目录 then keeps its
placeholder text).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.paths import user_data_dir
from smartcity_desktop.resources import resource_path

TIMEOUT_S = 300


def find_soffice() -> str | None:
    """The LibreOffice program, or None. ``SMARTCITY_SOFFICE`` overrides (an empty value = none)."""
    override = os.environ.get("SMARTCITY_SOFFICE")
    if override is not None:
        return override if override and Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [Path("/opt/libreoffice/program/soffice"), Path("/usr/lib/libreoffice/program/soffice")]
    return next((str(c) for c in candidates if c.is_file()), None)


def pdf_available() -> bool:
    return find_soffice() is not None


def missing_message() -> str:
    return tr("未找到 LibreOffice，无法导出 PDF。请安装 LibreOffice（免费），或导出 Word/Excel 后用 Word/WPS 另存为 PDF。")


def find_uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno`` for this LibreOffice, or None. ``SMARTCITY_UNO_PYTHON``
    overrides (an empty value = none: plain conversion)."""
    override = os.environ.get("SMARTCITY_UNO_PYTHON")
    if override is not None:
        return override if override and Path(override).is_file() else None
    program = Path(soffice).resolve().parent
    candidates = [program / "python.exe", program / "python"]  # Windows/macOS bundle their own
    if sys.platform != "win32":
        candidates += [Path("/usr/bin/python3"), Path("/usr/local/bin/python3")]
    for c in candidates:
        if c.is_file():
            try:
                ok = subprocess.run([str(c), "-c", "import uno"], capture_output=True, timeout=30,
                                    stdin=subprocess.DEVNULL).returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                ok = False
            if ok:
                return str(c)
    return None


def profile_dir() -> Path:
    profile = user_data_dir() / "cache" / "libreoffice-profile"
    profile.mkdir(parents=True, exist_ok=True)
    return profile


def convert_to_pdf(sources: list[Path], out_dir: Path) -> list[Path]:
    """Convert ``sources`` into PDFs in ``out_dir`` (one LibreOffice start for all); return the PDFs."""
    from smartcity_desktop.export.fonts import write_substitution_table

    soffice = find_soffice()
    if soffice is None:
        raise FileProblem(missing_message())
    profile = profile_dir()
    try:
        write_substitution_table(profile)
    except OSError:
        pass  # a read-only profile: LibreOffice's own fallback fonts
    uno_python = find_uno_python(soffice)
    if uno_python:
        script = resource_path("scripts", "uno_pdf.py")  # a resource: also a plain file in the frozen bundle
        cmd = [uno_python, str(script), soffice, profile.resolve().as_uri(), str(out_dir), *map(str, sources)]
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        try:  # its own process group, so a hung LibreOffice is ended with the script on a timeout
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=sys.platform != "win32")
        except OSError as exc:
            raise FileProblem(tr("无法启动 LibreOffice：{detail}", detail=exc.strerror or exc)) from None
        try:
            out, err = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise FileProblem(tr("LibreOffice 转换 PDF 超时（{s} 秒）。", s=TIMEOUT_S)) from None
        return _check(sources, out_dir, subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--nodefault", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise FileProblem(tr("LibreOffice 转换 PDF 超时（{s} 秒）。", s=TIMEOUT_S)) from None
    except OSError as exc:
        raise FileProblem(tr("无法启动 LibreOffice：{detail}", detail=exc.strerror or exc)) from None
    return _check(sources, out_dir, done)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        if sys.platform != "win32":
            import signal

            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    proc.communicate()


def _check(sources: list[Path], out_dir: Path, done: subprocess.CompletedProcess[bytes]) -> list[Path]:
    pdfs = [out_dir / (s.stem + ".pdf") for s in sources]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        detail = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["-"]
        raise FileProblem(tr("LibreOffice 未能生成 {names}（{detail}）", names="、".join(missing), detail=detail[0][:200]))
    return pdfs
