"""The error family every layer raises: one user-facing sentence plus the CLI exit code it maps to.

Keeping the exit code on the exception lets the command line stay a thin face over the core
(DESIGN.md: 1 = the command failed on the user's data, 2 = a file cannot be read / bad arguments).
"""
from __future__ import annotations


class SmartcityError(Exception):
    """Base class: ``str(exc)`` is already translated and fit to show a user."""

    exit_code = 1


class FileProblem(SmartcityError):
    """A file cannot be read, is not ours, is locked, or cannot be written."""

    exit_code = 2


class DataProblem(SmartcityError):
    """The user's data cannot be accepted (wrong type, unknown key, failed import...)."""

    exit_code = 1


class DamagedFile(FileProblem):
    """A dossier or a stored attachment fails its checks (crafted or broken): refused, the file untouched."""
