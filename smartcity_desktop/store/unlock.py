"""Unlocking an encrypted dossier: which key, from where (caller, passphrase, environment, keyring, the user)."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from smartcity_desktop.store import crypto, verify

PassphrasePrompt = Callable[[str], str | None]


def unlock(path: Path, meta: dict[str, str], *, passphrase: str | None, key: bytes | None,
           ask: PassphrasePrompt | None) -> crypto.Codec:
    """The codec of a file: plain, or the key from (in this order) the caller, the passphrase or
    ``SMARTCITY_PASSPHRASE``, the OS keyring, or the user asked by ``ask`` until right or cancelled."""
    params = verify.check_encryption(path, meta)  # bounded before any key is derived or tried
    if params is None:
        return crypto.Codec()
    from smartcity_desktop import keyring_cache as keystore

    dossier_id = meta["dossier_id"]
    if key is not None:
        return crypto.codec_from_key(params, key)
    supplied = passphrase or os.environ.get("SMARTCITY_PASSPHRASE")
    if supplied:
        codec = crypto.codec_from_passphrase(params, supplied)
        keystore.remember_key(dossier_id, codec.key)
        return codec
    cached = keystore.cached_key(dossier_id)
    if cached is not None:
        try:
            return crypto.codec_from_key(params, cached)
        except crypto.WrongPassphrase:
            # Not forgotten: a file that merely claims this dossier id must not delete the user's key.
            # A stale key is replaced below as soon as the right passphrase is given.
            pass
    while ask is not None:
        answer = ask(path.name)
        if answer is None:
            break
        try:
            codec = crypto.codec_from_passphrase(params, answer)
        except crypto.WrongPassphrase:
            continue  # the prompt is asked again; the UI says why
        keystore.remember_key(dossier_id, codec.key)
        return codec
    raise crypto.PassphraseNeeded(path.name)
