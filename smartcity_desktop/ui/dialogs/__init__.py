"""Dialogs and separate windows (new dossier, import, export, package, versions, encryption, help)."""
