"""Encryption at rest: values, change log, versions and attachment chunks sealed with AES-256-GCM.

The key is derived from the user's passphrase with scrypt; the file stores only the salt, the
parameters and a sealed check value (to tell a wrong passphrase from a damaged file). Every sealed
item is bound to where it lives (its field key, chunk number...) as associated data, so values
cannot be swapped between rows unnoticed. Plain dossiers use the same interface with no sealing.
"""
from __future__ import annotations

import base64
import json
import os
from typing import Any

from smartcity_desktop.errors import FileProblem
from smartcity_desktop.i18n import tr
from smartcity_desktop.store import aad

CHECK = b"smartcity-desktop key check v1"
# Key-stretching bounds for parameters read from a file (a crafted file asked for n=2^24: 16.8 GB, or
# p=10^6: minutes). scrypt needs 128·n·r bytes and time proportional to n·r·p; ours is n=2^15, r=8, p=1
# (32 MiB). Allowed: up to 256 MiB of memory and 8 times our work. docs/reliability.md states them.
MIN_N, MAX_N = 2**10, 2**20
MAX_R, MAX_P = 32, 16
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024
MAX_SCRYPT_WORK = 8 * 2**15 * 8
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
TAG_BYTES = 16


class WrongPassphrase(FileProblem):
    def __init__(self) -> None:
        super().__init__(tr("口令不正确，无法打开加密卷宗。"))


class PassphraseNeeded(FileProblem):
    def __init__(self, name: str) -> None:
        super().__init__(tr("卷宗 {name} 已加密，需要口令（图形界面会询问；命令行可设置环境变量 SMARTCITY_PASSPHRASE）。",
                            name=name))


class BadParameters(FileProblem):
    """The encryption parameters stored in a file are malformed or out of bounds."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(tr("加密参数无效：{reason}", reason=reason))


def checked_params(raw: str) -> dict[str, Any]:
    """Parse and bound the encryption parameters of a file before any key is derived or tried."""
    try:
        params = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadParameters(tr("不是有效的 JSON")) from None
    if not isinstance(params, dict) or params.get("alg") != "AES-256-GCM" or params.get("kdf") != "scrypt":
        raise BadParameters(tr("只支持 AES-256-GCM 与 scrypt"))
    n, r, p = params.get("n"), params.get("r"), params.get("p")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
        raise BadParameters(tr("scrypt 参数应为整数"))
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if (not MIN_N <= n <= MAX_N or n & (n - 1) or not 1 <= r <= MAX_R or not 1 <= p <= MAX_P
            or 128 * n * r > MAX_SCRYPT_MEMORY or n * r * p > MAX_SCRYPT_WORK):
        raise BadParameters(tr("scrypt 参数超出允许范围（n={n}, r={r}, p={p}）", n=n, r=r, p=p))
    try:
        salt = base64.b64decode(params.get("salt", ""), validate=True)
        check = base64.b64decode(params.get("check", ""), validate=True)
    except (ValueError, TypeError):
        raise BadParameters(tr("盐值或校验值不是有效的 Base64")) from None
    if not SALT_BYTES[0] <= len(salt) <= SALT_BYTES[1]:
        raise BadParameters(tr("盐值长度 {n} 字节不在允许范围内", n=len(salt)))
    if len(check) != NONCE_BYTES + len(CHECK) + TAG_BYTES:
        raise BadParameters(tr("校验值长度不对"))
    return params


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
        import hashlib  # here, not at start: hashlib (and hmac) load OpenSSL (~3-4 ms), for attachments only
        import hmac

        return hmac.new(self.key, sha256_hex.encode(), hashlib.sha256).hexdigest()


def derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def new_encryption(passphrase: str) -> tuple[dict[str, Any], AesGcmCodec]:
    """Fresh parameters (stored in meta) and the codec for a passphrase."""
    if len(passphrase) < 8:
        raise FileProblem(tr("口令至少需要 8 个字符。"))
    salt = os.urandom(16)
    n, r, p = 2**15, 8, 1
    params: dict[str, Any] = {"alg": "AES-256-GCM", "kdf": "scrypt", "n": n, "r": r, "p": p,
                              "salt": base64.b64encode(salt).decode()}
    codec = AesGcmCodec(derive_key(passphrase, salt, n, r, p))
    params["check"] = base64.b64encode(codec.seal(CHECK, aad.CHECK)).decode()
    return params, codec


def codec_from_key(params: dict[str, Any], key: bytes) -> AesGcmCodec:
    codec = AesGcmCodec(key)
    try:
        ok = codec.open(base64.b64decode(params["check"]), aad.CHECK) == CHECK
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
