"""Entry point of the frozen program (PyInstaller): the same `main()` as the installed command.

It exists apart from ``smartcity_desktop/__main__.py`` so that the bundle can carry a self-check that
support staff (and CI) can run on a user's machine without Python: ``SMARTCITY_SELFTEST=1
smartcity-desktop`` prints, as JSON, where the bundle found its resources, which keyring backend it
chose, where Qt looks for its plugins and translations, and then exits. Only this file imports Qt
outside ``smartcity_desktop/ui`` and only for that check; it is not part of the package.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
from typing import Any


def _keyring_backends() -> dict[str, str]:
    """Each backend keyring announces through its entry points, and whether it is usable here."""
    from importlib.metadata import entry_points

    from keyring.backend import KeyringBackend

    found: dict[str, str] = {}
    for ep in entry_points(group="keyring.backends"):
        try:
            module = ep.load()
        except Exception as exc:  # noqa: BLE001
            found[ep.name] = f"import failed: {type(exc).__name__}: {exc}"
            continue
        for klass in vars(module).values():
            if (isinstance(klass, type) and issubclass(klass, KeyringBackend)
                    and klass.__module__ == module.__name__):
                label = f"{ep.name}.{klass.__name__}"
                try:
                    found[label] = f"usable (priority {klass.priority})"
                except Exception as exc:  # noqa: BLE001 - keyring signals "not here" by raising from priority
                    found[label] = f"not usable here: {exc}"
    return found


def _selftest() -> dict[str, Any]:
    """What a frozen build needs at run time, checked from inside the bundle."""
    from smartcity_desktop import __version__
    from smartcity_desktop.resources import resource_root

    report: dict[str, Any] = {"version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
                              "meipass": getattr(sys, "_MEIPASS", None)}
    root = resource_root()
    report["resources"] = {"root": str(root),
                           **{name: sorted(p.name for p in (root / name).iterdir()) if (root / name).is_dir()
                              else None for name in ("schemes", "templates", "translations", "demo", "icons")}}
    try:
        import keyring

        backend = keyring.get_keyring()
        report["keyring"] = {"backend": f"{type(backend).__module__}.{type(backend).__name__}",
                             "priority": getattr(backend, "priority", None)}
        report["keyring"]["backends"] = _keyring_backends()
    except Exception as exc:  # noqa: BLE001 - the point is to report, not to fail
        report["keyring"] = {"error": f"{type(exc).__name__}: {exc}"}
    try:
        import PySide6
        from PySide6.QtCore import QLibraryInfo, qVersion

        tr_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        plugin_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        report["qt"] = {
            "qt": qVersion(), "pyside6": PySide6.__version__,
            "translations_path": tr_dir,
            "qtbase_translations": sorted(n for n in os.listdir(tr_dir) if n.startswith("qtbase_"))
            if os.path.isdir(tr_dir) else None,
            "plugins_path": plugin_dir,
            "im_module": os.environ.get("QT_IM_MODULE"),
            "im_module_requested": os.environ.get("SMARTCITY_QT_IM_MODULE_REQUESTED"),
            "platforms": sorted(os.listdir(os.path.join(plugin_dir, "platforms")))
            if os.path.isdir(os.path.join(plugin_dir, "platforms")) else None,
        }
    except Exception as exc:  # noqa: BLE001
        report["qt"] = {"error": f"{type(exc).__name__}: {exc}"}
    return report


def _input_method_fallback() -> None:
    """Keep Chinese input working in the Linux bundle when the desktop asks for an IM plugin we lack.

    Qt loads the input-method plugin named by QT_IM_MODULE. UOS/Kylin and many desktops set ``fcitx``;
    the fcitx plugin is built against the system's Qt and cannot be bundled, so the frozen program
    would get no input method at all. Fcitx 5 also speaks the IBus protocol, and the IBus plugin is
    bundled: fall back to it. An IM the bundle does carry (ibus, compose) is left alone.
    """
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    wanted = os.environ.get("QT_IM_MODULE", "")
    if not wanted or wanted in ("ibus", "compose", "none"):
        return
    plugin_dir = os.path.join(getattr(sys, "_MEIPASS", ""), "PySide6", "Qt", "plugins", "platforminputcontexts")
    shipped = os.listdir(plugin_dir) if os.path.isdir(plugin_dir) else []
    if not any(name.startswith(("lib" + wanted, wanted)) for name in shipped):
        os.environ["SMARTCITY_QT_IM_MODULE_REQUESTED"] = wanted
        os.environ["QT_IM_MODULE"] = "ibus"


def main() -> int:
    multiprocessing.freeze_support()
    _input_method_fallback()
    if os.environ.get("SMARTCITY_SELFTEST") == "1":
        if sys.stdout is None:  # the windowed Windows program has no console: use smartcity-desktop-cli.exe
            return 2
        sys.stdout.write(json.dumps(_selftest(), ensure_ascii=False, indent=2) + "\n")
        return 0
    # The same function as the installed command ([project.scripts] in pyproject.toml).
    from smartcity_desktop.main import main as program_main

    return program_main()


if __name__ == "__main__":
    sys.exit(main())
