#!/usr/bin/env bash
# Smoke-test what installers/build.sh linux produced, as a user's machine would run it: no virtual
# environment, no Python on PATH but the system's, a clean environment, Qt headless (offscreen).
#
#   installers/smoke_test.sh            (after installers/build.sh linux)
#
# Checks the bundle in dist/smartcity-desktop/ (--version, a self-check of resources / keyring / Qt,
# new, validate, demo-file, export docx+xlsx, the GUI staying up) and the .deb in dist/ (contents,
# control fields, size; unpacked into a scratch root with dpkg -x: the relocated program runs, the
# desktop entry and MIME XML validate). Exit 0 when everything passed; prints one line per check.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP=smartcity-desktop
BUNDLE="$ROOT/dist/$APP"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/smartcity_desktop/__init__.py")"
DEB="$ROOT/dist/${APP}_${VERSION}_$(dpkg --print-architecture).deb"
MAX_DEB_MB=150
WORK="$(mktemp -d /tmp/smartcity-smoke.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/docs" "$WORK/out"

FAILED=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; FAILED=$((FAILED + 1)); }
skip() { echo "SKIP  $*"; }

# The program as a user runs it: a bare environment. PATH has no venv and no pyenv shims.
run() {
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        SMARTCITY_DOCUMENTS_DIR="$WORK/docs" XDG_RUNTIME_DIR="$WORK/home" "$@"
}
# run and capture: sets OUT, ERR and RC
capture() {
    set +e
    run "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    set -e
    OUT="$(cat "$WORK/stdout")"
    ERR="$(cat "$WORK/stderr")"
}

[ -x "$BUNDLE/$APP" ] || { echo "no bundle at $BUNDLE: run installers/build.sh linux first" >&2; exit 2; }
[ -f "$DEB" ] || { echo "no package at $DEB: run installers/build.sh linux first" >&2; exit 2; }
BIN="$BUNDLE/$APP"
echo "bundle: $BUNDLE ($(du -sm "$BUNDLE" | cut -f1) MB)"

# -- the bundle ---------------------------------------------------------------------------------
capture "$BIN" --version
if [ "$RC" -eq 0 ] && [[ "$OUT" == *"$APP $VERSION"* ]] && [[ "$OUT" =~ Qt\ 6\.[0-9]+ ]] \
        && [[ "$OUT" == *"PySide6 6."* ]]; then
    pass "--version: $OUT"
else
    fail "--version (exit $RC): $OUT $ERR"
fi

capture env SMARTCITY_SELFTEST=1 "$BIN"
echo "$OUT" > "$WORK/selftest.json"
if [ "$RC" -eq 0 ] && python3 - "$WORK/selftest.json" "$BUNDLE" <<'EOF'
import json, sys
report, bundle = json.load(open(sys.argv[1])), sys.argv[2]
problems = []
res = report["resources"]
if not res["root"].startswith(bundle):
    problems.append(f"resources found outside the bundle: {res['root']}")
for folder in ("schemes", "translations", "demo", "icons"):
    if not res.get(folder):
        problems.append(f"resources/{folder} missing or empty")
kr = report["keyring"]
if "error" in kr:
    problems.append(f"keyring: {kr['error']}")
elif not any(name.startswith("SecretService") for name in kr.get("backends", {})):
    problems.append(f"keyring SecretService backend not bundled: {kr}")
qt = report["qt"]
if "error" in qt:
    problems.append(f"Qt: {qt['error']}")
else:
    if not qt["translations_path"].startswith(bundle):
        problems.append(f"Qt translations outside the bundle: {qt['translations_path']}")
    if set(qt["qtbase_translations"] or []) != {"qtbase_zh_CN.qm", "qtbase_en.qm"}:
        problems.append(f"Qt translations: {qt['qtbase_translations']}")
    platforms = " ".join(qt["platforms"] or [])
    for wanted in ("offscreen", "xcb", "wayland"):
        if wanted not in platforms:
            problems.append(f"platform plugin {wanted} missing: {platforms}")
for p in problems:
    print("   ", p)
print(f"    keyring backend: {kr.get('backend')}; Qt {qt.get('qt')}; platforms: {qt.get('platforms')}")
sys.exit(1 if problems else 0)
EOF
then
    pass "self-check: resources, keyring backends, Qt translations (zh_CN/en) and platform plugins"
