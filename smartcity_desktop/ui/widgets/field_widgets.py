"""Input widgets bound to field keys: each shows one value and edits it through the session.

A ``Binder`` owns one input widget whose objectName is the field key and whose accessibleName is
the translated label (DESIGN.md contract). Loading a value never pushes an undo command (signals
are blocked), and a focused widget whose text already means the stored value is left alone so
the cursor never jumps while the user types.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.model import FieldError, FieldSpec, choice_label
from smartcity_desktop.ui.widgets.field_message import ERROR, FieldMessage
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import mark_invalid, set_role

translate = QCoreApplication.translate
MESSAGE_WIDTH = 240  # px kept beside short fields for their message
CONTEXT_BACK = "#eceef2"  # a field a work package shows for context only (not the unit's to fill)
FOCUS_ROOM = 3  # px around an input for its focus ring (ui/widgets/focus_ring.py); the form's row spacing is this much less


class _UndoKeysToWindow(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo stack instead of a text widget's own undo, so
    one undo history spans every page (the widget's private history would bypass the model)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


UNDO_KEYS = _UndoKeysToWindow()


class _ReadOnlyTyping(QObject):
    """Typing into a read-only dossier's field would be ignored without a word: this tells the window,
    which says why in its status bar."""

    attempted = Signal(QWidget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(watched, QWidget):
            editing = bool(event.text().strip()) or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) \
                or event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Cut)
            if editing:
                self.attempted.emit(watched)
        elif event.type() == QEvent.Type.InputMethod and isinstance(watched, QWidget):
            self.attempted.emit(watched)
            # a read-only text edit still inserts an input method's commit string: refuse it here
            return isinstance(watched, (QLineEdit, QPlainTextEdit)) and watched.isReadOnly()
        return False


READONLY_TYPING = _ReadOnlyTyping()


class LongTextEdit(QPlainTextEdit):
    """A multi-line editor for long answers; Tab moves focus so the form stays keyboard-usable."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # one undo history: the window's (see _UndoKeysToWindow)
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        """Paste from Word/WPS keeps paragraphs and list numbers, without Word's control characters
        (see model/pasted_text.py); one paste is one edit."""
        if self.isReadOnly():
            return
        html = source.html() if source.hasHtml() else None
        plain = source.text() if source.hasText() else None
        if html is None and plain is None:
            super().insertFromMimeData(source)
            return
        from smartcity_desktop.model.pasted_text import pasted_text  # (html.parser: not at start-up)

        self.insertPlainText(pasted_text(html, plain))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setHeight(max(110, self.fontMetrics().lineSpacing() * 5 + 16))
        return hint


