"""A calm, legible government-office look: Fusion, light neutral palette, one accent colour.

No application style sheet: a global Qt style sheet made every page twice as slow to build and
paint (measured: 10 indicator pages 0.80 s → 0.45 s without it), so the few accents are set with
fonts and palettes by the role a label plays (its objectName). The UI font stays the system's
(Microsoft YaHei on Windows, the distribution's CJK font on UOS/Kylin); no fonts are bundled.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

ACCENT = "#1f4e8c"
MUTED = "#5a6270"
RED = "#b3261e"
GREEN = "#2e7d32"
AMBER_TEXT, AMBER_BACK = "#8a5300", "#fff6e0"
STATEMENT_BACK = "#eef3f9"
INVALID_BACK = "#fff0f0"

# role -> (point-size factor, bold, text colour, background colour)
ROLES: dict[str, tuple[float, bool, str | None, str | None]] = {
    "pageTitle": (1.5, True, ACCENT, None),
    "statement": (1.15, False, None, STATEMENT_BACK),
    "path": (1.0, False, MUTED, None),
    "hint": (1.0, False, MUTED, None),
    "intro": (1.0, False, MUTED, None),
    "provenance": (1.0, False, MUTED, None),
    "unit": (1.0, False, MUTED, None),
    "provenanceSummary": (1.0, False, AMBER_TEXT, AMBER_BACK),
    "explanation": (1.05, False, None, None),
    "derived": (1.0, False, "#2e5e2e", None),
    "fieldError": (1.0, False, RED, None),
    "verdict": (1.25, True, None, None),  # colour set by the review page: red or green
    "saveState": (1.0, False, GREEN, None),
    "readonlyBadge": (1.0, True, AMBER_TEXT, AMBER_BACK),
    "position": (1.0, False, "#33404f", None),
}


def set_role(widget: QWidget, role: str) -> None:
    """Give a label the look of ``role`` and the role as its objectName (which tests and the roles
    themselves use to find it), when it is made or when it changes role (provenance). Applied where the
    label is made: looking for role labels afterwards (``findChildren``) hands every widget of a page to
    Python, which made PySide6 wrap ~250 objects per page (~5 ms each page, ~11 ms of the start-up)."""
    widget.setObjectName(role)
    size, bold, fore, back = ROLES.get(role, (1.0, False, None, None))
    base = QApplication.font()
    font = QFont(widget.font())
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * size)
    font.setBold(bold)
    widget.setFont(font)
    palette = widget.palette()
    if fore:  # None: leave the colour alone (the review verdict sets red or green itself)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(fore))
    if back:
        palette.setColor(QPalette.ColorRole.Window, QColor(back))
    widget.setAutoFillBackground(bool(back))
    widget.setPalette(palette)
    if isinstance(widget, QLabel) and back:
        widget.setMargin(6)


def set_state_colour(widget: QWidget, good: bool) -> None:
    """Green for good news (ready, saved), red for bad (errors, save failed)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(GREEN if good else RED))
    widget.setPalette(palette)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """A pink field background while the typed text cannot be accepted."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(INVALID_BACK) if invalid
                     else QApplication.palette().color(QPalette.ColorRole.Base))
    widget.setPalette(palette)


# Fusion on every system, chosen on the QApplication's command line (which wins over QT_STYLE_OVERRIDE):
# then Qt sets it itself, where ``app.setStyle("Fusion")`` hands the new QStyle to Python and PySide6
# builds the QStyle class with its 11 enums of 566 values first (~10 ms of the start-up).
STYLE_ARGUMENTS = ("-style", "Fusion")
STYLE_CHOSEN = "smartcityStyleChosen"  # application property: Fusion was chosen on its command line


def apply_style(app: QApplication) -> None:
    from smartcity_desktop.ui.widgets.focus_ring import install_focus_ring

    if not app.property(STYLE_CHOSEN):  # an application made elsewhere (tests, tools): set it here
        app.setStyle("Fusion")
        app.setProperty(STYLE_CHOSEN, True)
    install_focus_ring(app, ACCENT)  # a focus ring a keyboard user can see
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f3f5f8"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#eef1f5"))
    app.setPalette(palette)
    font = QFont(app.font())
    if 0 < font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
        app.setFont(font)
