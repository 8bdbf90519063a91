"""What the bundled program needs from the host system, for the .deb's Depends and for the README.

    python3 installers/linux/elfdeps.py strip  DIR   strip the symbol tables the wheels left in (-85 MB)
    python3 installers/linux/elfdeps.py report DIR   JSON: host packages, unresolved libraries, minimum glibc

Standard library only; uses ldd, readelf, strip, objdump and dpkg-query from the build host. ldd runs
with LD_LIBRARY_PATH at the bundle's ``_internal`` folder, as the PyInstaller bootloader sets it. A
library a bundled file links directly (DT_NEEDED) that resolves outside DIR is owned by a Debian
package, which becomes a dependency. Libraries missing on the build host (a headless builder lacks
some X11/Wayland client libraries) are mapped through KNOWN_PACKAGES; any other is reported under
``unresolved`` and makes ``report`` exit 1. The minimum glibc is the newest GLIBC_x.y symbol version
any bundled binary asks for.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LDD_LINE = re.compile(r"^\s*(\S+)\s*=>\s*(\S+)")
GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")
# Libraries Qt's xcb/wayland plugins link that a minimal build host may lack (Debian/UOS/Kylin names).
KNOWN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1", "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1",
    "libcups.so.2": "libcups2", "libfontconfig.so.1": "libfontconfig1", "libdbus-1.so.3": "libdbus-1-3",
}


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def has_symtab(path: Path) -> bool:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True).stdout
    return " .symtab " in out


def strip(root: Path) -> int:
    """Drop symbol tables (not dynamic symbols) from bundled ELF files that still carry them."""
    saved = 0
    for path in elf_files(root):
        if has_symtab(path):
            before = path.stat().st_size
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
            saved += before - path.stat().st_size
    print(f"stripped {saved / 1e6:.1f} MB of symbol tables")
    return 0


def package_of(path: str) -> str | None:
    candidates = [path]
    resolved = str(Path(path).resolve())
    if resolved != path:
        candidates.append(resolved)
    # merged /usr: /lib/x86_64-linux-gnu/x is registered as /usr/lib/... on some systems, or vice versa
    for p in list(candidates):
        candidates.append(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for candidate in candidates:
        result = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def report(root: Path) -> int:
    root = root.resolve()
    env = dict(os.environ, LD_LIBRARY_PATH=str(root / "_internal"))
    host_libs: dict[str, str] = {}
    missing: dict[str, list[str]] = {}
    glibc = (0, 0)
    for path in elf_files(root):
        dynamic = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True).stdout
        needed = set(NEEDED.findall(dynamic))
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            name = line.split()[0] if line.split() else ""
            if name not in needed:
                continue
            if "not found" in line:
                missing.setdefault(name, []).append(str(path.relative_to(root)))
                continue
            match = LDD_LINE.match(line)
            if match and match.group(2).startswith("/") and not match.group(2).startswith(str(root)):
                host_libs[name] = match.group(2)
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for major, minor, _ in GLIBC.findall(symbols):
            glibc = max(glibc, (int(major), int(minor)))
    packages: dict[str, list[str]] = {}
    unresolved: dict[str, list[str]] = {}
    for name, where in sorted(host_libs.items()):
        package = package_of(where)
        if package is None:
            unresolved[name] = [where]
        else:
            packages.setdefault(package, []).append(name)
    for name, users in sorted(missing.items()):
        if name in KNOWN_PACKAGES:
            packages.setdefault(KNOWN_PACKAGES[name], []).append(name + " (missing on the build host)")
        else:
            unresolved[name] = sorted(set(users))[:5]
    json.dump({"glibc": f"{glibc[0]}.{glibc[1]}", "packages": dict(sorted(packages.items())),
               "unresolved": unresolved}, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 1 if unresolved else 0


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("strip", "report"):
        print(__doc__, file=sys.stderr)
        return 2
    return strip(Path(argv[1])) if argv[0] == "strip" else report(Path(argv[1]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
