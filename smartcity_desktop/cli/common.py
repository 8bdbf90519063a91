"""What every subcommand shares: argument errors (exit 2), opening a dossier with the passphrase
prompt, JSON output with other people's text made safe, asking for a new passphrase."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.textsafe import json_safe

Register = Callable[..., argparse.ArgumentParser]
"""``command(name, func, help, *positionals)``: adds a subcommand whose first argument is the dossier FILE."""


class ArgumentError(FileProblem):
    """Wrong arguments (exit 2)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ArgumentError(tr("参数有误：{message}（用 --help 查看用法）", message=message))


def passphrase_prompt(name: str) -> str | None:
    if not sys.stdin or not sys.stdin.isatty():
        return None
    return getpass.getpass(tr("卷宗 {name} 的口令：", name=name))


def open_dossier(path: str, *, readonly: bool) -> Any:
    from smartcity_desktop.store import ProjectFile

    pf = ProjectFile.open(path, readonly=readonly, ask_passphrase=passphrase_prompt)
    if pf.kind != "dossier":  # a departments work package: only the unit's fields may change
        from smartcity_desktop.departments import guard

        try:
            guard(pf)
        except BaseException:
            pf.close()
            raise
    return pf


def print_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def version_id(values: list[str]) -> int:
    if not values or not values[0].isdigit():
        raise ArgumentError(tr("请给出版本编号"))
    return int(values[0])


def new_passphrase(*names: str) -> str:
    """A new passphrase from the first set environment variable of ``names``, else asked twice on a tty."""
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    if not sys.stdin or not sys.stdin.isatty():
        raise ArgumentError(tr("需要新口令：请设置环境变量 {var}。", var=names[0]))
    passphrase = getpass.getpass(tr("新口令（至少 8 个字符）："))
    if getpass.getpass(tr("再输入一次：")) != passphrase:
        raise ArgumentError(tr("两次输入的口令不一致。"))
    return passphrase
