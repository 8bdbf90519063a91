"""The command line's entry (DESIGN.md contract): the parser made of the subcommand groups, and the one
guard that turns every error into one line on stderr and an exit code. The GUI and the CLI are two faces of
the same core.

Exit codes: 0 success; 1 the dossier has errors (validate) or the command failed on the user's
data; 2 a file cannot be read or the arguments are wrong. Errors are one line on stderr.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from smartcity_desktop import __version__
from smartcity_desktop.cli.common import ArgumentError, Parser
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.i18n import app_name, default_language, set_language, tr
from smartcity_desktop.textsafe import printable

GROUPS: dict[str, tuple[str, ...]] = {
    "dossier": ("new", "import", "dump", "validate", "info", "demo-file", "recover"),
    "export": ("export", "check-template"),
    "versions": ("versions",),
    "encryption": ("encrypt", "decrypt", "passwd"),
    "attachments": ("attachments", "extract"),
    "materials": ("attach", "materials", "package", "verify-package"),
    "analyze": ("analyze",),
    "departments": ("split", "merge", "history"),
}
"""The subcommands by group: ``smartcity_desktop.cli.<group>`` has ``register(command, sub)`` for them. Kept as a
plain table so that starting the GUI (which only asks whether a word is a command) imports no group module."""
COMMANDS: tuple[str, ...] = tuple(name for names in GROUPS.values() for name in names)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="smartcity-desktop", description=tr("{app}：命令行", app=app_name()))
    parser.add_argument("--lang", choices=("zh_CN", "en"), help=tr("界面语言"))
    parser.add_argument("--version", action="store_true", help=tr("显示版本"))
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], text: str,
                *positionals: str) -> argparse.ArgumentParser:
        """A subcommand whose first argument is the dossier FILE (then ``positionals``)."""
        p = sub.add_parser(name, help=text)
        for arg in ("file", *positionals):
            p.add_argument(arg)
        p.set_defaults(func=func)
        return p

    for group in GROUPS:
        importlib.import_module(f"smartcity_desktop.cli.{group}").register(command, sub)
    return parser


def _configure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _language_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return default_language()


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand, if the first positional word (after global options) is one."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return arg if arg in COMMANDS else None
    return None


def guarded(argv: Sequence[str], action: Callable[[], int]) -> int:
    """Run ``action`` the way every entry point must: errors become one line on stderr plus an exit
    code (DESIGN.md), unexpected ones are logged to a file, never shown as a traceback."""
    try:
        return action()
    except SmartcityError as exc:
        print(f"smartcity-desktop: {printable(exc)}", file=sys.stderr)  # one line, no terminal escapes
        return exc.exit_code
    except KeyboardInterrupt:
        print(tr("已取消"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``dump FILE | head``): not an error of ours; stop quietly.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the interpreter's final flush
        except OSError:
            pass
        return 0
    except MemoryError:
        print(tr("内存不足，操作已取消；卷宗未改动。"), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the contract: one clear line, never a traceback
        from smartcity_desktop.crashlog import log_exception

        where = log_exception(exc, "cli " + " ".join(list(argv)[:1]))
        print(tr("程序内部错误（{kind}）；详细信息已写入 {log}", kind=type(exc).__name__, log=where or "-"),
              file=sys.stderr)
        return 1


def prepare(argv: Sequence[str] | None) -> list[str]:
    """Common start-up of both faces: UTF-8 streams and the language from --lang / SMARTCITY_LANG."""
    args = list(sys.argv[1:] if argv is None else argv)
    _configure_streams()
    set_language(_language_from(args))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """The subcommands (new, import, dump, validate, export, info, ...). Qt-free."""
    args = prepare(argv)

    def run() -> int:
        parsed = build_parser().parse_args(args)
        if parsed.version:
            print(f"smartcity-desktop {__version__}")
            return 0
        if parsed.command is None:
            raise ArgumentError(tr("请给出命令：{cmds}", cmds=", ".join(COMMANDS)))
        return int(parsed.func(parsed))

    return guarded(args, run)
