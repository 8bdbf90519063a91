"""The type of every field of DESIGN.md's field keys.

A field key (``indicators[1.1.1].target``) is the one name an answer has everywhere: the JSON key,
the widget's objectName, a validation finding's target and the Excel round-trip anchor. Its grammar
(builders and the parser) lives in ``keys.py``; this module knows each field's kind and turns raw
input into a checked value or a clear error.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from smartcity_desktop.i18n import pick, tr
from smartcity_desktop.model.keys import (  # noqa: F401 - the grammar's home is keys.py; re-exported here
    BUDGET_CONDITION,
    PROJECT_ID,
    FieldError,
    ParsedKey,
    parse_key,
)

LEVELS = ("city", "district", "county", "town")
CONDITION_STATUS = ("met", "partial", "not_met")
READINESS = ("ready", "partial", "none")
FUNDING_SOURCES = ("fiscal", "bank_loan", "social_capital", "other")
ROUNDS = ("2012", "2013", "2014")  # the declaration rounds (profiles: resources/rounds/)
DEFAULT_ROUND = "2012"
# materials[<kind>].documents: the set of materials the province receives (DESIGN.md, Field keys)
MATERIAL_KINDS = ("declaration", "self_assessment", "plan_outline", "implementation_plan", "financing_plan", "other")
PROJECT_NATURES = ("public_welfare", "quasi_commercial", "commercial")
FINANCING_MODES = ("government_investment", "ppp", "concession", "purchase_of_services",
                   "energy_performance_contract", "enterprise_self_funded", "other")
FUNDING_STATUSES = ("secured", "partly_secured", "to_be_raised")
MAX_TEXT = 100_000  # characters in one answer; a dossier chapter is far below this
MAX_LIST = 1_000

# Choice labels in both languages (data, so the UI, exports and workbook drop-downs agree).
CHOICE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "level": {"city": {"zh": "设市城市", "en": "City"}, "district": {"zh": "区", "en": "District"},
              "county": {"zh": "县", "en": "County"}, "town": {"zh": "镇", "en": "Town"}},
    "condition_status": {"met": {"zh": "已具备", "en": "Met"}, "partial": {"zh": "部分具备", "en": "Partly met"},
                         "not_met": {"zh": "不具备", "en": "Not met"}},
    "readiness": {"ready": {"zh": "基础较好", "en": "Ready"}, "partial": {"zh": "有一定基础", "en": "Partly ready"},
                  "none": {"zh": "尚无基础", "en": "Not started"}},
    "bool": {"true": {"zh": "适用", "en": "Applicable"}, "false": {"zh": "不适用", "en": "Not applicable"}},
    "funding": {"fiscal": {"zh": "财政资金", "en": "Fiscal funds"}, "bank_loan": {"zh": "银行贷款", "en": "Bank loans"},
                "social_capital": {"zh": "社会资本", "en": "Social capital"}, "other": {"zh": "其他", "en": "Other"}},
    "round": {"2012": {"zh": "2012年度", "en": "2012 round"}, "2013": {"zh": "2013年度", "en": "2013 round"},
              "2014": {"zh": "2014年度", "en": "2014 round"}},
    "nature": {"public_welfare": {"zh": "公益性", "en": "Public welfare"},
               "quasi_commercial": {"zh": "准经营性", "en": "Quasi-commercial"},
               "commercial": {"zh": "经营性", "en": "Commercial"}},
    "financing_mode": {"government_investment": {"zh": "政府投资", "en": "Government investment"},
                       "ppp": {"zh": "PPP", "en": "PPP"},
                       "concession": {"zh": "特许经营", "en": "Concession"},
                       "purchase_of_services": {"zh": "政府购买服务", "en": "Government purchase of services"},
                       "energy_performance_contract": {"zh": "合同能源管理", "en": "Energy performance contract"},
                       "enterprise_self_funded": {"zh": "企业自筹", "en": "Enterprise self-funded"},
                       "other": {"zh": "其他", "en": "Other"}},
    "funding_status": {"secured": {"zh": "已落实", "en": "Secured"},
                       "partly_secured": {"zh": "部分落实", "en": "Partly secured"},
                       "to_be_raised": {"zh": "拟争取", "en": "To be raised"}},
}


def choice_label(group: str, value: str) -> str:
    return pick(CHOICE_LABELS[group].get(value, {"zh": value, "en": value}))


def choice_from_label(group: str, text: str) -> str | None:
    """Accept either the stored value or a label in any language (workbook drop-downs show labels)."""
    text = text.strip()
    for value, labels in CHOICE_LABELS[group].items():
        if text == value or text in labels.values():
            return value
    return None


@dataclass(frozen=True)
class FieldSpec:
    """What one kind of field holds. ``kind`` is one of:
    text, longtext, enum, bool, int, number, year, date, ids (indicator ids), refs (attachment ids)."""

    name: str
    kind: str
    label: dict[str, str]
    unit: dict[str, str] | None = None
    choices: tuple[str, ...] = ()
    choice_group: str = ""
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = MAX_TEXT

    @property
    def label_text(self) -> str:
        return pick(self.label)

    @property
    def unit_text(self) -> str:
        return pick(self.unit) if self.unit else ""


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


WAN = _t("万元", "10k CNY")
APPLICANT_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("name", "text", _t("申报城市（区、县、镇）名称", "Applicant city / district / county / town"),
              max_length=200),
    FieldSpec("level", "enum", _t("行政层级", "Administrative level"), choices=LEVELS, choice_group="level"),
    FieldSpec("province", "text", _t("所在省（自治区、直辖市）", "Province"), max_length=100),
    FieldSpec("recommender", "text", _t("推荐单位（省级住房城乡建设主管部门）",
                                        "Recommending provincial housing department"), max_length=200),
    FieldSpec("unit", "text", _t("申报单位", "Applicant government"), max_length=200),
    FieldSpec("leader", "text", _t("责任主体主要负责人", "Principal leader"), max_length=100),
    FieldSpec("leader_title", "text", _t("负责人职务", "Leader's position"), max_length=100),
    FieldSpec("contact_name", "text", _t("联系人", "Contact person"), max_length=100),
    FieldSpec("contact_phone", "text", _t("联系电话", "Contact phone"), max_length=40),
    FieldSpec("contact_email", "text", _t("电子邮箱", "Contact e-mail"), max_length=200),
    FieldSpec("address", "text", _t("通讯地址", "Postal address"), max_length=300),
    FieldSpec("declaration_date", "date", _t("申报日期", "Date of declaration")),
    FieldSpec("round", "enum", _t("申报批次（年度）", "Declaration round"), choices=ROUNDS, choice_group="round"),
)}
PROFILE_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("area_km2", "number", _t("行政区域面积", "Area"), unit=_t("平方公里", "km²"), minimum=0),
    FieldSpec("built_up_area_km2", "number", _t("建成区面积", "Built-up area"), unit=_t("平方公里", "km²"),
              minimum=0),
    FieldSpec("population", "int", _t("常住人口", "Resident population"), unit=_t("人", "persons"), minimum=0),
    FieldSpec("urban_population", "int", _t("城镇人口", "Urban population"), unit=_t("人", "persons"), minimum=0),
    FieldSpec("gdp", "number", _t("地区生产总值", "GDP"), unit=WAN, minimum=0),
    FieldSpec("fiscal_revenue", "number", _t("地方一般公共预算收入", "Local general budget revenue"), unit=WAN,
              minimum=0),
    FieldSpec("stats_year", "year", _t("统计年度", "Statistics year")),
    FieldSpec("creation_start_year", "year", _t("创建期开始年份", "Creation period from")),
    FieldSpec("creation_end_year", "year", _t("创建期结束年份", "Creation period to")),
    FieldSpec("main_industries", "longtext", _t("主导产业", "Main industries")),
    FieldSpec("overview", "longtext", _t("基本情况", "General situation")),
    FieldSpec("foundation", "longtext", _t("建设基础", "Existing foundation")),
    FieldSpec("goals", "longtext", _t("创建目标", "Overall goals")),
)}
SAFEGUARD_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("organisation", "longtext", _t("组织保障", "Organisation")),
    FieldSpec("policy", "longtext", _t("政策保障", "Policy")),
    FieldSpec("funding", "longtext", _t("资金保障", "Funding")),
    FieldSpec("operation", "longtext", _t("运营保障", "Operation")),
    FieldSpec("applicant_opinion", "longtext", _t("申报单位意见", "Applicant's opinion")),
)}
CONDITION_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("status", "enum", _t("具备情况", "Status"), choices=CONDITION_STATUS, choice_group="condition_status"),
    FieldSpec("evidence", "longtext", _t("情况说明及依据", "Evidence")),
    FieldSpec("documents", "refs", _t("证明材料", "Supporting documents")),
)}
INDICATOR_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("applicable", "bool", _t("是否适用", "Applicable"), choice_group="bool"),
    FieldSpec("not_applicable_reason", "longtext", _t("不适用理由", "Reason not applicable")),
    FieldSpec("current_state", "longtext", _t("现状基础", "Current state")),
    FieldSpec("target", "longtext", _t("创建目标", "Target")),
    FieldSpec("measures", "longtext", _t("主要措施", "Measures")),
    FieldSpec("lead_unit", "text", _t("牵头单位", "Lead unit"), max_length=200),
    FieldSpec("deadline", "date", _t("完成时限", "Deadline")),
    FieldSpec("readiness", "enum", _t("基础条件", "Readiness"), choices=READINESS, choice_group="readiness"),
    FieldSpec("projects", "refs", _t("支撑项目", "Supporting projects")),
    FieldSpec("documents", "refs", _t("证明材料", "Supporting documents")),
)}
# indicators[<id>].metrics[<n>].<part>: the quantified targets of an indicator (values as text, so
# "≥95%" or "3 个" stay as written).
METRIC_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("name", "text", _t("量化指标", "Metric"), max_length=200),
    FieldSpec("unit", "text", _t("单位", "Unit"), max_length=40),
    FieldSpec("baseline", "text", _t("现状值", "Baseline"), max_length=100),
    FieldSpec("target", "text", _t("目标值", "Target value"), max_length=100),
)}
MAX_METRICS = 20  # per indicator
PROJECT_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("name", "text", _t("项目名称", "Project name"), max_length=300),
    FieldSpec("content", "longtext", _t("建设内容", "Content")),
    FieldSpec("indicators", "ids", _t("对应指标", "Indicators served")),
    FieldSpec("lead_unit", "text", _t("牵头单位", "Lead unit"), max_length=200),
    FieldSpec("start_year", "year", _t("开始年份", "Start year")),
    FieldSpec("end_year", "year", _t("完成年份", "End year")),
    FieldSpec("investment_wan", "number", _t("总投资", "Total investment"), unit=WAN, minimum=0),
    FieldSpec("order", "int", _t("序号", "No."), minimum=0),
    FieldSpec("owner", "text", _t("项目业主", "Project owner"), max_length=200),
    FieldSpec("nature", "enum", _t("项目性质", "Nature"), choices=PROJECT_NATURES, choice_group="nature"),
    FieldSpec("financing_mode", "enum", _t("融资模式", "Financing mode"), choices=FINANCING_MODES,
              choice_group="financing_mode"),
    FieldSpec("funding_status", "enum", _t("资金落实情况", "Funding status"), choices=FUNDING_STATUSES,
              choice_group="funding_status"),
    FieldSpec("preparation", "longtext", _t("前期工作（立项、可研批复）", "Preparation (approvals)")),
    FieldSpec("om_funding", "longtext", _t("运维资金", "Operation & maintenance funding")),
    FieldSpec("repayment_source", "longtext", _t("还款来源", "Repayment source")),
)}
MATERIAL_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("documents", "refs", _t("材料文件", "Material files")),
    FieldSpec("pages", "int", _t("页数（无法自动统计时填写）", "Pages (when they cannot be counted)"), minimum=0),
)}
FUNDING_SPEC = FieldSpec("amount_wan", "number", _t("金额", "Amount"), unit=WAN, minimum=0)
# analysis.dismissed[<finding id>].reason: why the user set an analysis finding aside (see analysis/findings.py)
ANALYSIS_FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("reason", "text", _t("忽略理由", "Reason for dismissing"), max_length=1000),
)}
# The financing-fact fields (shown in the projects page's detail pane and the 投融资方案).
FINANCING_FIELDS = ("owner", "nature", "financing_mode", "funding_status", "preparation", "om_funding",
                    "repayment_source")


def plan_year_spec(year: str) -> FieldSpec:
    """``projects[<id>].investment_by_year[<year>].amount_wan``: one year of a project's declared plan."""
    return FieldSpec("amount_wan", "number", _t(f"{year}年计划投资", f"Planned investment {year}"), unit=WAN,
                     minimum=0)


