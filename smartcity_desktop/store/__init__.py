"""The project file: open / save / migrate / lock / blobs / versions, behind a small API."""
from smartcity_desktop.store.crypto import PassphraseNeeded, WrongPassphrase
from smartcity_desktop.store.lock import LockedError, LockInfo, read_lock
from smartcity_desktop.store.projectfile import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    Change,
    DamagedFile,
    NewerVersion,
    NotADossier,
    ProjectFile,
    ReadOnly,
    VersionInfo,
    check_file,
    copy_dossier,
    human_size,
)
from smartcity_desktop.store.schema import EXTENSION, SCHEMA_VERSION

__all__ = [
    "PassphraseNeeded", "WrongPassphrase", "LockedError", "LockInfo", "read_lock", "MAX_ATTACHMENT_BYTES",
    "Attachment", "Change", "DamagedFile", "NewerVersion", "NotADossier", "ProjectFile", "ReadOnly", "VersionInfo",
    "check_file", "copy_dossier", "human_size", "EXTENSION", "SCHEMA_VERSION",
]
