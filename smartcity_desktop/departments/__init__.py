"""Departments (issue 14): split a dossier into work packages per lead unit (牵头单位), check a unit's
edits, merge returned packages back field by field, and tell who filled what.

Qt-free; may use scheme, model, store, validate and export, never ui or cli (import-linter contracts).
``docs/departments.md`` describes the package format and the merge rules.
"""
from __future__ import annotations

from smartcity_desktop.departments.assign import Assignment, assignment_for, clean_unit, lead_units
from smartcity_desktop.departments.package import (
    PACKAGE_EXTENSION,
    PACKAGE_KIND,
    ForeignPackage,
    Manifest,
    PackageEditRefused,
    TamperedPackage,
    check_edit,
    guard,
    read_package,
)
from smartcity_desktop.departments.merge import MergeReport, merge_packages
from smartcity_desktop.departments.split import split_dossier

__all__ = [
    "Assignment", "assignment_for", "clean_unit", "lead_units", "PACKAGE_EXTENSION", "PACKAGE_KIND",
    "ForeignPackage", "Manifest", "PackageEditRefused", "TamperedPackage", "check_edit", "guard", "read_package",
    "MergeReport", "merge_packages", "split_dossier",
]
