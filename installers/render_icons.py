"""Render the SVG icons in resources/icons/ to the PNG sizes and the Windows .ico the installers use.

Run it after changing an SVG and commit the results, so builds never need a renderer:
    QT_QPA_PLATFORM=offscreen python installers/render_icons.py
Rendering uses Qt's own SVG renderer (QtSvg, already a dependency), so the PNGs look exactly like the
icons the program draws from the SVG. Sizes of 32 px and below use ``*-small.svg`` when it exists:
a simplified drawing (no windows, no inner frame) that stays legible at 16 px.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
NAMES = ("smartcity-desktop", "application-x-scdossier", "application-x-scpart")
SMALL = 32


def render(svg: Path, size: int) -> bytes:
    """PNG bytes of ``svg`` drawn at ``size`` x ``size`` with antialiasing on a transparent ground."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG for QtSvg")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """An .ico holding PNG-compressed images (read by Windows Vista and later, Inno Setup, PyInstaller)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(header + entries + blobs)


def source_for(name: str, size: int) -> Path:
    small = ICONS / f"{name}-small.svg"
    return small if size <= SMALL and small.exists() else ICONS / f"{name}.svg"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    for name in NAMES:
        rendered = {size: render(source_for(name, size), size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
        for size in PNG_SIZES:
            (ICONS / f"{name}-{size}.png").write_bytes(rendered[size])
        write_ico(ICONS / f"{name}.ico", {size: rendered[size] for size in ICO_SIZES})
        print(f"{name}: {len(PNG_SIZES)} PNGs and {name}.ico written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
