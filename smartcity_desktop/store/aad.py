"""The associated data (AAD) that binds every sealed item of an encrypted dossier to its place.

AES-GCM authenticates the label with the ciphertext, so a value moved to another row (another field, the other
side of a change, another version, another chunk) fails to open instead of being read as something it is not.
The labels are part of the file format: every reader and writer (the store's parts, rekey, recover, verify) takes
them from here, one function per kind of item. Plain dossiers ignore them.
"""
from __future__ import annotations

CHECK = "check"  # the sealed check value in the encryption parameters (tells a wrong passphrase from damage)
VERSION = "version"  # a named version's payload (values, scheme)
VERSION_NAME = "version-name"


def field(key: str) -> str:
    """A stored value (``fields.value``): bound to its field key."""
    return key


def old_value(key: str) -> str:
    """The value before a change (``changes.old``)."""
    return "old:" + key


def new_value(key: str) -> str:
    """The value after a change (``changes.new``)."""
    return "new:" + key


def detail(key: str) -> str:
    """A change's detail (``changes.detail``: the full source and the unit, format 2)."""
    return "detail:" + key


def department_row(key: str) -> str:
    """A row of the departments' split/merge state (``departments.data``, format 2)."""
    return "departments:" + key


def attachment_name(aid: str) -> str:
    """An attachment's file name (``attachments.name``)."""
    return "attachment:" + aid


def chunk(blob_id: str, seq: int) -> str:
    """One chunk of an attachment's content (``blob_chunks.data``): its blob and its place in it."""
    return f"{blob_id}:{seq}"
