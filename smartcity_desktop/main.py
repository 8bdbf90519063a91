"""The installed ``smartcity-desktop`` command: a subcommand goes to the Qt-free CLI, anything else
opens the GUI. This is the one module outside ``ui/`` allowed to reach Qt (lazily, for the GUI)."""
from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from smartcity_desktop import __version__
from smartcity_desktop import cli
from smartcity_desktop.i18n import app_name, tr


def gui_parser() -> argparse.ArgumentParser:
    parser = cli.Parser(prog="smartcity-desktop", description=app_name(),
                         epilog=tr("命令：{cmds}（smartcity-desktop 命令 --help）", cmds=", ".join(cli.COMMANDS)))
    parser.add_argument("file", nargs="?", help=tr("要打开的卷宗文件（.scdossier）"))
    parser.add_argument("--demo", action="store_true", help=tr("打开示例卷宗的副本"))
    parser.add_argument("--lang", choices=("zh_CN", "en"), help=tr("界面语言"))
    parser.add_argument("--version", action="store_true", help=tr("显示程序、Qt 和 PySide6 的版本"))
    return parser


def plain_gui_arguments(args: Sequence[str]) -> argparse.Namespace | None:
    """What ``gui_parser().parse_args(args)`` gives for the everyday starts — nothing, ``--demo``, one dossier
    FILE — read without building the parser (its help texts and gettext's catalogue look-ups cost the start
    ~3 ms CPU); None for anything else (``--lang``, ``--help``, ``--version``, a mistake), which the parser reads."""
    files = [arg for arg in args if arg != "--demo"]
    if len(files) > 1 or any(arg.startswith("-") for arg in files):
        return None
    return argparse.Namespace(file=files[0] if files else None, demo=len(files) < len(args), lang=None, version=False)


def version_text() -> str:
    parts = [f"smartcity-desktop {__version__}"]
    try:
        from smartcity_desktop.ui.dialogs.about import qt_versions

        parts.append(qt_versions())
    except Exception:  # noqa: BLE001 - the CLI works without a usable Qt (e.g. missing system libraries)
        parts.append("Qt -")
    parts.append(f"Python {sys.version.split()[0]}")
    return "; ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.prepare(argv)
    from smartcity_desktop import privatetemp

    privatetemp.remove_stale()  # temp copies a killed run of ours left behind (plaintext of encrypted dossiers)
    if cli.command_of(args) is not None:
        with privatetemp.sigterm_exits():  # SIGTERM closes the dossier (lock) and removes temp files
            return cli.main(args)

    def run() -> int:
        parsed = plain_gui_arguments(args)
        if parsed is None:
            parsed = gui_parser().parse_args(args)
        if parsed.version:
            print(version_text())
            return 0
        # No cyclic garbage collection while the program starts: importing ~250 modules and building the
        # first window allocate several hundred thousand objects, and the collector walked the growing heap
        # dozens of times (~30-50 ms of the start's CPU) to find almost no cycles. ``run_gui`` switches it
        # back on after the first window's first paint; memory freed by reference counting is freed as always.
        gc.disable()
        # The Qt-free modules the start uses, before PySide6: once it is loaded, its __feature__ import hook
        # reads the source (inspect.getsource) of each module the first time an import statement names it, so
        # a module loaded before costs one read (where a ui module names it) instead of one for it and one for
        # each module it imports: ~20 ms for the store and model, ~3 ms for the crash log (logging, traceback,
        # datetime) and the demo copy (sqlite3, shutil…). Of validation only the finding types (the
        # window's modules name them): its rules load with the first validation, after the window's first
        # paint (4-8 ms less before it; after it, that import plus 3-5 ms for the hook: benchmarks/README.md).
        import smartcity_desktop.crashlog
        import smartcity_desktop.store
        import smartcity_desktop.validate

        if parsed.demo:
            import smartcity_desktop.demo  # noqa: F401 - loaded before PySide6 (above)

        from smartcity_desktop.ui.shell.app import run_gui

        return run_gui(parsed.file, lang=parsed.lang, demo=parsed.demo)

    return cli.guarded(args, run)


if __name__ == "__main__":
    sys.exit(main())
