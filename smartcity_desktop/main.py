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
        parsed = gui_parser().parse_args(args)
        if parsed.version:
            print(version_text())
            return 0
        # No cyclic garbage collection while the program starts: importing ~250 modules and building the
        # first window allocate several hundred thousand objects, and the collector walked the growing heap
        # dozens of times (~30-50 ms of the start's CPU) to find almost no cycles. ``run_gui`` switches it
        # back on after the first window's first paint; memory freed by reference counting is freed as always.
        gc.disable()
        # The core before PySide6: every module imported after it has its source read by PySide6's
        # __feature__ import hook (inspect.getsource), ~20 ms for the store, model and validation.
        import smartcity_desktop.store
        import smartcity_desktop.validate  # noqa: F401 - imported for its side effect on start-up time
        from smartcity_desktop.ui.shell.app import run_gui

        return run_gui(parsed.file, lang=parsed.lang, demo=parsed.demo)

    return cli.guarded(args, run)


if __name__ == "__main__":
    sys.exit(main())
