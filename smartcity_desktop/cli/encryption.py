"""Encryption at rest: ``encrypt``, ``decrypt``, ``passwd`` (each re-seals every row in one transaction)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from smartcity_desktop.cli.common import Register, new_passphrase, open_dossier
from smartcity_desktop.i18n import tr



def _rekey(path: str, action: Callable[[Any], None], done: str) -> int:
    """Open for writing, re-seal every row (one transaction, see store/rekey.py), say what was done."""
    pf = open_dossier(path, readonly=False)
    try:
        action(pf)
    finally:
        pf.close()
    print(done)
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import encrypt_dossier

    passphrase = new_passphrase("SMARTCITY_NEW_PASSPHRASE", "SMARTCITY_PASSPHRASE")
    return _rekey(args.file, lambda pf: encrypt_dossier(pf, passphrase), tr("已加密卷宗 {path}", path=args.file))


def cmd_decrypt(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import decrypt_dossier

    return _rekey(args.file, decrypt_dossier,
                  tr("已解除卷宗 {path} 的加密；文件内容不再受口令保护。", path=args.file))


def cmd_passwd(args: argparse.Namespace) -> int:
    from smartcity_desktop.store.rekey import change_passphrase

    passphrase = new_passphrase("SMARTCITY_NEW_PASSPHRASE")
    return _rekey(args.file, lambda pf: change_passphrase(pf, passphrase), tr("已更改卷宗 {path} 的口令", path=args.file))



def register(command: Register, sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to the parser."""
    command("encrypt", cmd_encrypt, tr("加密卷宗（新口令取自 SMARTCITY_NEW_PASSPHRASE 或询问）"))
    command("decrypt", cmd_decrypt, tr("解除卷宗加密"))
    command("passwd", cmd_passwd, tr("更改加密卷宗的口令（新口令取自 SMARTCITY_NEW_PASSPHRASE 或询问）"))