else
    fail "self-check (exit $RC): $ERR"
fi

capture "$BIN" new "$WORK/empty.scdossier" --name "测试市" --level city --province "测试省"
if [ "$RC" -eq 0 ] && [ -s "$WORK/empty.scdossier" ]; then
    pass "new: $OUT"
else
    fail "new (exit $RC): $OUT $ERR"
fi

capture "$BIN" validate "$WORK/empty.scdossier"
if [ "$RC" -eq 1 ] && [ -n "$OUT" ]; then
    pass "validate on an empty dossier exits 1 ($(echo "$OUT" | tail -1))"
else
    fail "validate on an empty dossier: exit $RC (want 1): $ERR"
fi

printf 'not a dossier' > "$WORK/broken.scdossier"
capture "$BIN" validate "$WORK/broken.scdossier"
if [ "$RC" -eq 2 ] && [ -n "$ERR" ] && [[ "$ERR" != *Traceback* ]]; then
    pass "validate on a broken file exits 2 with one line: $ERR"
else
    fail "validate on a broken file: exit $RC (want 2): $ERR"
fi

capture "$BIN" demo-file "$WORK/demo.scdossier"
if [ "$RC" -eq 0 ] && [ -s "$WORK/demo.scdossier" ]; then
    pass "demo-file: $OUT"
else
    fail "demo-file (exit $RC): $OUT $ERR"
fi

