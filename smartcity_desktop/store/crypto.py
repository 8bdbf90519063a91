"""Encryption at rest: values, change log, versions and attachment chunks sealed with AES-256-GCM.

The key is derived from the user's passphrase with scrypt; the file stores only the salt, the
parameters and a sealed check value (to tell a wrong passphrase from a damaged file). Every sealed
item is bound to where it lives (its field key, chunk number...) as associated data, so values
cannot be swapped between rows unnoticed. Plain dossiers use the same interface with no sealing.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr

CHECK = b"smartcity-desktop key check v1"


class WrongPassphrase(FileProblem):
    def __init__(self) -> None:
        super().__init__(tr("口令不正确，无法打开加密卷宗。"))


class PassphraseNeeded(FileProblem):
    def __init__(self, name: str) -> None:
        super().__init__(tr("卷宗 {name} 已加密，需要口令（图形界面会询问；命令行可设置环境变量 SMARTCITY_PASSPHRASE）。",
                            name=name))


class Codec:
    """Plain storage: values are JSON text, chunks are raw bytes."""

    encrypted = False

    def encode(self, value: Any, aad: str) -> str | bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def decode(self, stored: str | bytes, aad: str) -> Any:
        if isinstance(stored, bytes):
            stored = stored.decode("utf-8")
        return json.loads(stored)

    def seal(self, data: bytes, aad: str) -> bytes:
        return data

    def open(self, data: bytes, aad: str) -> bytes:
        return data

    def blob_id(self, sha256_hex: str) -> str:
        return sha256_hex


class AesGcmCodec(Codec):
    encrypted = True

    def __init__(self, key: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.key = key
        self._aead = AESGCM(key)

    def seal(self, data: bytes, aad: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, aad.encode("utf-8"))

    def open(self, data: bytes, aad: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(data[:12], data[12:], aad.encode("utf-8"))
        except (InvalidTag, ValueError):
            raise FileProblem(tr("加密数据校验失败：文件已损坏或被篡改（{where}）。", where=aad)) from None

    def encode(self, value: Any, aad: str) -> bytes:
        return self.seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), aad)

    def decode(self, stored: str | bytes, aad: str) -> Any:
        if isinstance(stored, str):
            raise FileProblem(tr("加密卷宗中出现未加密的数据（{where}）。", where=aad))
        return json.loads(self.open(stored, aad))

    def blob_id(self, sha256_hex: str) -> str:
        """Keyed so the file does not reveal which well-known document an attachment is."""
        return hmac.new(self.key, sha256_hex.encode(), hashlib.sha256).hexdigest()


def derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def new_encryption(passphrase: str) -> tuple[dict[str, Any], AesGcmCodec]:
    """Fresh parameters (stored in meta) and the codec for a passphrase."""
    if len(passphrase) < 8:
        raise FileProblem(tr("口令至少需要 8 个字符。"))
    salt = os.urandom(16)
    params = {"alg": "AES-256-GCM", "kdf": "scrypt", "n": 2**15, "r": 8, "p": 1,
              "salt": base64.b64encode(salt).decode()}
    codec = AesGcmCodec(derive_key(passphrase, salt, params["n"], params["r"], params["p"]))
    params["check"] = base64.b64encode(codec.seal(CHECK, "check")).decode()
    return params, codec


def codec_from_key(params: dict[str, Any], key: bytes) -> AesGcmCodec:
    codec = AesGcmCodec(key)
    try:
        ok = codec.open(base64.b64decode(params["check"]), "check") == CHECK
    except FileProblem:
        ok = False
    if not ok:
        raise WrongPassphrase()
    return codec


def codec_from_passphrase(params: dict[str, Any], passphrase: str) -> AesGcmCodec:
    try:
        key = derive_key(passphrase, base64.b64decode(params["salt"]), int(params["n"]), int(params["r"]),
                         int(params["p"]))
    except (KeyError, ValueError, TypeError):
        raise FileProblem(tr("加密参数已损坏，无法打开。")) from None
    return codec_from_key(params, key)
