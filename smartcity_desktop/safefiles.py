"""The one way an attachment leaves a dossier for the disk (DESIGN.md: "a dossier is data, never paths").

A dossier may be crafted: an attachment's stored name can be ``/etc/x``, ``../../.bashrc``, ``C:\\x``,
``\\\\server\\share\\x``, ``CON``, carry control characters or be 10,000 bytes long. Every caller that writes
attachments out — the GUI's "open", ``extract``, the submission package — goes through here:

* ``safe_name(name)`` reduces a stored name to one plain file name that is valid on Windows, macOS and
  Linux: no folders, no drive or UNC prefix, no reserved device name, no control or invisible format
  characters, no leading dots (hidden files) or trailing dots/spaces, at most ``limit`` UTF-8 bytes with
  the extension kept;
* ``write_attachment(pf, aid, folder)`` writes one attachment into ``folder`` (a folder the program or
  the user chose) under that name, numbered ``name (2).ext`` on a collision (existing files are never
  overwritten), through a private temp file that is linked into place, so a symlink planted in the folder
  is never followed and a failed write leaves nothing;
* ``write_attachments(pf, ids, folder)`` does that for several, numbering names that collide among them.
"""
from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from smartcity_desktop.errors import DamagedFile, DataProblem, FileProblem
from smartcity_desktop.i18n import tr

NAME_MAX_BYTES = 255  # Linux, macOS and NTFS count a name's length in bytes (UTF-8) or UTF-16 units; 255
EXT_MAX_CHARS = 16  # a longer "extension" is part of the name, not a file type
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")})
_FORBIDDEN = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')  # not allowed in Windows names; control chars anywhere


def name_limit(folder: Path) -> int:
    """The longest file name (bytes) ``folder``'s file system takes, at most NAME_MAX_BYTES."""
    try:
        return max(16, min(NAME_MAX_BYTES, os.pathconf(folder, "PC_NAME_MAX")))
    except (AttributeError, OSError, ValueError):
        return NAME_MAX_BYTES


def _fits(stem: str, ext: str, limit: int) -> str:
    while stem and len((stem + ext).encode("utf-8")) > limit:
        stem = stem[:-1]
    return (stem.rstrip(" .") or "_") + ext


