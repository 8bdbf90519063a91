#!/usr/bin/env bash
# Build the installable program (DESIGN.md "Installers" contract).
#
#   installers/build.sh linux
#
# 1. PyInstaller one-folder bundle  -> dist/smartcity-desktop/          (installers/smartcity-desktop.spec)
# 2. strip the wheels' symbol tables, work out what the bundle needs from the host system
# 3. Debian package                 -> dist/smartcity-desktop_<version>_<arch>.deb
#    /opt/smartcity-desktop/ (the bundle), /usr/bin/smartcity-desktop, desktop entry (zh_CN + en),
#    icons (PNG + SVG), the application/x-scdossier and application/x-scpart (work package) MIME types with
#    their icons and the file associations.
#
# Needs: the program's dependencies importable by $PYTHON (pip install -e . or .[build]), PyInstaller
# (installed here with pip when missing), dpkg-deb, readelf/objdump/strip (binutils). Idempotent:
# everything is rebuilt under build/ and dist/. Windows: see installers/windows/build.ps1.
# Environment: PYTHON (default python3), CLEAN=1 (discard PyInstaller's analysis cache),
# DEB_COMPRESSION / DEB_LEVEL (default xz / 1: here 47 MB in ~85 s; xz 6: 42 MB in ~220 s;
# gzip 6: 58 MB in ~25 s -- all readable by the dpkg of UOS and Kylin).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
APP=smartcity-desktop

usage() { echo "usage: installers/build.sh linux" >&2; exit 2; }
[ "$#" -eq 1 ] || usage
[ "$1" = linux ] || usage
[ "$(uname -s)" = Linux ] || { echo "build.sh linux must run on Linux (Windows: installers/windows/build.ps1)" >&2; exit 2; }
for tool in dpkg-deb dpkg readelf objdump strip ldd; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install dpkg binutils)" >&2; exit 2; }
done

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' smartcity_desktop/__init__.py)"
[ -n "$VERSION" ] || { echo "cannot read __version__ from smartcity_desktop/__init__.py" >&2; exit 1; }
ARCH="$(dpkg --print-architecture)"
DEB="dist/${APP}_${VERSION}_${ARCH}.deb"
START=$(date +%s)
step() { echo "== [$(( $(date +%s) - START ))s] $*"; }

step "checking the Python environment ($PYTHON)"
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet "pyinstaller>=6.0"
fi
"$PYTHON" - <<'EOF'
import importlib, sys
missing = [m for m in ("smartcity_desktop", "PySide6.QtWidgets", "docx", "docxtpl", "openpyxl", "xlsxwriter",
                       "defusedxml", "keyring", "cryptography") if importlib.util.find_spec(m.split(".")[0]) is None]
if missing:
    sys.exit(f"not importable: {', '.join(missing)} -- run: pip install -e '.[build]'")
EOF

QT_VERSION="$("$PYTHON" -c 'import PySide6; from PySide6 import QtCore; print(QtCore.qVersion(), "/ PySide6", PySide6.__version__)')"

step "PyInstaller: dist/$APP/"
rm -rf "dist/$APP"
[ "${CLEAN:-0}" = 1 ] && rm -rf build/pyinstaller
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --workpath build/pyinstaller --distpath dist installers/$APP.spec

step "stripping symbol tables"
"$PYTHON" installers/linux/elfdeps.py strip "dist/$APP"

step "host libraries the bundle links (for Depends)"
mkdir -p build
if ! "$PYTHON" installers/linux/elfdeps.py report "dist/$APP" > build/elfdeps.json; then
    cat build/elfdeps.json >&2
    echo "the bundle links libraries that no package provides on this host (see above)" >&2
    exit 1
fi
GLIBC="$("$PYTHON" -c 'import json; print(json.load(open("build/elfdeps.json"))["glibc"])')"
DEPENDS="$("$PYTHON" - "$GLIBC" <<'EOF'
import json, sys
packages = sorted(p for p in json.load(open("build/elfdeps.json"))["packages"] if p != "libc6")
print(", ".join([f"libc6 (>= {sys.argv[1]})"] + packages))
EOF
)"

step "staging the .deb"
STAGE="build/deb/${APP}_${VERSION}_${ARCH}"
rm -rf build/deb
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/$APP"
cp -a "dist/$APP" "$STAGE/opt/$APP"
ln -s "/opt/$APP/$APP" "$STAGE/usr/bin/$APP"
install -m 644 installers/linux/$APP.desktop "$STAGE/usr/share/applications/$APP.desktop"
install -m 644 installers/linux/$APP-mime.xml "$STAGE/usr/share/mime/packages/$APP.xml"
install -m 644 installers/linux/copyright "$STAGE/usr/share/doc/$APP/copyright"
for icon in $APP application-x-scdossier application-x-scpart; do
    kind=apps; [ "$icon" = $APP ] || kind=mimetypes
    for size in 16 22 24 32 48 64 128 256; do
        install -D -m 644 "resources/icons/$icon-$size.png" \
            "$STAGE/usr/share/icons/hicolor/${size}x${size}/$kind/$icon.png"
    done
    install -D -m 644 "resources/icons/$icon.svg" "$STAGE/usr/share/icons/hicolor/scalable/$kind/$icon.svg"
done
install -m 755 installers/linux/postinst installers/linux/postrm "$STAGE/DEBIAN/"
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $APP
Version: $VERSION
Architecture: $ARCH
Maintainer: smartcity-desktop developers <smartcity-desktop@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme, fonts-noto-cjk | fonts-wqy-microhei
Section: misc
Priority: optional
Description: 智慧城市试点申报助手 Smart City Pilot Declaration Assistant
 Prepares the dossier a city, district or town submits to apply for the national
 smart city pilot (MOHURD 2012 indicator system), offline: applicant facts, the four
 conditions, the 57 indicators, projects and financing, attachments, validation, and
 the declaration form (.docx) and self-assessment workbook (.xlsx).
 .
 Self-contained build (Python $("$PYTHON" -c 'import platform; print(platform.python_version())'), Qt $QT_VERSION) installed under /opt/$APP.
EOF
# Everything root-owned, normal permissions, reproducible timestamps.
find "$STAGE" -type d -exec chmod 755 {} +
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

step "dpkg-deb: $DEB"
rm -f "$DEB"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" -z"${DEB_LEVEL:-1}" --build "$STAGE" "$DEB" >/dev/null

BUNDLE_MB="$(du -sm "dist/$APP" | cut -f1)"
DEB_MB="$(du -m "$DEB" | cut -f1)"
step "done: dist/$APP/ ${BUNDLE_MB} MB on disk; $DEB ${DEB_MB} MB; needs glibc >= $GLIBC"
if [ "$DEB_MB" -ge 150 ]; then
    echo "the .deb is ${DEB_MB} MB, over the 150 MB budget" >&2
    exit 1
fi
