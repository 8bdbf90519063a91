"""The guided pages: applicant & profile, the conditions, one page per indicator, safeguards.

Pages are built from the scheme and the field specs (nothing is hand-laid per indicator), so a
province's variant scheme gets its pages without code. Towns and districts see the same pages.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smartcity_desktop.i18n import pick
from smartcity_desktop.model import (
    APPLICANT_FIELDS,
    CONDITION_FIELDS,
    INDICATOR_FIELDS,
    PROFILE_FIELDS,
    SAFEGUARD_FIELDS,
    FieldError,
    FieldSpec,
)
from smartcity_desktop.ui.attachments import AttachmentList
from smartcity_desktop.ui.fields import Binder, bind_field
from smartcity_desktop.ui.session import DossierSession

translate = QCoreApplication.translate
CONTENT_MAX_WIDTH = 1000


class Page(QWidget):
    """A scrollable form whose inputs are bound to field keys; knows which keys it shows."""

    def __init__(self, session: DossierSession, owner: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.owner = owner
        self.binders: dict[str, Binder] = {}
        self.extra_inputs: dict[str, QWidget] = {}  # keys shown by non-Binder widgets (lists)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        inner = QWidget()
        inner.setObjectName("pageBody")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(24, 16, 24, 24)
        self.body.setSpacing(12)
        inner.setMaximumWidth(CONTENT_MAX_WIDTH)
        self.scroll.setWidget(inner)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        session.valuesChanged.connect(self.refresh)
        session.reset.connect(lambda: self.refresh(self.keys()))

    # -- building --------------------------------------------------------------------------------
    def add_note(self, text: str, name: str = "note") -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(label)
        return label

    def add_form(self, title: str | None, fields: Iterable[tuple[str, FieldSpec]]) -> QGroupBox | QWidget:
        """Short fields in a label/field form; long texts get their label above, full width."""
        box: QGroupBox | QWidget = QGroupBox(title) if title else QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if not title:
            form.setContentsMargins(0, 0, 0, 0)
        for key, spec in fields:
            binder = bind_field(self.session, key, spec, box)
            self.binders[key] = binder
            label = QLabel(spec.label_text + ("：" if not spec.label_text.endswith("：") else ""))
            label.setBuddy(binder.widget)
            label.setWordWrap(False)
            if spec.kind == "longtext":
                label.setWordWrap(True)
                form.addRow(label)
                form.addRow(binder.container)
            else:
                form.addRow(label, binder.container)
        self.body.addWidget(box)
        return box

    def add_documents(self, key: str, spec: FieldSpec, hint: str = "") -> AttachmentList:
        box = QGroupBox(spec.label_text)
        layout = QVBoxLayout(box)
        if hint:
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        widget = AttachmentList(self.session, key, spec.label_text, box)
        layout.addWidget(widget)
        self.extra_inputs[key] = widget.list
        self.body.addWidget(box)
        return widget

    def finish(self) -> None:
        self.body.addStretch(1)

    # -- contract used by the main window -------------------------------------------------------
    def keys(self) -> list[str]:
        return [*self.binders, *self.extra_inputs]

    def refresh(self, keys: list[str]) -> None:
        for key in keys:
            binder = self.binders.get(key)
            if binder is not None:
                binder.load()
        self.after_refresh(keys)

    def after_refresh(self, keys: list[str]) -> None:
        """Hook for derived displays (urbanisation rate, applicability)."""

    def input_for(self, key: str) -> QWidget | None:
        binder = self.binders.get(key)
        return binder.widget if binder else self.extra_inputs.get(key)

    def focus_key(self, key: str) -> bool:
        widget = self.input_for(key)
        if widget is None:
            return False
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if not parent.isVisible() and parent.isHidden():
                parent.show()
            parent = parent.parentWidget()
        self.scroll.ensureWidgetVisible(widget, 40, 60)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def first_input(self) -> QWidget | None:
        keys = self.keys()
        return self.input_for(keys[0]) if keys else None


class ApplicantPage(Page):
    """Applicant unit and the basic facts (with units: 万元, 平方公里, 人)."""

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(session, "applicant", translate("Pages", "申报单位与基本情况"), parent)
        self.add_note(translate("Pages", "填写申报主体和联系人。数字按所示单位填写（例如地区生产总值以万元计）。"), "intro")
        self.add_form(translate("Pages", "申报单位"), ((f"applicant.{n}", s) for n, s in APPLICANT_FIELDS.items()))
        short = [(f"profile.{n}", s) for n, s in PROFILE_FIELDS.items() if s.kind != "longtext"]
        long = [(f"profile.{n}", s) for n, s in PROFILE_FIELDS.items() if s.kind == "longtext"]
        self.add_form(translate("Pages", "基本情况"), short)
        self.rate = self.add_note("", "derived")
        self.add_form(translate("Pages", "概况与目标"), long)
        self.finish()
        self.after_refresh([])

    def after_refresh(self, keys: list[str]) -> None:
        rate = self.session.dossier.urbanisation_rate()
        text = f"{rate:.1f}%" if rate is not None else translate("Pages", "（填写常住人口和城镇人口后自动计算）")
        self.rate.setText(translate("Pages", "城镇化率：{rate}").format(rate=text))


class ConditionPage(Page):
    """One of the four application conditions: status, evidence text, linked documents."""

    def __init__(self, session: DossierSession, cid: str, parent: QWidget | None = None):
        cond = session.scheme.condition(cid)
        super().__init__(session, f"conditions[{cid}]",
                         translate("Pages", "申报条件 {n}").format(n=cid), parent)
        self.add_note(cond.label, "statement")
        note = session.scheme.provenance_note(cond.provenance)
        if note:
            self.add_note(translate("Pages", "条文来源：{note}").format(note=note), "provenance")
        prefix = f"conditions[{cid}]."
        self.add_form(None, [(prefix + n, CONDITION_FIELDS[n]) for n in ("status", "evidence")])
        hint = ""
        if cond.document_kinds:
            hint = translate("Pages", "建议附上：{kinds}").format(kinds="、".join(cond.document_kinds))
        self.add_documents(prefix + "documents", CONDITION_FIELDS["documents"], hint)
        self.finish()


class ProjectLinks(QListWidget):
    """The projects that support an indicator, as a checklist. A link made on the project's own
    page (its "indicators served") shows checked and is changed there."""

    def __init__(self, session: DossierSession, key: str, iid: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.key = key
        self.iid = iid
        self.setObjectName(key)
        self.setAccessibleName(label)
        self.setMaximumHeight(150)
        self.itemChanged.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        was = self.blockSignals(True)
        self.clear()
        explicit = set(self.session.value(self.key) or [])
        for project in self.session.dossier.projects():
            name = project.name or translate("Pages", "（未命名项目 {order}）").format(order=project.order)
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, project.id)
            from_project = self.iid in project.indicators
            if from_project and project.id not in explicit:
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)  # shown checked, changed on the project
                item.setCheckState(Qt.CheckState.Checked)
                item.setToolTip(translate("Pages", "该项目在“项目与投资”中已关联本指标"))
            else:
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not self.session.readonly:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if project.id in explicit else Qt.CheckState.Unchecked)
            self.addItem(item)
        if self.count() == 0:
            item = QListWidgetItem(translate("Pages", "（尚无项目；在“项目与投资”中添加）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        self.blockSignals(was)

    def _changed(self, _item: QListWidgetItem) -> None:
        chosen = [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                  if self.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
                  and self.item(i).checkState() == Qt.CheckState.Checked]
        try:
            self.session.set_value(self.key, [c for c in chosen if c] or None,
                                   text=translate("Pages", "支撑项目"))
        except FieldError:
            self.reload()


class IndicatorPage(Page):
    """One level-3 indicator, generated from the scheme."""

    def __init__(self, session: DossierSession, iid: str, parent: QWidget | None = None):
        scheme = session.scheme
        ind = scheme.indicator(iid)
        super().__init__(session, f"indicators[{iid}]", f"{iid}  {ind.label}", parent)
        self.iid = iid
        level1, level2 = scheme.level1_of(iid), scheme.level2(ind.level2_id)
        self.add_note(f"{level1.id} {level1.label}  ›  {level2.id} {level2.label}  ›  {iid} {ind.label}", "path")
        explanation = QGroupBox(translate("Pages", "指标说明"))
        layout = QVBoxLayout(explanation)
        text = QLabel(pick(ind.explanation))
        text.setWordWrap(True)
        text.setObjectName("explanation")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        note = scheme.provenance_note(ind.provenance)
        mark = QLabel()
        mark.setObjectName("provenanceSummary" if scheme.is_summary(ind.provenance) else "provenance")
        mark.setWordWrap(True)
        if scheme.is_summary(ind.provenance):
            mark.setText(translate("Pages", "【摘要】{note}").format(note=note))
        else:
            mark.setText(translate("Pages", "来源：{note}").format(note=note))
        layout.addWidget(mark)
        self.provenance_label = mark
        self.body.addWidget(explanation)
        fields = [n for n in INDICATOR_FIELDS if n in scheme.indicator_fields]
        prefix = f"indicators[{iid}]."
        self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in fields if n == "applicable"])
        self.reason_box = self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in fields
                                               if n == "not_applicable_reason"])
        main = [n for n in fields if n not in ("applicable", "not_applicable_reason", "projects", "documents")]
        self.answer_box = QWidget()
        answer_layout = QVBoxLayout(self.answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.answer_box)
        saved_body, self.body = self.body, answer_layout
        self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in main])
        if "projects" in fields:
            spec = INDICATOR_FIELDS["projects"]
            box = QGroupBox(spec.label_text)
            box_layout = QVBoxLayout(box)
            self.links = ProjectLinks(session, prefix + "projects", iid, spec.label_text, box)
            box_layout.addWidget(self.links)
            self.extra_inputs[prefix + "projects"] = self.links
            self.body.addWidget(box)
        if "documents" in fields:
            self.add_documents(prefix + "documents", INDICATOR_FIELDS["documents"])
        self.body = saved_body
        self.finish()
        self.after_refresh([])

    def after_refresh(self, keys: list[str]) -> None:
        applicable = self.session.value(f"indicators[{self.iid}].applicable") is not False
        self.reason_box.setVisible(not applicable)
        self.answer_box.setVisible(applicable)
        if hasattr(self, "links") and any(k.startswith("projects[") or k.endswith("].projects") for k in keys):
            self.links.reload()

    def refresh_links(self) -> None:
        if hasattr(self, "links"):
            self.links.reload()


class SafeguardsPage(Page):
    """Organisation, policy, funding and operation safeguards, and the applicant's opinion."""

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(session, "safeguards", translate("Pages", "保障措施"), parent)
        self.add_note(translate("Pages", "说明组织、政策、资金和运营方面的保障，以及申报单位意见。"), "intro")
        self.add_form(None, ((f"safeguards.{n}", s) for n, s in SAFEGUARD_FIELDS.items()))
        self.finish()


class MissingPart(QWidget):
    """Shown in place of a part of the program that is not installed (keeps the window usable)."""

    def __init__(self, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(translate("Pages", "“{what}”功能在此版本中不可用。").format(what=what))
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addStretch(1)

    def focus_key(self, key: str) -> bool:
        return False
