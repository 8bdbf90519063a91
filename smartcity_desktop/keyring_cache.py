"""Cache a dossier's derived key in the OS keyring, and fall back gracefully where there is none.

STYLE.md: without a backend every keyring call raises NoKeyringError (headless Linux, some
domestic desktops); the null backend returns None. Either way the caller simply asks again.
Only the 32-byte derived key is stored (Windows caps a secret at 2,560 bytes), never data.
"""
from __future__ import annotations

import base64
import logging
from types import ModuleType

SERVICE = "smartcity-desktop"
log = logging.getLogger(__name__)


def _keyring() -> ModuleType | None:
    try:
        import keyring

        return keyring
    except Exception:  # noqa: BLE001 - a broken keyring install must not stop the program
        return None


def cached_key(dossier_id: str) -> bytes | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(SERVICE, dossier_id)
    except Exception as exc:  # noqa: BLE001 - keyring.errors.KeyringError and backend failures alike
        log.info("keyring unavailable: %s", exc)
        return None
    if not value:
        return None
    try:
        key = base64.b64decode(value)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def remember_key(dossier_id: str, key: bytes) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, dossier_id, base64.b64encode(key).decode())
        return True
    except Exception as exc:  # noqa: BLE001
        log.info("keyring unavailable: %s", exc)
        return False


def forget_key(dossier_id: str) -> None:
    kr = _keyring()
    if kr is None:
        return
    try:
        kr.delete_password(SERVICE, dossier_id)
    except Exception:  # noqa: BLE001 - nothing cached, or no backend
        pass
