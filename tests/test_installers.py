"""Cheap static checks of the installers (issue 5): the files the packages are made of agree with each
other and with the program. The real build and its smoke test are installers/build.sh linux and
installers/smoke_test.sh (run by CI); nothing here builds anything.
"""
from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT
from smartcity_desktop import APP_ID, APP_NAME_ZH, __version__

INSTALLERS = ROOT / "installers"
ICONS = ROOT / "resources" / "icons"
DESKTOP = INSTALLERS / "linux" / "smartcity-desktop.desktop"
MIME = INSTALLERS / "linux" / "smartcity-desktop-mime.xml"
SPEC = INSTALLERS / "smartcity-desktop.spec"
ISS = INSTALLERS / "windows" / "smartcity-desktop.iss"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = {16, 24, 32, 48, 64, 128, 256}


def _desktop_entry() -> configparser.RawConfigParser:
    entry = configparser.RawConfigParser(strict=True, interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    return entry


def _mime_types() -> dict[str, ET.Element]:
    return {t.get("type", ""): t for t in ET.parse(MIME).getroot().iter(MIME_NS + "mime-type")}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _project_scripts() -> dict[str, str]:
    tomllib = pytest.importorskip("tomllib")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def _launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smartcity_launcher", INSTALLERS / "launcher.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- Linux desktop integration ------------------------------------------------------------------
def test_desktop_entry_names_the_program_its_icon_and_the_dossier_type():
    main = _desktop_entry()["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Name[zh_CN]"] == APP_NAME_ZH and main["Name"]
    assert main["Exec"].split()[0] == APP_ID == main["TryExec"]
    assert main["Exec"].split()[1] in ("%f", "%F", "%u", "%U"), "files must be passed on to the program"
    assert main["Icon"] == APP_ID and (ICONS / f"{APP_ID}.svg").is_file()
    assert set(filter(None, main["MimeType"].split(";"))) == set(_mime_types())


def test_installed_command_is_the_desktop_entrys_exec():
    assert APP_ID in _project_scripts()


def test_mime_type_matches_the_files_the_program_writes(empty_path: Path):
    from smartcity_desktop.store.schema import APPLICATION_ID

    mime_type = _mime_types()["application/x-scdossier"]
    assert mime_type.find(MIME_NS + "glob").get("pattern") == "*.scdossier"
    outer = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    inner = outer.find(MIME_NS + "match")
    header = empty_path.read_bytes()[:100]
    assert header[: len(outer.get("value"))] == outer.get("value").encode() and outer.get("offset") == "0"
    offset = int(inner.get("offset"))
    assert header[offset:offset + 4] == inner.get("value").encode() == APPLICATION_ID.to_bytes(4, "big")
    icon = mime_type.find(MIME_NS + "icon").get("name")
    assert (ICONS / f"{icon}.svg").is_file() and (ICONS / f"{icon}-48.png").is_file()
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in mime_type.iter(MIME_NS + "comment")}
    assert comments[None] and comments["zh_CN"]