def safe_name(name: str, *, fallback: str = "", limit: int = NAME_MAX_BYTES) -> str:
    """``name`` as one harmless file name (see the module docstring); ``fallback`` (or 附件) when nothing is left."""
    text = unicodedata.normalize("NFC", str(name))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]  # folders, drive-relative and UNC prefixes go
    text = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)
    text = _FORBIDDEN.sub("_", text).strip().lstrip(".").rstrip(" .")
    if not text or set(text) <= {"_", " ", "."}:
        text = safe_name(fallback, limit=limit) if fallback else tr("附件")
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > EXT_MAX_CHARS or " " in ext:
        stem, ext = text, ""
    else:
        ext = "." + ext
    if stem.split(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED:  # CON, nul.txt, COM1.tar.gz: devices on Windows
        stem = "_" + stem
    return _fits(stem, ext, limit)


def numbered(name: str, n: int, *, limit: int = NAME_MAX_BYTES) -> str:
    """``报告.pdf`` → ``报告 (2).pdf`` (the stem shortened if the number would not fit)."""
    if n <= 1:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    else:
        ext = "." + ext
    return _fits(stem, f" ({n}){ext}", limit)


def _taken(folder: Path, name: str, taken: set[str]) -> bool:
    return name.casefold() in taken or os.path.lexists(folder / name)


def _link_into_place(tmp: Path, folder: Path, name: str, taken: set[str], limit: int) -> Path:
    """Give ``tmp`` its final name without replacing anything (hard link: never follows a symlink)."""
    for n in range(1, 10_000):
        candidate = numbered(name, n, limit=limit)
        if _taken(folder, candidate, taken):
            continue
        dest = folder / candidate
        try:
            if os.link in os.supports_follow_symlinks:  # tmp is ours and regular: never resolve anything
                os.link(tmp, dest, follow_symlinks=False)
            else:  # Windows: link() takes no follow_symlinks and never replaces an existing name either
                os.link(tmp, dest)
        except FileExistsError:
            continue  # someone else took it in the meantime
        except (OSError, NotImplementedError):  # no hard links here (FAT, some shares): rename, checked just above
            if os.path.lexists(dest):
                continue
            try:
                os.rename(tmp, dest)  # Windows refuses an existing target; POSIX: checked just above
            except FileExistsError:
                continue
        taken.add(candidate.casefold())
        return dest
    raise FileProblem(tr("文件夹 {folder} 中同名文件太多。", folder=folder))


def _checked_folder(folder: Path) -> Path:
    real = Path(os.path.realpath(folder))
    if not real.is_dir():
        raise FileProblem(tr("文件夹 {folder} 不存在。", folder=folder))
    return real


def write_attachment(pf: Any, aid: str, folder: str | os.PathLike[str], *, name: str | None = None,
                     taken: set[str] | None = None) -> Path:
    """Write attachment ``aid`` of ``pf`` (an open ProjectFile) into ``folder`` under a safe, free name.

    ``name`` (default: the stored name) is made safe like any other, e.g. the package's ``03-<name>``.
    The bytes are checked against the stored size and checksum on the way; a failure leaves no file.
    ``taken`` collects the names (casefolded) already used in this batch. Returns the written path,
    always directly inside ``folder``.
    """
    import hashlib  # here, not at start (opening a dossier imports this module for too_long): OpenSSL, ~3-4 ms
    import secrets

    att = pf.attachment(aid)  # DataProblem for an unknown id
    real = _checked_folder(Path(folder))
    limit = name_limit(real)
    name = safe_name(att.name if name is None else name, fallback=f"{tr('附件')}-{safe_name(att.id)}", limit=limit)
    tmp = real / f".sc-{secrets.token_hex(6)}.part"
    digest, size = hashlib.sha256(), 0
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                for block in pf.read_attachment(aid):
                    digest.update(block)
                    size += len(block)
                    handle.write(block)
                handle.flush()
                os.fsync(handle.fileno())
            if size != att.size or pf.codec.blob_id(digest.hexdigest()) != att.blob_id:
                raise DamagedFile(tr("附件 {name} 的校验值不符，文件可能已损坏。", name=name))
            if taken is None:
                taken = set()
            if not taken:  # names differing only in case are one file on Windows, macOS and USB sticks
                taken.update(entry.casefold() for entry in os.listdir(real))
            return _link_into_place(tmp, real, name, taken, limit)
        finally:
            try:
                tmp.unlink()
            except OSError:
                pass  # renamed into place, or never created
    except PermissionError:
        raise FileProblem(tr("无法在文件夹 {folder} 中写入：没有写入权限。", folder=folder)) from None
    except OSError as exc:
        raise FileProblem(tr("无法写出附件 {name} 到 {folder}：{reason}", name=name, folder=folder,
                             reason=exc.strerror or exc)) from None


def check_ids(pf: Any, ids: Iterable[str]) -> list[str]:
    """``ids`` without repeats, or DataProblem (exit 1) naming those that are not attachments of ``pf``."""
    wanted = list(dict.fromkeys(ids))
    known = {a.id for a in pf.attachments()}
    unknown = [aid for aid in wanted if aid not in known]
    if unknown:
        raise DataProblem(tr("卷宗中没有附件 {aid}", aid="、".join(unknown)))
    return wanted


def write_attachments(pf: Any, ids: Iterable[str], folder: str | os.PathLike[str]) -> list[Path]:
    """Write several attachments into ``folder`` (see ``write_attachment``); all ids are checked first,
    so an unknown id writes nothing. Returns the written paths in the order of ``ids``."""
    wanted = check_ids(pf, ids)
    taken: set[str] = set()
    return [write_attachment(pf, aid, folder, taken=taken) for aid in wanted]


def too_long(path: str | os.PathLike[str], *, extra: int = 0) -> str | None:
    """A message if ``path``'s name (plus ``extra`` bytes the program adds for its temp, journal or lock
    files) is longer than its folder's file system allows; None when it fits."""
    path = Path(path)
    used = len(path.name.encode("utf-8"))
    parent = path.parent if path.parent.is_dir() else Path(".")
    limit = name_limit(parent) - extra
    if used <= limit:
        return None
    chars = max(1, (limit - len(path.suffix.encode("utf-8"))) // 3)
    return tr("文件名太长：{name}…（{n} 字节，这里最多 {limit} 字节，即扩展名之外约 {chars} 个汉字）。请用短一些的名称。",
              name=path.name[:24], n=used, limit=limit, chars=chars)


def output_folder(path: str | os.PathLike[str]) -> Path:
    """The folder a command writes into (``export --out``, ``extract --out``): made if missing; a
    file in its place, a read-only folder or a name too long is one clear ``FileProblem`` (exit 2)."""
    folder = Path(path)
    if os.path.lexists(folder) and not folder.is_dir():
        raise FileProblem(tr("{path} 不是文件夹（已有同名文件）：请给出一个文件夹。", path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError:
        raise FileProblem(tr("无法创建文件夹 {path}：没有写入权限。", path=folder)) from None
    except OSError as exc:
        message = too_long(folder) if exc.errno == errno.ENAMETOOLONG else None
        raise FileProblem(message or tr("无法创建文件夹 {path}：{reason}", path=folder,
                                        reason=exc.strerror or exc)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem(tr("无法写入文件夹 {path}：没有写入权限（只读文件夹或只读磁盘）。", path=folder))
    return folder
