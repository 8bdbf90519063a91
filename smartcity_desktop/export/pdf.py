"""PDF through LibreOffice (``soffice --headless --convert-to pdf``) when it is installed.

LibreOffice runs with its own user profile under our data folder, so a LibreOffice window the user
has open (which would otherwise swallow the request silently) does not interfere.
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


def convert_to_pdf(sources: list[Path], out_dir: Path) -> list[Path]:
    """Convert ``sources`` into PDFs in ``out_dir`` (one LibreOffice start for all); return the PDFs."""
    soffice = find_soffice()
    if soffice is None:
        raise FileProblem(missing_message())
    profile = user_data_dir() / "cache" / "libreoffice-profile"
    profile.mkdir(parents=True, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--nodefault", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise FileProblem(tr("LibreOffice 转换 PDF 超时（{s} 秒）。", s=TIMEOUT_S)) from None
    except OSError as exc:
        raise FileProblem(tr("无法启动 LibreOffice：{detail}", detail=exc.strerror or exc)) from None
    pdfs = [out_dir / (s.stem + ".pdf") for s in sources]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        detail = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["-"]
        raise FileProblem(tr("LibreOffice 未能生成 {names}（{detail}）", names="、".join(missing), detail=detail[0][:200]))
    return pdfs