def test_maintainer_scripts_and_shell_scripts_are_executable_and_parse():
    scripts = [INSTALLERS / "build.sh", INSTALLERS / "smoke_test.sh"]
    for path in scripts + [INSTALLERS / "linux" / "postinst", INSTALLERS / "linux" / "postrm"]:
        assert path.stat().st_mode & 0o111, f"{path.name} is not executable"
    bash = shutil.which("bash")
    if bash:
        for path in scripts:
            result = subprocess.run([bash, "-n", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr


# -- icons -----------------------------------------------------------------------------------------
def test_work_package_mime_type_matches_what_split_writes(demo_path: Path, tmp_path: Path):
    """A .scpart has the dossier's header (same format), so its type goes by the extension; it has its own
    name and icon, and the program tells it from a dossier by its meta kind."""
    from smartcity_desktop.departments import split_dossier
    from smartcity_desktop.store import ProjectFile

    part = _mime_types()["application/x-scpart"]
    assert part.find(MIME_NS + "glob").get("pattern") == "*.scpart"
    icon = part.find(MIME_NS + "icon").get("name")
    assert (ICONS / f"{icon}.svg").is_file() and (ICONS / f"{icon}-48.png").is_file()
    comments = {c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text for c in part.iter(MIME_NS + "comment")}
    assert comments[None] and comments["zh_CN"]
    with ProjectFile.open(demo_path) as pf:
        (written,) = split_dossier(pf, tmp_path / "pk", units=["区卫生局"])
    assert written.suffix == ".scpart" and written.read_bytes()[:16] == b"SQLite format 3\x00"
    with ProjectFile.open(written, readonly=True) as pkg:
        assert pkg.kind == "work_package"


@pytest.mark.parametrize("name", [APP_ID, "application-x-scdossier", "application-x-scpart"])
def test_rendered_icons_exist_at_every_size(name: str):
    for source in (ICONS / f"{name}.svg", ICONS / f"{name}-small.svg"):
        root = ET.parse(source).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 256 256"
    for size in PNG_SIZES:
        assert _png_size((ICONS / f"{name}-{size}.png").read_bytes()) == (size, size)
    data = (ICONS / f"{name}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _, _, _, bits, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        size = width or 256
        assert (width, bits) == (height, 32)
        assert _png_size(data[offset:offset + length]) == (size, size)
        sizes.add(size)
    assert sizes == ICO_SIZES


# -- PyInstaller spec ------------------------------------------------------------------------------
def _spec_names() -> dict[str, object]:
    """QT_EXCLUDES and friends, evaluated from the spec without running PyInstaller."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    wanted = {"QT_EXCLUDES", "OTHER_EXCLUDES", "DROP_PLUGINS", "KEEP_PLATFORMS", "KEEP_QM"}
    namespace: dict[str, object] = {"re": re}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in wanted for t in node.targets):
            exec(compile(ast.Module([node], []), str(SPEC), "exec"), namespace)
    return namespace


def test_spec_parses_and_names_existing_files():
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)
    assert '(str(ROOT / "resources"), "resources")' in text, "resources/ must land at sys._MEIPASS/resources"
    for folder in ("schemes", "templates", "translations", "demo", "icons"):
        assert (ROOT / "resources" / folder).is_dir(), folder
    assert (INSTALLERS / "launcher.py").is_file() and '"installers" / "launcher.py"' in text
    assert (ICONS / "smartcity-desktop.ico").is_file() and 'ICONS / "smartcity-desktop.ico"' in text
    assert 'collect_submodules("keyring.backends")' in text and 'copy_metadata("keyring")' in text


def test_gui_uses_no_qt_module_the_bundle_excludes():
    """A module in QT_EXCLUDES is missing from the installed program: the GUI must not import one."""
    excluded = set(_spec_names()["QT_EXCLUDES"])  # type: ignore[arg-type]
    used = set()
    for path in (ROOT / "smartcity_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                used.add(node.module)
                if node.module == "PySide6":
                    used.update(f"PySide6.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                used.update(a.name for a in node.names)
    qt_modules = {".".join(m.split(".")[:2]) for m in used if m.startswith("PySide6.")}
    assert "PySide6.QtWidgets" in qt_modules
    assert sorted(qt_modules & excluded) == []


def test_spec_keeps_the_platform_plugins_and_translations_we_need():
    names = _spec_names()
    keep_platform, keep_qm = names["KEEP_PLATFORMS"], names["KEEP_QM"]
    for plugin in ("libqxcb.so", "libqwayland.so", "libqoffscreen.so", "qwindows.dll", "qoffscreen.dll"):
        assert keep_platform.search(plugin), plugin  # type: ignore[attr-defined]
    for plugin in ("libqeglfs.so", "libqlinuxfb.so", "libqvnc.so", "qdirect2d.dll"):
        assert not keep_platform.search(plugin), plugin  # type: ignore[attr-defined]
    assert keep_qm.search("qtbase_zh_CN.qm") and keep_qm.search("qtbase_en.qm")  # type: ignore[attr-defined]
    assert not keep_qm.search("qtbase_de.qm") and not keep_qm.search("qtbase_zh_TW.qm")  # type: ignore[attr-defined]
    assert "keyrings.alt" in names["OTHER_EXCLUDES"]  # type: ignore[operator]


# -- the frozen entry point ------------------------------------------------------------------------
def test_launcher_runs_the_installed_commands_function():
    target = _project_scripts()[APP_ID]
    module, func = target.split(":")
    assert f"from {module} import {func} as program_main" in (INSTALLERS / "launcher.py").read_text(encoding="utf-8")


def test_launcher_selftest_reports_resources_keyring_and_qt():
    report = _launcher()._selftest()
    assert report["version"] == __version__
    assert "mohurd-2012-trial.json" in report["resources"]["schemes"]
    assert report["resources"]["icons"] and "smartcity-desktop.svg" in report["resources"]["icons"]
    assert "error" not in report["keyring"], report["keyring"]
    assert any(name.startswith("SecretService") for name in report["keyring"]["backends"])
    assert "error" not in report["qt"] and report["qt"]["qt"].startswith("6.")


@pytest.mark.parametrize(("requested", "expected"), [("fcitx", "ibus"), ("fcitx5", "ibus"), ("ibus", "ibus"),
                                                     ("compose", "compose")])
def test_frozen_linux_program_falls_back_to_ibus_for_input_methods_it_lacks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, requested: str, expected: str):
    plugins = tmp_path / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    plugins.mkdir(parents=True)
    for name in ("libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so"):
        (plugins / name).write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_IM_MODULE", requested)
    monkeypatch.setenv("SMARTCITY_QT_IM_MODULE_REQUESTED", "")  # restored after the test
    _launcher()._input_method_fallback()
    assert os.environ["QT_IM_MODULE"] == expected


# -- Windows installer -----------------------------------------------------------------------------
def _iss_sections() -> dict[str, list[str]]:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup needs a UTF-8 BOM for the Chinese text"
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in raw.decode("utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def test_inno_setup_script_is_a_per_user_install_with_association_and_both_languages():
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["MinVersion"] == "10.0.17763"  # Windows 10 1809
    assert setup["ChangesAssociations"] == "yes"
    icon_file = ISS.parent / setup["SetupIconFile"].replace("\\", "/")
    assert icon_file.resolve() == (ICONS / "smartcity-desktop.ico").resolve()
    languages = {re.search(r'Name: "(\w+)"', line).group(1) for line in sections["Languages"]}  # type: ignore[union-attr]
    assert languages == {"chinesesimplified", "english"}
    messages: dict[str, set[str]] = {}
    for line in sections["CustomMessages"]:
        lang, key = line.split("=", 1)[0].split(".")
        messages.setdefault(key, set()).add(lang)
    assert messages and all(langs == languages for langs in messages.values()), messages
    registry = "\n".join(sections["Registry"])
    assert 'Root: HKA; Subkey: "Software\\Classes\\.scdossier"' in registry
    assert 'Root: HKA; Subkey: "Software\\Classes\\.scpart"' in registry  # the work package (issue 14)
    assert "\\shell\\open\\command" in registry and '""%1""' in registry
    icons = re.findall(r'DefaultIcon"; .*ValueData: """\{app\}\\_internal\\resources\\icons\\([\w.-]+)""', registry)
    assert sorted(icons) == ["application-x-scdossier.ico", "application-x-scpart.ico"]
    assert all((ICONS / icon).is_file() for icon in icons)
    assert any("{autoprograms}" in line for line in sections["Icons"])
    text = ISS.read_text(encoding="utf-8-sig")
    assert re.search(r'#define AppVersion "([^"]+)"', text).group(1) == __version__  # type: ignore[union-attr]


def test_windows_build_script_is_ascii_and_runs_the_spec():
    text = (INSTALLERS / "windows" / "build.ps1").read_bytes()
    assert text.isascii(), "Windows PowerShell 5.1 reads BOM-less scripts as ANSI"
    decoded = text.decode()
    assert "installers\\smartcity-desktop.spec" in decoded and ".[build]" in decoded and "ISCC" in decoded


def test_version_is_where_the_build_scripts_read_it():
    """build.sh and build.ps1 read __version__ with a regex; it must keep matching."""
    text = (ROOT / "smartcity_desktop" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(r'(?m)^__version__ = "([^"]+)"$', text).group(1) == __version__  # type: ignore[union-attr]