if ! grep -qs "def export_dossier" "$ROOT"/smartcity_desktop/export/*.py; then
    skip "export: smartcity_desktop.export.export_dossier has not landed yet"
else
    capture "$BIN" export "$WORK/demo.scdossier" --out "$WORK/out" --format docx,xlsx
    docx="$(find "$WORK/out" -name '*.docx' | head -1)"
    xlsx="$(find "$WORK/out" -name '*.xlsx' | head -1)"
    if [ "$RC" -eq 0 ] && [ -n "$docx" ] && [ -n "$xlsx" ] \
            && python3 - "$docx" "$xlsx" <<'EOF'
import sys, zipfile
for path, part in zip(sys.argv[1:], ("word/document.xml", "xl/workbook.xml")):
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None or part not in z.namelist():
            sys.exit(f"{path}: not a complete Office file")
EOF
    then
        pass "export docx,xlsx: $(cd "$WORK/out" && ls | tr '\n' ' ')"
    else
        fail "export (exit $RC): $OUT $ERR"
    fi
fi

# The GUI must come up and keep running (offscreen) until stopped; a crash or an early exit fails.
set +e
run timeout -s TERM 20 "$BIN" --demo >"$WORK/gui.out" 2>"$WORK/gui.err"
RC=$?
set -e
if [ "$RC" -eq 124 ]; then
    pass "GUI (--demo, offscreen) stayed up for 20 s"
elif grep -qs "def run_gui" "$ROOT/smartcity_desktop/ui/shell/app.py"; then
    fail "GUI (--demo) exited with $RC before 20 s: $(tail -3 "$WORK/gui.err")"
else
    skip "GUI: smartcity_desktop.ui.shell.app.run_gui has not landed yet (exit $RC)"
fi
if [ -s "$WORK/home/.local/share/$APP/logs/$APP.log" ]; then
    fail "the program wrote a crash log: $(tail -5 "$WORK/home/.local/share/$APP/logs/$APP.log")"
fi

# -- the .deb ------------------------------------------------------------------------------------
DEB_MB="$(du -m "$DEB" | cut -f1)"
if [ "$DEB_MB" -lt "$MAX_DEB_MB" ]; then
    pass "package size ${DEB_MB} MB (< ${MAX_DEB_MB} MB): $(basename "$DEB")"
else
    fail "package size ${DEB_MB} MB is over ${MAX_DEB_MB} MB"
fi

dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|' > "$WORK/contents"
missing=""
for path in /opt/$APP/$APP /opt/$APP/_internal/resources/schemes/ /usr/bin/$APP \
        /usr/share/applications/$APP.desktop /usr/share/mime/packages/$APP.xml \
        /usr/share/icons/hicolor/scalable/apps/$APP.svg /usr/share/icons/hicolor/256x256/apps/$APP.png \
        /usr/share/icons/hicolor/16x16/apps/$APP.png \
        /usr/share/icons/hicolor/scalable/mimetypes/application-x-scdossier.svg \
        /usr/share/icons/hicolor/48x48/mimetypes/application-x-scdossier.png \
        /usr/share/doc/$APP/copyright; do
    grep -qx "$path" "$WORK/contents" || missing="$missing $path"
done
if [ -z "$missing" ]; then
    pass "package contents: program under /opt, launcher, desktop entry, MIME type, icons ($(wc -l < "$WORK/contents") entries)"
else
    fail "package lacks:$missing"
fi
if dpkg-deb -c "$DEB" | awk '{print $2}' | grep -qv '^root/root$'; then
    fail "package has files not owned by root"
fi

control="$(dpkg-deb -f "$DEB" Package Version Architecture Depends)"
if [[ "$control" == *"Version: $VERSION"* ]] && [[ "$control" == *"libc6 (>="* ]] \
        && [[ "$control" == *libxcb-cursor0* ]]; then
    pass "control: $(dpkg-deb -f "$DEB" Package Version Architecture Installed-Size | tr '\n' ' ')"
else
    fail "control fields: $control"
fi

dpkg -x "$DEB" "$WORK/root"
capture "$WORK/root/opt/$APP/$APP" --version
if [ "$RC" -eq 0 ] && [[ "$OUT" == *"$APP $VERSION"* ]]; then
    pass "unpacked package runs from a scratch root: $OUT"
else
    fail "unpacked package (exit $RC): $OUT $ERR"
fi
link="$(readlink "$WORK/root/usr/bin/$APP")"
[ "$link" = "/opt/$APP/$APP" ] && pass "/usr/bin/$APP -> $link" || fail "/usr/bin/$APP points to '$link'"

DESKTOP="$WORK/root/usr/share/applications/$APP.desktop"
MIME="$WORK/root/usr/share/mime/packages/$APP.xml"
if command -v desktop-file-validate >/dev/null; then
    if out="$(desktop-file-validate "$DESKTOP" 2>&1)" && [ -z "$out" ]; then
        pass "desktop-file-validate: no findings"
    else
        fail "desktop-file-validate: $out"
    fi
else
    skip "desktop-file-validate not installed (apt-get install desktop-file-utils); checked with Python below"
fi
if command -v xmllint >/dev/null; then
    if out="$(xmllint --noout "$MIME" 2>&1)"; then
        pass "xmllint: MIME XML is well-formed"
    else
        fail "xmllint: $out"
    fi
else
    skip "xmllint not installed (apt-get install libxml2-utils); checked with Python below"
fi
if python3 - "$DESKTOP" "$MIME" "$APP" <<'EOF'
import configparser, sys
import xml.etree.ElementTree as ET
desktop, mime, app = sys.argv[1:]
entry = configparser.RawConfigParser(strict=True, interpolation=None)
entry.optionxform = str
entry.read(desktop, encoding="utf-8")
main = entry["Desktop Entry"]
ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
types = {t.get("type"): t for t in ET.parse(mime).getroot().iter(ns + "mime-type")}
GLOBS = {"application/x-scdossier": "*.scdossier", "application/x-scpart": "*.scpart"}  # dossier, work package
problems = []
if main.get("Exec", "").split()[0] != app or main.get("Icon") != app:
    problems.append("Exec/Icon do not name the program")
if not main.get("Name[zh_CN]") or not main.get("Name"):
    problems.append("Name and Name[zh_CN] are both required")
for mt in filter(None, main.get("MimeType", "").split(";")):
    if mt not in types:
        problems.append(f"desktop entry claims {mt}, not defined in the MIME XML")
    elif types[mt].find(ns + "glob").get("pattern") != GLOBS.get(mt):
        problems.append(f"{mt} does not glob {GLOBS.get(mt, 'a known extension')}")
for mt, glob in GLOBS.items():
    if mt not in main.get("MimeType", "").split(";"):
        problems.append(f"the desktop entry does not open {glob}")
for p in problems:
    print("   ", p)
sys.exit(1 if problems or not types else 0)
EOF
then
    pass "desktop entry <-> MIME type: Exec, Icon, names (zh_CN/en), *.scdossier and *.scpart association"
else
    fail "desktop entry / MIME XML consistency"
fi

echo
if [ "$FAILED" -eq 0 ]; then
    echo "smoke test passed"
else
    echo "smoke test: $FAILED check(s) failed"
    exit 1
fi