def format_value(spec: FieldSpec, value: Any) -> str:
    """How a stored value reads in a line edit: amounts and head counts with thousands separators
    (4,256,000 万元 is read at a glance; the field accepts them back), no trailing .0, lists joined.
    Unlike the model's ``display`` (what people read) it keeps every decimal: it is typed back."""
    if value is None:
        return ""
    if spec.kind in ("int", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return f"{value:,.6f}".rstrip("0").rstrip(".")
        return f"{int(value):,}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


class Binder(QObject):
    """Connects one input widget to one field key of the session."""

    problem = Signal(str, str)  # key, message ("" when the problem is gone)

    def __init__(self, session: DossierSession, key: str, spec: FieldSpec, widget: QWidget,
                 container: QWidget, error_label: FieldMessage):
        super().__init__(widget)
        self.session = session
        self.key = key
        self.spec = spec
        self.widget = widget
        self.container = container
        self.error_label = error_label
        self._problem = ""
        self._finding = ""
        self._severity = ERROR
        widget.setObjectName(key)
        widget.setAccessibleName(spec.label_text)
        if spec.unit_text:
            widget.setAccessibleDescription(translate("Fields", "单位：{unit}").format(unit=spec.unit_text))
        self._connect()
        self.load()
        self._locked = False
        self._lock_for_key()

    # -- widget <-> value ------------------------------------------------------------------------
    def _connect(self) -> None:
        w = self.widget
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.installEventFilter(UNDO_KEYS)
        if isinstance(w, QLineEdit):
            w.textEdited.connect(self._edited)
            if self.spec.kind in ("int", "number"):
                w.editingFinished.connect(self._tidy)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(lambda: self._edited(w.toPlainText()))
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(lambda _i: self._edited(w.currentData()))
        w.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        w.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, pos: QPoint) -> None:
        """The widget's own menu plus "修改记录…": who changed this field, in which unit, when, from
        where (issue 15's per-field history)."""
        w = self.widget
        menu = w.createStandardContextMenu() if isinstance(w, (QLineEdit, QPlainTextEdit)) else QMenu(w)
        menu.addSeparator()
        action = menu.addAction(translate("Fields", "修改记录…"))
        action.setObjectName("fieldHistory")
        chosen = menu.exec(w.mapToGlobal(pos))
        menu.deleteLater()
        if chosen is action:
            self.show_history(pos)

    def show_history(self, pos: QPoint | None = None) -> QWidget:
        from smartcity_desktop.ui.dialogs.departments_progress import show_history

        return show_history(self.session, self.key, self.widget, pos)

    def _lock_for_key(self) -> None:
        """Read-only when the dossier is, or when a work package does not let its unit change this key
        (then shaded as context, the reason in its tooltip; typing there is explained by the window)."""
        why = None if self.session.readonly else self.session.why_not_editable(self.key)
        locked = self.session.readonly or why is not None
        if locked != self._locked:
            self._set_readonly(locked)
        if self.session.pf.edit_guard is not None and not self.session.readonly:
            self.widget.setToolTip(why or "")
            self.widget.setProperty("contextOnly", why is not None)
            palette = self.widget.palette()
            palette.setColor(palette.ColorRole.Base, QColor(CONTEXT_BACK) if why is not None
                             else QApplication.palette().color(palette.ColorRole.Base))
            self.widget.setPalette(palette)

    def _set_readonly(self, locked: bool = True) -> None:
        self._locked = locked
        w = self.widget
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setReadOnly(locked)
            if locked:
                w.installEventFilter(READONLY_TYPING)
            else:
                w.removeEventFilter(READONLY_TYPING)
        else:
            w.setEnabled(not locked)

    def _edited(self, raw: Any) -> None:
        if self.session.readonly:
            return
        try:
            self.session.set_value(self.key, raw, merge=True, text=self.spec.label_text)
        except FieldError as exc:
            self.show_problem(exc.problem)
            return
        if getattr(self, "_until_filled", False) and self.session.value(self.key) not in (None, "", []):
            self._finding, self._until_filled = "", False
        self.show_problem("")

    def _tidy(self) -> None:
        """When the user leaves an amount, show it as stored ("42,560,000"), as a reload would."""
        w = self.widget
        if isinstance(w, QLineEdit) and not self._problem:
            shown = format_value(self.spec, self.session.value(self.key))
            if w.text() != shown and self._means_value(w.text(), self.session.value(self.key)):
                was = w.blockSignals(True)
                w.setText(shown)
                w.blockSignals(was)

    def set_finding(self, message: str, severity: str = ERROR, until_filled: bool = False) -> None:
        """A validation finding about the stored value (shown when there is no input problem),
        styled by its severity (error or warning) as the review page names it. ``until_filled``:
        a "please fill in" that goes as soon as a value is typed (before validation runs again)."""
        self._finding = message
        self._severity = severity
        self._until_filled = until_filled
        if not self._problem:
            self.error_label.show_message(message, severity)
            self._describe()

    def _describe(self) -> None:
        """The input's accessible description carries its unit and the message beside it, so a screen
        reader says "错误：电子邮箱格式不正确" on entering the field, not only a sighted user sees it."""
        parts = [translate("Fields", "单位：{unit}").format(unit=self.spec.unit_text)] if self.spec.unit_text else []
        if self.error_label.text() and not self.error_label.isHidden():
            parts.append(self.error_label.accessibleName())
        text = translate("Fields", "{unit}；{message}").format(unit=parts[0], message=parts[1]) if len(parts) == 2 \
            else "".join(parts)
        if text != self.widget.accessibleDescription():
            self.widget.setAccessibleDescription(text)

    def show_problem(self, message: str) -> None:
        self._problem = message
        if message:  # text the field cannot take is always an error
            self.error_label.show_message(message, ERROR)
        else:
            self.error_label.show_message(getattr(self, "_finding", ""), getattr(self, "_severity", ERROR))
        self._describe()
        if bool(message) != getattr(self, "_marked", False):
            self._marked = bool(message)
            mark_invalid(self.widget, bool(message))
        self.problem.emit(self.key, message)

    def _means_value(self, text: str, value: Any) -> bool:
        try:
            return self.session.dossier.coerce(self.key, text) == value
        except FieldError:
            return False

    def load(self) -> None:
        """Show the stored value (called at creation and when the key changed elsewhere: undo...)."""
        value = self.session.value(self.key)
        w = self.widget
        was = w.blockSignals(True)
        try:
            if isinstance(w, QLineEdit):
                if not (w.hasFocus() and self._means_value(w.text(), value)):
                    w.setText(format_value(self.spec, value))
                    self.show_problem("")
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText() != (value or "") and not (w.hasFocus() and self._means_value(w.toPlainText(), value)):
                    w.setPlainText(value or "")
                    self.show_problem("")
            elif isinstance(w, QComboBox):
                if self.spec.kind == "bool":
                    value = value is not False
                index = w.findData(value)
                w.setCurrentIndex(max(index, 0))
        finally:
            w.blockSignals(was)

    def rekey(self, key: str) -> None:
        """Point this input at another key of the same kind (the shared indicator page)."""
        self.key = key
        self.widget.setObjectName(key)
        self._finding = ""
        self.show_problem("")
        self.load()
        self._lock_for_key()

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _combo(spec: FieldSpec) -> QComboBox:
    box = QComboBox()
    if spec.kind == "bool":
        box.addItem(choice_label("bool", "true"), True)
        box.addItem(choice_label("bool", "false"), False)
    else:
        box.addItem(translate("Fields", "— 请选择 —"), None)
        for choice in spec.choices:
            box.addItem(choice_label(spec.choice_group, choice), choice)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def make_input(spec: FieldSpec) -> QWidget:
    """The plain input widget for a field kind (refs fields have their own list widgets)."""
    if spec.kind == "longtext":
        return LongTextEdit()
    if spec.kind in ("enum", "bool"):
        return _combo(spec)
    edit = QLineEdit()
    if spec.kind == "date":
        edit.setPlaceholderText(translate("Fields", "如 2015-12 或 2015-12-31"))
        edit.setMaximumWidth(220)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 16)
    elif spec.kind == "year":
        edit.setPlaceholderText(translate("Fields", "如 2014"))
        edit.setMaximumWidth(140)
    elif spec.kind in ("int", "number"):
        edit.setMaximumWidth(220)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    if spec.max_length and spec.kind == "text":
        edit.setMaxLength(spec.max_length)
    return edit


