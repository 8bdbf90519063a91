"""Convert documents to PDF through LibreOffice's UNO API, updating indexes and fields first.

``soffice --convert-to pdf`` leaves a TOC field as its placeholder text; loading the document over UNO,
updating every index (目录) and field, then storing it as PDF gives the real page numbers.

This file (a resource, so it is a plain file in the installed bundle too) runs as a SCRIPT under the Python that has LibreOffice's ``uno`` module (Debian: the system
``python3`` with ``python3-uno``; Windows: ``<LibreOffice>/program/python.exe``), not inside the
program's own interpreter, so it imports nothing from smartcity_desktop:

    python3 uno_pdf.py SOFFICE PROFILE_URL OUT_DIR FILE...

It prints one line per PDF written and exits 0, or prints the problem and exits 1.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid


def _prop(name: str, value: object) -> object:
    import uno  # noqa: F401 - makes com.sun.star importable
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print("usage: uno_pdf.py SOFFICE PROFILE_URL OUT_DIR FILE...")
        return 2
    soffice, profile, out_dir, files = argv[0], argv[1], argv[2], argv[3:]
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = f"smartcity{uuid.uuid4().hex[:12]}"
    proc = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                             "--norestore", "--nolockcheck", "--nodefault",
                             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):  # up to a minute for a first start that builds the profile
            if proc.poll() is not None:
                print(f"LibreOffice exited ({proc.returncode})")
                return 1
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.25)
        if ctx is None:
            print("LibreOffice did not answer")
            return 1
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
            if doc is None:
                print(f"cannot open {path}")
                return 1
            try:
                writer = doc.supportsService("com.sun.star.text.TextDocument")
                if writer:
                    for _ in range(2):  # page numbers can move once the TOC has its real length
                        indexes = doc.getDocumentIndexes()
                        for i in range(indexes.getCount()):
                            indexes.getByIndex(i).update()
                        doc.getTextFields().refresh()
                filt = "writer_pdf_Export" if writer else "calc_pdf_Export"
                stem = os.path.splitext(os.path.basename(path))[0]
                target = os.path.join(out_dir, stem + ".pdf")
                doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (_prop("FilterName", filt),))
                print(target)
            finally:
                doc.close(True)
        return 0
    except Exception as exc:  # noqa: BLE001 - report, never a traceback to the user
        print(f"{type(exc).__name__}: {exc}")
        return 1
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:  # noqa: BLE001 - the office may already be gone
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
