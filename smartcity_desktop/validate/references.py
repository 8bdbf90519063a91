"""References that must point at something stored in the dossier: attachment ids in ``…documents``.

A crafted file or an old import can link a documents field to an attachment that is not in the file;
the 申报书's attachment index would then list evidence that does not exist. The store tells the dossier
which attachments it holds (``Dossier.attachment_ids``); without that (a bare model) the rule is silent.
"""
from __future__ import annotations

from collections.abc import Iterator

from smartcity_desktop.i18n import tr
from smartcity_desktop.model import Dossier
from smartcity_desktop.validate.findings import ERROR, Finding


def attachment_rules(d: Dossier) -> Iterator[Finding]:
    known = getattr(d, "attachment_ids", None)
    if known is None:
        return
    for key, value in d.values().items():
        if not key.endswith(".documents") or not isinstance(value, list):
            continue
        missing = [aid for aid in value if aid not in known]
        if missing:
            yield Finding(ERROR, key, tr("证明材料中有 {n} 个附件在卷宗中不存在（{ids}），请重新添加该文件",
                                         n=len(missing), ids="、".join(str(m)[:20] for m in missing[:5])),
                          "attachment.missing")
