"""The guided pages: applicant & profile, the conditions, one page per indicator, safeguards.

Pages are built from the scheme and the field specs (nothing is hand-laid per indicator), so a
province's variant scheme gets its pages without code. Towns and districts see the same pages.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
    parse_key,
)
from smartcity_desktop.model.fields import BUDGET_CONDITION
from smartcity_desktop.model.keys import (
    applicant_key,
    condition_owner,
    indicator_key,
    indicator_owner,
    key_section,
    metrics_prefix,
    name_of_key,
    prefix_of,
    profile_key,
    safeguard_key,
)
from smartcity_desktop.ui.pages.base import Page
from smartcity_desktop.validate import ERROR, MISSING, WARNING, Finding
from smartcity_desktop.ui.widgets.field_widgets import FOCUS_ROOM, Binder, bind_field
from smartcity_desktop.ui.shell.session import DossierSession
from smartcity_desktop.ui.shell.style import ROLES, set_role

if TYPE_CHECKING:  # imported where first used: the first page shown (applicant) has neither
    from smartcity_desktop.ui.widgets.attachments import AttachmentList

translate = QCoreApplication.translate
CONTENT_MAX_WIDTH = 1000


class FormPage(Page):
    """A scrollable form whose inputs are bound to field keys; knows which keys it shows."""

    # True on a page that holds nothing a user can Tab to but its bound fields (no lists, no buttons):
    # its last Tab stop is then its last reachable field, known without walking the focus chain.
    FIELDS_ONLY = False

    def __init__(self, session: DossierSession, owner: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.owner = owner
        self.binders: dict[str, Binder] = {}
        self.revealed: set[str] = set()  # keys the user was sent to: their "please fill in" shows
        self._findings: list[Finding] = []
        self.extra_inputs: dict[str, QWidget] = {}  # keys shown by non-Binder widgets (lists)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the last field to Back/Next
        outer.addWidget(self.scroll_area)
        inner = QWidget()
        inner.setObjectName("pageBody")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(24, 16, 24, 24)
        self.body.setSpacing(12)
        inner.setMaximumWidth(CONTENT_MAX_WIDTH)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(title)
        set_role(self.title, "pageTitle")
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        session.valuesChanged.connect(self.refresh)
        session.reset.connect(self.refresh_all)

    # -- building --------------------------------------------------------------------------------
    def add_note(self, text: str, name: str = "note") -> QLabel:
        label = QLabel(text)
        if name in ROLES:
            set_role(label, name)
        else:
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
        form.setVerticalSpacing(max(0, form.verticalSpacing() - 2 * FOCUS_ROOM))  # inputs carry their ring room
        if not title:
            form.setContentsMargins(0, 0, 0, 0)
        for key, spec in fields:
            binder = bind_field(self.session, key, spec, box, message_room=True)
            self.binders[key] = binder
            label = QLabel(translate("Pages", "{label}：").format(label=spec.label_text))
            label.setBuddy(binder.widget)
            label.setWordWrap(False)
            if spec.kind == "longtext":
                label.setWordWrap(True)
                form.addRow(self._label_row(label, binder))
                form.addRow(binder.container)
            else:
                form.addRow(label, binder.container)
        self.body.addWidget(box)
        return box

    @staticmethod
    def _label_row(label: QLabel, binder: Binder) -> QWidget:
        """A long text's label with its message on the same line (the editor below never moves)."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(binder.error_label, 1)
        return row

    def add_documents(self, key: str, spec: FieldSpec, hint: str = "") -> AttachmentList:
        from smartcity_desktop.ui.widgets.attachments import AttachmentList

        box = QGroupBox(spec.label_text)
        layout = QVBoxLayout(box)
        if hint:
            note = QLabel(hint)
            set_role(note, "hint")
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

    def refresh_all(self) -> None:
        self.refresh(self.keys())

    def after_refresh(self, keys: list[str]) -> None:
        """Hook for derived displays (urbanisation rate, applicability)."""

    def show_findings(self, findings: list[Finding]) -> None:
        """Put real mistakes beside the fields they concern, styled as error or warning. "Please fill
        in" (required: error, recommended: warning) stays quiet while the user works through the page,
        but not for a field the user was sent to (from the review page): there the reason they came
        must show."""
        self._findings = findings
        messages: dict[str, tuple[str, str, bool]] = {}
        for f in findings:
            missing = f.kind == MISSING  # "please fill in", required or recommended
            if f.severity in (ERROR, WARNING) and f.key in self.binders and (not missing or f.key in self.revealed):
                messages.setdefault(f.key, (self.own_message(f.message), f.severity, missing))
        for key, binder in self.binders.items():
            binder.set_finding(*messages.get(key, ("", ERROR, False)))

    def own_message(self, message: str) -> str:
        """A finding's text as read on this page (a page may drop what its title already says)."""
        return message

    def input_for(self, key: str) -> QWidget | None:
        binder = self.binders.get(key)
        return binder.widget if binder else self.extra_inputs.get(key)

    def focus_key(self, key: str) -> bool:
        widget = self.input_for(key)
        if widget is None:
            return False
        if key in self.binders and key not in self.revealed:
            self.revealed.add(key)
            self.show_findings(self._findings)
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            if not parent.isVisible() and parent.isHidden():
                parent.show()
            parent = parent.parentWidget()
        binder = self.binders.get(key)
        self.reveal(binder.container if binder else widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def reveal(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget, 40, 60)

    def first_input(self) -> QWidget | None:
        """Where the cursor goes when the page is entered: its first empty field (in page order),
        else its first field; only fields the user can see and reach."""
        reachable = [(k, w) for k in self.keys() if (w := self.input_for(k)) is not None
                     and self._shown_in_page(w) and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for key, widget in reachable:
            binder = self.binders.get(key)
            if (binder is None or binder.spec.kind != "bool") and is_empty(self.session.value(key)):
                return widget  # a yes/no choice always shows an answer: never "empty"
        return reachable[0][1] if reachable else None

    def last_input(self) -> QWidget | None:
        if not self.FIELDS_ONLY:
            return None
        for key in reversed(self.keys()):
            widget = self.input_for(key)
            if widget is not None and self._shown_in_page(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
        return None

    def _shown_in_page(self, widget: QWidget) -> bool:
        """Not hidden on the way up to the page. Asked of Qt (``isVisibleTo``), not by walking
        ``parentWidget()`` in Python: the walk hands Python the scroll area's viewport, a widget Qt made,
        and the first such widget makes PySide6 build some 40 Qt classes it has not seen (~15 ms)."""
        return widget.isVisibleTo(self)


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def document_kind_label(kind: str) -> str:
    """The scheme names supporting documents by kind id; people read these labels."""
    labels = {
        "plan": translate("Pages", "列入“十二五”规划或相关专项规划的文件（可节选）"),
        "plan_outline": translate("Pages", "智慧城市发展规划纲要"),
        "financing": translate("Pages", "资金筹措方案或列入财政预算的文件"),
        "leadership": translate("Pages", "主要负责人牵头的领导小组等组织文件"),
    }
    return labels.get(kind, kind)


class OnFirstFocus(QObject):
    """Runs ``then`` once, when ``widget`` first gets the keyboard focus (before the key that follows)."""

    def __init__(self, widget: QWidget, then: Callable[[], object]):
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusIn and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            then()
        return False


class ApplicantPage(FormPage):
    """Applicant unit and the basic facts (with units: 万元, 平方公里, 人)."""

    FIELDS_ONLY = True

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(session, "applicant", translate("Pages", "申报单位与基本情况"), parent)
        self.add_note(translate("Pages", "填写申报主体和联系人。数字按所示单位填写（例如地区生产总值以万元计）。"), "intro")
        self.add_form(translate("Pages", "申报单位"), ((applicant_key(n), s) for n, s in APPLICANT_FIELDS.items()))
        short = [(profile_key(n), s) for n, s in PROFILE_FIELDS.items() if s.kind != "longtext"]
        long = [(profile_key(n), s) for n, s in PROFILE_FIELDS.items() if s.kind == "longtext"]
        self.add_form(translate("Pages", "基本情况"), short)
        self.rate = self.add_note("", "derived")
        self.add_form(translate("Pages", "概况与目标"), long)
        self._offer_provinces()
        self.finish()
        self.after_refresh([])

    def _offer_provinces(self) -> None:
        """The province field suggests the 34 divisions as the user types and keeps the official
        name ("浙江" → "浙江省"); other text is still accepted here (a fictional demo, a new division).
        The list is made when the field first gets the keyboard focus: nobody types there before, and
        the list with its module cost ~5 ms of the start-up (the applicant page is the demo's first)."""
        binder = self.binders.get("applicant.province")
        if binder is None or not isinstance(binder.widget, QLineEdit) or self.session.readonly:
            return
        edit = binder.widget

        def settle(text: str) -> None:
            from smartcity_desktop.model.provinces import canonical_province
            from smartcity_desktop.ui.widgets.province_box import province_of_display

            name = province_of_display(text) or canonical_province(text)
            if name and name != self.session.value("applicant.province"):
                edit.setText(name)
                binder._edited(name)
            elif name and edit.text() != name:
                edit.setText(name)

        def offer() -> None:
            from smartcity_desktop.ui.widgets.province_box import ProvinceCompleter

            ProvinceCompleter(edit, self).activated.connect(settle)

        self.province_offer = OnFirstFocus(edit, offer)
        edit.editingFinished.connect(lambda: settle(edit.text()))

    def after_refresh(self, keys: list[str]) -> None:
        rate = self.session.dossier.urbanisation_rate()
        text = f"{rate:.1f}%" if rate is not None else translate("Pages", "（填写常住人口和城镇人口后自动计算）")
        self.rate.setText(translate("Pages", "城镇化率：{rate}").format(rate=text))


class ConditionPage(FormPage):
    """One of the four application conditions: status, evidence text, linked documents."""

    def __init__(self, session: DossierSession, cid: str, parent: QWidget | None = None):
        cond = session.scheme.condition(cid)
        super().__init__(session, condition_owner(cid),
                         translate("Pages", "申报条件 {n}").format(n=cid), parent)
        self.add_note(cond.label, "statement")
        note = session.scheme.provenance_note(cond.provenance)
        if note:
            self.add_note(translate("Pages", "条文来源：{note}").format(note=note), "provenance")
        prefix = prefix_of(condition_owner(cid))
        self.add_form(None, [(prefix + n, CONDITION_FIELDS[n]) for n in ("status", "evidence")])
        if cid == BUDGET_CONDITION:  # 资金筹措: the budget by year (ui/widgets/budget_editor.py)
            from smartcity_desktop.ui.widgets.budget_editor import BudgetEditor

            self.body.addWidget(BudgetEditor(self))
        hint = ""
        if cond.document_kinds:
            kinds = "、".join(document_kind_label(k) for k in cond.document_kinds)
            hint = translate("Pages", "建议附上：{kinds}").format(kinds=kinds)
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

    def set_key(self, key: str, iid: str) -> None:
        self.key, self.iid = key, iid
        self.setObjectName(key)
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


class IndicatorPage(FormPage):
    """The page of a level-3 indicator, generated from the scheme.

    One instance serves all 57 indicators: ``set_indicator`` points its inputs at another
    indicator's keys and reloads them, which is ten times faster than building a page.
    """

    def __init__(self, session: DossierSession, iid: str, parent: QWidget | None = None):
        scheme = session.scheme
        super().__init__(session, indicator_owner(iid), "", parent)
        self.iid = iid
        self.path_label = self.add_note("", "path")
        explanation = QGroupBox(translate("Pages", "指标说明"))
        layout = QVBoxLayout(explanation)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        set_role(self.explanation, "explanation")
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanation)
        self.provenance_label = QLabel()
        self.provenance_label.setWordWrap(True)
        layout.addWidget(self.provenance_label)
        self.provenance_link = QLabel("<a href=\"help:provenance\">{}</a>".format(
            translate("Pages", "这段说明从哪里来？关于来源标记的注解 ›")))
        self.provenance_link.setObjectName("provenanceLink")
        self.provenance_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.provenance_link.setAccessibleName(translate("Pages", "关于来源标记的注解"))
        self.provenance_link.linkActivated.connect(self.open_provenance_note)
        layout.addWidget(self.provenance_link)
        self.body.addWidget(explanation)
        self.fields = [n for n in INDICATOR_FIELDS if n in scheme.indicator_fields]
        prefix = prefix_of(indicator_owner(iid))
        self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in self.fields if n == "applicable"])
        self.reason_box = self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in self.fields
                                               if n == "not_applicable_reason"])
        main = [n for n in self.fields if n not in ("applicable", "not_applicable_reason", "projects", "documents")]
        self.answer_box = QWidget()
        answer_layout = QVBoxLayout(self.answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.answer_box)
        saved_body, self.body = self.body, answer_layout
        self.add_form(None, [(prefix + n, INDICATOR_FIELDS[n]) for n in main])
        from smartcity_desktop.ui.widgets.metrics_table import MetricsBox

        self.metrics_box = MetricsBox(session, iid, self.binders)  # quantified targets (metrics_table.py)
        self.body.addWidget(self.metrics_box)
        self.links: ProjectLinks | None = None
        self.documents: AttachmentList | None = None
        if "projects" in self.fields:
            spec = INDICATOR_FIELDS["projects"]
            box = QGroupBox(spec.label_text)
            box_layout = QVBoxLayout(box)
            self.links = ProjectLinks(session, prefix + "projects", iid, spec.label_text, box)
            box_layout.addWidget(self.links)
            self.extra_inputs[prefix + "projects"] = self.links
            self.body.addWidget(box)
        if "documents" in self.fields:
            self.documents = self.add_documents(prefix + "documents", INDICATOR_FIELDS["documents"])
        self.body = saved_body
        self.finish()
        self._describe()
        self.after_refresh([])

    def _describe(self) -> None:
        scheme = self.session.scheme
        ind = scheme.indicator(self.iid)
        level1, level2 = scheme.level1_of(self.iid), scheme.level2(ind.level2_id)
        self.title.setText(f"{self.iid}  {ind.label}")
        self.path_label.setText(f"{level1.id} {level1.label}  ›  {level2.id} {level2.label}  ›  {self.iid} {ind.label}")
        unsure = [n for n in (level1, level2) if scheme.is_summary(n.provenance)]
        self.path_label.setToolTip(translate("Pages", "指标名称“{names}”：{note}").format(
            names="”“".join(n.label for n in unsure), note=scheme.provenance_note(unsure[0].provenance))
            if unsure else "")
        self.explanation.setText(pick(ind.explanation))
        note = scheme.provenance_note(ind.provenance)
        summary = scheme.is_summary(ind.provenance)
        role = "provenanceSummary" if summary else "provenance"
        if self.provenance_label.objectName() != role:
            set_role(self.provenance_label, role)
        self.provenance_label.setText(translate("Pages", "【摘要】{note}").format(note=note) if summary
                                      else translate("Pages", "来源：{note}").format(note=note))

    def enter(self, page_id: str) -> None:
        """The shared page is entered as ``indicators[<id>]``: show that indicator."""
        self.set_indicator(page_id[len("indicators["):-1])

    def set_indicator(self, iid: str) -> None:
        """Show indicator ``iid`` in this page (no-op if it already does)."""
        if iid == self.iid:
            return
        old, new = prefix_of(indicator_owner(self.iid)), prefix_of(indicator_owner(iid))
        self.iid = iid
        self.owner = indicator_owner(iid)
        self.binders = {k.replace(old, new, 1): b for k, b in self.binders.items()}
        for key, binder in self.binders.items():
            binder.rekey(key)
        self.extra_inputs = {k.replace(old, new, 1): w for k, w in self.extra_inputs.items()}
        self.metrics_box.set_indicator(iid)
        if self.links is not None:
            self.links.set_key(new + "projects", iid)
        if self.documents is not None:
            self.documents.set_key(new + "documents")
        self._describe()
        self.after_refresh([])
        self.scroll_area.verticalScrollBar().setValue(0)

    def open_provenance_note(self, _link: str = "") -> None:
        """The guide's note on what V/S/R/R* mean and where the ministry's own wording is."""
        from smartcity_desktop.ui.dialogs.help import show_help

        show_help("provenance", self.window())

    def own_message(self, message: str) -> str:
        """Findings name their indicator ("1.1.1 智慧城市发展规划纲要及实施方案：请填写…") for the review
        list; on the indicator's own page that name is the title already."""
        if message.startswith(f"{self.iid} "):
            for colon in ("：", ": "):
                head, sep, rest = message.partition(colon)
                if sep and rest:
                    return rest
        return message

    def after_refresh(self, keys: list[str]) -> None:
        applicable = self.session.value(indicator_key(self.iid, "applicable")) is not False
        self.reason_box.setVisible(not applicable)
        self.answer_box.setVisible(applicable)
        if any(k.startswith(metrics_prefix(self.iid)) for k in keys):
            self.metrics_box.ensure_rows()
        if self.links is not None and any(key_section(k) == "projects" or name_of_key(k) == "projects" for k in keys):
            self.links.reload()

    def focus_key(self, key: str) -> bool:
        if key.startswith(metrics_prefix(self.iid)) and key not in self.binders:
            try:
                self.metrics_box.ensure_rows(int(parse_key(key).source))
            except (FieldError, ValueError):
                pass
        return super().focus_key(key)


class SafeguardsPage(FormPage):
    """Organisation, policy, funding and operation safeguards, and the applicant's opinion."""

    FIELDS_ONLY = True

    def __init__(self, session: DossierSession, parent: QWidget | None = None):
        super().__init__(session, "safeguards", translate("Pages", "保障措施"), parent)
        self.add_note(translate("Pages", "说明组织、政策、资金和运营方面的保障，以及申报单位意见。"), "intro")
        self.add_form(None, ((safeguard_key(n), s) for n, s in SAFEGUARD_FIELDS.items()))
        self.finish()


class MissingPart(Page):
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