def bind_field(session: DossierSession, key: str, spec: FieldSpec, parent: QWidget | None = None,
               widget: QWidget | None = None, *, message_room: bool = False) -> Binder:
    """Build (or adopt) the input for ``key`` inside a container with its unit and error line.

    ``message_room`` (the guided pages' forms): the message sits beside a short field in room kept
    for it, and a long text's goes in its label's row (the page puts it there), so nothing moves when
    it appears. Without it (tables, grids, detail panes where 240 px per cell do not fit) the message
    appears under the input only while there is one, as before."""
    widget = widget or make_input(spec)
    container = QWidget(parent)
    outer = QVBoxLayout(container)
    outer.setContentsMargins(FOCUS_ROOM, FOCUS_ROOM, FOCUS_ROOM, FOCUS_ROOM)  # the focus ring is drawn here
    outer.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 1 if spec.kind in ("text", "longtext") or not spec.unit_text else 0)
    if spec.unit_text:
        unit = QLabel(spec.unit_text)
        set_role(unit, "unit")
        row.addWidget(unit)
        row.addStretch(1)
    elif spec.kind in ("date", "year", "enum", "bool"):
        row.addStretch(1)
    error = FieldMessage(container, keep_room=message_room)
    if message_room and spec.kind != "longtext":
        # beside the field, in room kept for it: a message appearing never moves the form
        error.setFixedWidth(MESSAGE_WIDTH)
        last = row.itemAt(row.count() - 1) if row.count() else None
        row.insertWidget(row.count() - 1 if last is not None and last.spacerItem() else row.count(), error)
    outer.addLayout(row)
    if not message_room:
        outer.addWidget(error)
    # with message_room, a long text's message goes in its label's row (the page puts it there)
    return Binder(session, key, spec, widget, container, error)