def budget_year_spec(year: str) -> FieldSpec:
    """``conditions[3].budget[<year>].amount_wan``: fiscal money budgeted or committed in that year."""
    return FieldSpec("amount_wan", "number", _t(f"{year}年财政预算安排", f"Budgeted {year}"), unit=WAN, minimum=0)

SECTIONS = {"applicant": APPLICANT_FIELDS, "profile": PROFILE_FIELDS, "safeguards": SAFEGUARD_FIELDS}


def spec_for(parsed: ParsedKey) -> FieldSpec:
    """The FieldSpec of a parsed key, or FieldError if no such field exists."""
    if parsed.section in SECTIONS:
        table = SECTIONS[parsed.section]
    elif parsed.section == "conditions":
        if parsed.name == "budget":
            if parsed.item != BUDGET_CONDITION:
                raise FieldError(parsed.key, tr("只有申报条件 {n} 有年度预算", n=BUDGET_CONDITION))
            if not 1949 <= int(parsed.year) <= 2100:
                raise FieldError(parsed.key, tr("年份应在 1949 到 2100 之间"))
            return budget_year_spec(parsed.year)
        table = CONDITION_FIELDS
    elif parsed.section == "indicators":
        if parsed.name == "metrics":
            if not parsed.source.isdigit() or not 1 <= int(parsed.source) <= MAX_METRICS:
                raise FieldError(parsed.key, tr("量化指标序号应在 1 到 {n} 之间", n=MAX_METRICS))
            table = METRIC_FIELDS
            spec = table.get(parsed.part)
            if spec is None:
                raise FieldError(parsed.key, tr("没有这个字段"))
            return spec
        table = INDICATOR_FIELDS
    elif parsed.section == "materials":
        if parsed.item not in MATERIAL_KINDS:
            raise FieldError(parsed.key, tr("材料种类只能是：{allowed}", allowed=", ".join(MATERIAL_KINDS)))
        table = MATERIAL_FIELDS
    elif parsed.section == "analysis":
        table = ANALYSIS_FIELDS
    else:
        if parsed.name == "funding":
            if parsed.source not in FUNDING_SOURCES:
                raise FieldError(parsed.key, tr("资金来源只能是：{allowed}", allowed=", ".join(FUNDING_SOURCES)))
            return FUNDING_SPEC
        if parsed.name == "investment_by_year":
            if not 1949 <= int(parsed.year) <= 2100:
                raise FieldError(parsed.key, tr("年份应在 1949 到 2100 之间"))
            return plan_year_spec(parsed.year)
        table = PROJECT_FIELDS
    spec = table.get(parsed.name)
    if spec is None:
        raise FieldError(parsed.key, tr("没有这个字段"))
    return spec


