"""New dossier wizard: name, level, province, applicant unit, indicator scheme, where to save.

The file is created on the last page (``validateCurrentPage``), so a problem such as an existing
file or a folder without write access is shown there and the user can correct it in place.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from smartcity_desktop import paths
from smartcity_desktop.errors import SmartcityError
from smartcity_desktop.model import APPLICANT_FIELDS, LEVELS, choice_label
from smartcity_desktop.scheme import Scheme, available_schemes, default_scheme
from smartcity_desktop.store import EXTENSION, ProjectFile
from smartcity_desktop.ui.shell import settings
from smartcity_desktop.ui.widgets.field_message import FieldMessage
from smartcity_desktop.ui.widgets.province_box import ProvinceBox
from smartcity_desktop.ui.shell.style import set_role

translate = QCoreApplication.translate
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def default_file_name(name: str) -> str:
    clean = _UNSAFE.sub("", name).strip() or translate("Wizard", "申报卷宗")
    return clean + translate("Wizard", "-智慧城市试点申报") + EXTENSION


class NamePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(translate("Wizard", "申报主体"))
        self.setSubTitle(translate("Wizard", "申报的是哪个城市、区或镇？以后可以在“申报单位与基本情况”页修改。"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("applicant.name")
        self.name.setAccessibleName(APPLICANT_FIELDS["name"].label_text)
        self.name.setPlaceholderText(translate("Wizard", "例如：滨湖区"))
        self.level = QComboBox()
        self.level.setObjectName("applicant.level")
        self.level.setAccessibleName(APPLICANT_FIELDS["level"].label_text)
        for level in LEVELS:
            self.level.addItem(choice_label("level", level), level)
        form.addRow(translate("Pages", "{label}：").format(label=APPLICANT_FIELDS["name"].label_text), self.name)
        form.addRow(translate("Pages", "{label}：").format(label=APPLICANT_FIELDS["level"].label_text), self.level)
        note = QLabel(translate("Wizard", "设市城市、区和镇使用同一套申报页面和指标。"))
        set_role(note, "hint")
        note.setWordWrap(True)
        form.addRow(note)
        self.registerField("name*", self.name)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.name.text().strip())


class UnitPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(translate("Wizard", "所在省份与申报单位"))
        self.setSubTitle(translate("Wizard", "申报单位一般是城市（区、镇）人民政府。"))
        form = QFormLayout(self)
        self.province = ProvinceBox()
        self.province.setObjectName("applicant.province")
        self.province.setAccessibleName(APPLICANT_FIELDS["province"].label_text)
        self.unit = QLineEdit()
        self.unit.setObjectName("applicant.unit")
        self.unit.setAccessibleName(APPLICANT_FIELDS["unit"].label_text)
        self.unit.setPlaceholderText(translate("Wizard", "例如：滨湖区人民政府"))
        form.addRow(translate("Pages", "{label}：").format(label=APPLICANT_FIELDS["province"].label_text), self.province)
        self.province_error = FieldMessage()
        self.province_error.setObjectName("provinceError")
        form.addRow("", self.province_error)
        form.addRow(translate("Pages", "{label}：").format(label=APPLICANT_FIELDS["unit"].label_text), self.unit)
        self.registerField("province", self.province, "currentText")
        self.registerField("unit", self.unit)
        self.province.currentTextChanged.connect(lambda _t: self.province_error.show_message(""))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """The province is asked for, and must be one of the 34 (typed in any usual form)."""
        value = self.province.value()
        if value:
            self.province.set_value(value)
            return True
        self.province_error.show_message(
            translate("Wizard", "请选择所在省（自治区、直辖市）。") if value == "" else
            translate("Wizard", "“{text}”不是省级行政区的名称：请从列表中选择。").format(
                text=self.province.currentText().strip()))
        self.province.setFocus()
        return False

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if not self.unit.text():
            name = self.field("name") or ""
            self.unit.setText(translate("Wizard", "{name}人民政府").format(name=name.strip()) if name.strip() else "")


class SchemePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(translate("Wizard", "指标体系与申报批次"))
        self.setSubTitle(translate("Wizard", "选择申报所依据的指标体系和申报批次（年度）。"))
        form = QFormLayout(self)
        self.schemes: list[Scheme] = []
        try:
            self.schemes = available_schemes()
        except SmartcityError:
            self.schemes = []
        if not self.schemes:
            self.schemes = [default_scheme()]
        self.choice = QComboBox()
        self.choice.setObjectName("scheme")
        self.choice.setAccessibleName(translate("Wizard", "指标体系"))
        for scheme in self.schemes:
            self.choice.addItem(f"{scheme.label}（{scheme.version}）", scheme.key)
        form.addRow(translate("Wizard", "指标体系："), self.choice)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        set_role(self.detail, "hint")
        form.addRow(self.detail)
        self.round = QComboBox()  # the declaration round decides the materials and some wording
        self.round.setObjectName("applicant.round")
        self.round.setAccessibleName(APPLICANT_FIELDS["round"].label_text)
        for value in APPLICANT_FIELDS["round"].choices:
            self.round.addItem(choice_label("round", value), value)
        form.addRow(translate("Pages", "{label}：").format(label=APPLICANT_FIELDS["round"].label_text), self.round)
        self.round_detail = QLabel()
        self.round_detail.setWordWrap(True)
        set_role(self.round_detail, "hint")
        form.addRow(self.round_detail)
        self.round.currentIndexChanged.connect(self._describe)
        self.choice.currentIndexChanged.connect(self._describe)
        self._describe(0)

    def _describe(self, index: int) -> None:
        scheme = self.scheme()
        from smartcity_desktop.i18n import pick

        self.detail.setText(translate("Wizard", "{issuer}。{l1} 个一级指标、{n} 个三级指标、{c} 项申报条件。").format(
            issuer=pick(scheme.issuer), l1=len(scheme.level1), n=len(scheme.indicators), c=len(scheme.conditions)))
        if scheme.is_summary(scheme.issuer_provenance):
            self.detail.setText(self.detail.text() + translate("Wizard", "（发文单位和文号：{note}）").format(
                note=scheme.provenance_note(scheme.issuer_provenance)))
        if hasattr(self, "round"):
            from smartcity_desktop.model.materials import material_label
            from smartcity_desktop.model.rounds import round_profiles

            profile = round_profiles(scheme.id).get(self.round.currentData() or "2012")
            if profile is not None:
                self.round_detail.setText(translate("Wizard", "{round}：需报送{materials}。").format(
                    round=profile.label,
                    materials=translate("Wizard", "、").join(material_label(k) for k in profile.materials)))

    def scheme(self) -> Scheme:
        return self.schemes[max(self.choice.currentIndex(), 0)]


class SavePage(QWizardPage):
    def __init__(self, wizard: NewDossierWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(translate("Wizard", "保存位置"))
        self.setSubTitle(translate("Wizard", "卷宗是一个文件，所有内容（包括附件）都保存在里面。修改会自动保存。"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("Wizard", "创建"))
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        set_role(self.path, "path")
        self.path.setAccessibleName(translate("Wizard", "卷宗文件"))
        browse = QPushButton(translate("Wizard", "浏览…"))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(translate("Wizard", "卷宗文件："), row)
        self.error = QLabel()
        set_role(self.error, "fieldError")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        browse.clicked.connect(self._browse)
        self.registerField("path*", self.path)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        folder = Path(settings.LAST_FOLDER.get() or paths.documents_dir())
        self.path.setText(str(folder / default_file_name(self.field("name") or "")))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, translate("Wizard", "卷宗保存为"), self.path.text(),
                                                translate("Wizard", "申报卷宗 (*{ext})").format(ext=EXTENSION))
        if chosen:
            if not chosen.endswith(EXTENSION):
                chosen += EXTENSION
            self.path.setText(chosen)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        self.error.clear()
        try:
            self.wiz.create_dossier(Path(self.path.text().strip()))
        except SmartcityError as exc:
            self.error.setText(str(exc))
            return False
        return True


class NewDossierWizard(QWizard):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("Wizard", "新建申报卷宗"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.created: ProjectFile | None = None
        self.name_page = NamePage(self)
        self.unit_page = UnitPage(self)
        self.scheme_page = SchemePage(self)
        self.save_page = SavePage(self)
        for page in (self.name_page, self.unit_page, self.scheme_page, self.save_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, translate("Wizard", "下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, translate("Wizard", "< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("Wizard", "完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, translate("Wizard", "取消"))
        self.resize(640, 440)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, self._help)

    def _help(self) -> None:
        from smartcity_desktop.ui.dialogs.help import show_help

        show_help("wizard", self)

    def values(self) -> dict[str, str]:
        out = {"applicant.name": self.name_page.name.text().strip(),
               "applicant.level": self.name_page.level.currentData(),
               "applicant.province": self.unit_page.province.value() or "",
               "applicant.unit": self.unit_page.unit.text().strip(),
               "applicant.round": self.scheme_page.round.currentData()}
        return {k: v for k, v in out.items() if v}

    def create_dossier(self, path: Path) -> ProjectFile:
        if not path.name:
            raise SmartcityError(translate("Wizard", "请填写卷宗文件的保存位置。"))
        if path.suffix != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        if self.created is not None:
            return self.created
        self.created = ProjectFile.create(path, self.scheme_page.scheme(), values=self.values(),
                                          author=settings.AUTHOR.get() or None)
        settings.LAST_FOLDER.set(str(path.parent))
        return self.created
