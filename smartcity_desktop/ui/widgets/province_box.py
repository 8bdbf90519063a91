"""Choosing the province: the 34 provincial-level divisions (model/provinces.py) offered as a list,
filtered as the user types — by the full or short Chinese name or the English name ("zhe" finds
浙江省) — and whatever was typed kept as the official full name."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from smartcity_desktop.i18n import language
from smartcity_desktop.model.provinces import PROVINCES, Province, canonical_province

translate = QCoreApplication.translate


def display_name(p: Province) -> str:
    """How a province reads in the list: its Chinese name, with the English one in English."""
    return f"{p.name}  {p.en}" if language() == "en" else p.name


def province_of_display(text: str) -> str | None:
    """The official name behind a list entry or anything typed; None when it names none of the 34."""
    t = text.strip()
    for p in PROVINCES:
        if t == display_name(p):
            return p.name
    return canonical_province(t)


class ProvinceCompleter(QCompleter):
    """Offers the provinces whose names contain what was typed (not only those starting with it)."""

    def __init__(self, edit: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent or edit)
        self.edit = edit
        self.names = QStringListModel([display_name(p) for p in PROVINCES], self)
        self.setModel(self.names)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self.setWidget(edit)
        edit.textEdited.connect(self.refilter)
        self.activated.connect(self._chosen)

    def matching(self, text: str) -> list[str]:
        return [display_name(p) for p in PROVINCES if p.matches(text)] if text.strip() else \
            [display_name(p) for p in PROVINCES]

    def refilter(self, text: str) -> None:
        shown = self.matching(text)
        self.names.setStringList(shown)
        if shown and text.strip() and province_of_display(text) is None:
            self.complete()
        else:
            popup = self.popup()
            if popup is not None:
                popup.hide()

    def _chosen(self, text: str) -> None:
        name = province_of_display(text)
        if name is not None:
            self.edit.setText(display_name(next(p for p in PROVINCES if p.name == name)))


class ProvinceBox(QComboBox):
    """An editable combo box of the 34 divisions (open it to scroll the list, or type to filter).
    ``value()`` is the official full name, "" when empty, None when the text names no province."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        for p in PROVINCES:
            self.addItem(display_name(p), p.name)
        self.setCurrentIndex(-1)
        edit = self.lineEdit()
        assert edit is not None  # editable
        edit.setPlaceholderText(translate("Province", "输入名称筛选，例如：浙江、Zhejiang"))
        # Not QComboBox.setCompleter: the combo maps a chosen completion to its own rows and, the
        # filtered list being another model, would clear the text. The completer drives the line edit.
        self.setCompleter(None)  # type: ignore[arg-type]  # None removes the combo's own completer
        self.filter = ProvinceCompleter(edit, self)

    def value(self) -> str | None:
        text = self.currentText().strip()
        return "" if not text else province_of_display(text)

    def set_value(self, name: str) -> None:
        index = self.findData(canonical_province(name) or name)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)