def _number(key: str, value: Any, integer: bool) -> int | float:
    if isinstance(value, bool):
        raise FieldError(key, tr("应为数字"))
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            value = int(text) if integer and re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            raise FieldError(key, tr("应为数字，收到“{value}”", value=value[:40])) from None
    if not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
        raise FieldError(key, tr("应为数字"))
    if integer:
        if isinstance(value, float):
            if not value.is_integer():
                raise FieldError(key, tr("应为整数"))
            value = int(value)
        return value
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0, DEL and C1 except tab and newline


_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n"})


def first_control_character(text: str) -> str | None:
    """The first character of ``text`` that is a control character other than tab or newline."""
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return None  # the common case, checked in C: no control character at all (~10x faster than the regex)
    m = _CONTROL.search(text)
    return m.group(0) if m else None


def days_in_month(year: int, month: int) -> int:
    """What ``calendar.monthrange(year, month)[1]`` says (the proleptic Gregorian calendar), without importing
    ``calendar`` at start for one number."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2}))?(?:-([0-9]{1,2}))?$")


def coerce(key: str, spec: FieldSpec, value: Any) -> Any:
    """Check and normalise one raw value for ``spec``; None (or an empty text) clears the field."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.kind not in ("text", "longtext")):
        return None
    kind = spec.kind
    if kind in ("text", "longtext"):
        if not isinstance(value, str):
            raise FieldError(key, tr("应为文本"))
        if "\r" in value or "\x0b" in value or "\x0c" in value:
            # Windows line ends (a paste, a workbook cell) and Word's manual line break (VT) or page
            # break (FF): one kind of line end
            value = value.replace("\r\n", "\n").translate(_LINE_BREAKS)
        bad = first_control_character(value)
        if bad is not None:  # ESC, BEL...: a terminal or an export would act on them (issue 9)
            raise FieldError(key, tr("文本中有不允许的控制字符（{code}）；只允许制表符和换行", code=f"U+{ord(bad):04X}"))
        limit = spec.max_length
        if len(value) > limit:
            raise FieldError(key, tr("文本过长（{n} 字，上限 {limit} 字）", n=len(value), limit=limit))
        if kind == "text":
            value = " ".join(value.split()) if "\n" in value else value.strip()
        return value if value.strip() else None
    if kind == "enum":
        if isinstance(value, int) and not isinstance(value, bool) and str(value) in spec.choices:
            value = str(value)  # a round given as a number (import "applicant.round": 2014)
        if not isinstance(value, str):
            raise FieldError(key, tr("应为以下之一：{allowed}", allowed=", ".join(spec.choices)))
        chosen = value if value in spec.choices else choice_from_label(spec.choice_group, value)
        if chosen is None or chosen not in spec.choices:
            raise FieldError(key, tr("“{value}”不是可选值（{allowed}）", value=value[:40],
                                     allowed=", ".join(spec.choices)))
        return chosen
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            low = value.strip().lower()
            if low in ("true", "yes", "1", "是", "适用", "applicable"):
                return True
            if low in ("false", "no", "0", "否", "不适用", "not applicable"):
                return False
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise FieldError(key, tr("应为 true 或 false（适用/不适用）"))
    if kind in ("int", "number", "year"):
        number = _number(key, value, integer=kind in ("int", "year"))
        if kind == "year" and not 1949 <= number <= 2100:
            raise FieldError(key, tr("年份应在 1949 到 2100 之间"))
        if spec.minimum is not None and number < spec.minimum:
            raise FieldError(key, tr("不能小于 {minimum}", minimum=spec.minimum))
        if abs(number) > 1e13:
            raise FieldError(key, tr("数值过大"))
        return number
    if kind == "date":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise FieldError(key, tr("应为日期，如 2015-12 或 2015-12-31"))
        text = value.strip().replace("/", "-").replace(".", "-")
        if "年" in text:  # 2015年12月 / 2015年12月31日, as the exports spell dates
            text = text.replace("年", "-").replace("月", "-").replace("日", "").rstrip("-")
        m = _DATE.match(text)
        if not m:
            raise FieldError(key, tr("应为日期，如 2015-12 或 2015-12-31"))
        year, month, day = m.group(1), m.group(2), m.group(3)
        if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
            raise FieldError(key, tr("应为日期，如 2015-12 或 2015-12-31"))
        if day and (not month or int(day) > days_in_month(int(year), int(month))):
            raise FieldError(key, tr("没有这一天：{value}", value=value.strip()[:40]))
        return "-".join(p for p in (year, f"{int(month):02d}" if month else "", f"{int(day):02d}" if day else "")
                        if p)
    if kind in ("ids", "refs"):
        if isinstance(value, str):
            value = [v for v in re.split(r"[,，;；、\s]+", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FieldError(key, tr("应为编号列表"))
        if len(value) > MAX_LIST:
            raise FieldError(key, tr("列表过长"))
        out: list[str] = []
        for v in value:
            v = v.strip()
            if not PROJECT_ID.match(v) and not re.fullmatch(r"[0-9.]{1,20}", v):
                raise FieldError(key, tr("“{value}”不是有效编号", value=v[:40]))
            if v not in out:
                out.append(v)
        return out or None
    raise FieldError(key, tr("未知字段类型"))


_STORED_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,), "longtext": (str,), "enum": (str,), "bool": (bool,), "int": (int,), "year": (int,),
    "number": (int, float), "date": (str,), "ids": (list,), "refs": (list,),
}


def check_stored(key: str, spec: FieldSpec, value: Any) -> None:
    """Check a value read from a file: it must already be what ``coerce`` stores (the right JSON type,
    in range, canonical), because a file may be crafted. FieldError names what is wrong."""
    kinds = _STORED_TYPES.get(spec.kind)  # a kind not listed here is checked by ``coerce`` alone (below)
    if (value is None or (kinds is not None and not isinstance(value, kinds))
            or (isinstance(value, bool) and spec.kind != "bool")):
        raise FieldError(key, tr("存储的值类型不对（{kind}）", kind=spec.kind))
    if spec.kind == "enum" and value not in spec.choices:  # labels are accepted on input, never stored
        raise FieldError(key, tr("“{value}”不是可选值（{allowed}）", value=str(value)[:40], allowed=", ".join(spec.choices)))
    if spec.kind in ("text", "longtext"):
        coerce(key, spec, value)  # type, length and control characters (CR, VT, FF of older files are tolerated)
        return
    if coerce(key, spec, value) != value:
        raise FieldError(key, tr("存储的值不是规范形式"))
