"""Every finding code govplan emits, with what it means, why it matters and how to fix it;
docs/rules.md is written from this table (and a test keeps the two in step)."""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

# Every code an emit site may use: mypy checks each site against this list, and a test keeps
# it equal to the table below.
CodeName = Literal[
    "io",
    "no-plans",
    "too-large",
    "too-deep",
    "encoding",
    "legacy-encoding",
    "empty",
    "yaml-syntax",
    "duplicate-key",
    "unknown-field",
    "missing-field",
    "bad-type",
    "bad-id",
    "bad-value",
    "bad-target",
    "unknown-unit",
    "unit-mismatch",
    "bad-progress",
    "bad-tolerance",
    "bad-year",
    "bad-period",
    "bad-version",
    "duplicate-id",
    "unresolved-reference",
    "inconsistent-reported",
    "catalogue-id",
    "yaml11",
    "negative-count",
    "bad-series",
    "bad-span",
    "no-base",
    "nothing-to-compound",
    "series-order",
    "no-completion",
    "bad-config",
    "bad-sheet",
    "sheet-too-large",
    "bad-cell",
    "unmatched-row",
    "duplicate-row",
    "ambiguous-name",
    "plan-changed",
    "cannot-edit",
    "not-read",
]


class Code(NamedTuple):
    severity: str
    what: str
    why: str
    fix: str


CODES: dict[CodeName, Code] = {
    "io": Code(
        "error", "the path does not exist or cannot be read", "nothing to check", "check the path"
    ),
    "no-plans": Code(
        "error",
        "a directory holds no *.yaml or *.yml file",
        "a typo in a CI path would otherwise pass silently",
        "point at the plans directory",
    ),
    "too-large": Code(
        "error",
        "the file is over 8 MiB, or expands (through aliases) to over 300,000 nodes",
        "alias bombs and huge files would hang every tool that reads them",
        "split the file; do not use aliases to repeat data",
    ),
    "too-deep": Code(
        "error",
        "nesting deeper than 64 levels",
        "deep nesting crashes YAML parsers; plans need 5 levels",
        "flatten the structure",
    ),
    "encoding": Code(
        "error",
        "the file is not UTF-8 (GBK, UTF-16, stray bytes)",
        "text would be misread",
        "save the file as UTF-8",
    ),
    "legacy-encoding": Code(
        "warning",
        "the file is GBK/GB18030 (Notepad's ANSI on a Chinese Windows), not UTF-8; it was read "
        "as GB18030",
        "other tools (git diff, editors, CI) expect UTF-8, and a file that is not GB18030 "
        "would be misread the same way",
        "convert it once: iconv -f GB18030 -t UTF-8 plan.yaml > plan.utf8.yaml (PowerShell: "
        "Get-Content plan.yaml -Encoding 936 | Set-Content plan.yaml -Encoding utf8)",
    ),
    "empty": Code(
        "error",
        "the file holds no plan",
        "an empty file is almost always a mistake",
        "write the plan or delete the file",
    ),
    "yaml-syntax": Code(
        "error",
        "YAML that does not parse, or YAML features plans do not allow (tags, merge keys, several documents, full-width colon after a key)",
        "the plan cannot be read, or would be read differently by other tools",
        "fix the YAML at the position shown",
    ),
    "duplicate-key": Code(
        "error",
        "a key appears twice in one mapping",
        "YAML keeps only the last one, silently dropping the first",
        "remove or rename one of them",
    ),
    "unknown-field": Code(
        "error",
        "a field the plan format does not have",
        "usually a typo: the value would be ignored",
        "use the suggested field name",
    ),
    "missing-field": Code(
        "error",
        "a required field (district, year, indicators, id, name, target) is missing",
        "the plan cannot be computed",
        "add the field",
    ),
    "bad-type": Code(
        "error",
        "a value of the wrong type (a list for a name, an empty indicator list, ...)",
        "the plan cannot be computed",
        "write the value as the format says",
    ),
    "bad-id": Code(
        "error",
        "an id that is not a lower-case ascii slug",
        "ids are used in commands and output",
        "use a-z, 0-9 and '-', e.g. new-jobs",
    ),
    "bad-value": Code(
        "error",
        "an actual, tolerance or reported figure that is not a number with an optional unit (including 'no', '.nan', a 5000-digit number)",
        "the figure cannot be computed with",
        "write a number, e.g. 3.7 or 4.0万人",
    ),
    "bad-target": Code(
        "error",
        "a target none of the plan format's forms, or a relative target referring to itself",
        "the target cannot be understood",
        "use one of the forms listed in the message",
    ),
    "unknown-unit": Code(
        "error",
        "a unit govplan does not know",
        "the value cannot be converted or compared",
        "use a unit from the plan format, or add it to units.txt",
    ),
    "unit-mismatch": Code(
        "error",
        "actual and target in units that cannot convert (亿元 vs 亿美元, 人 vs 户)",
        "comparing them would give a meaningless number",
        "put both in the same kind of unit",
    ),
    "bad-progress": Code(
        "error",
        "a progress figure that is not a percentage in 0..999%, or progress on a non-task",
        "task progress is a share of the work done",
        "write e.g. 53.6%, or / when not reported",
    ),
    "bad-tolerance": Code(
        "error",
        "a negative tolerance",
        "a tolerance is how far from an 'about' target still counts as met; below zero it "
        "would turn a hit into a miss",
        "write the tolerance as a distance, e.g. 0.5 (pp for rates) or 5 (in the target's unit)",
    ),
    "bad-year": Code(
        "error",
        "a year that is not a whole number in 1949..2100",
        "the plan year is required and used in output",
        "write the four-digit plan year",
    ),
    "bad-period": Code(
        "error",
        "a period other than year, H1, Q1..Q4, M01..M12",
        "the period sets the schedule share of progress tasks",
        "use one of the listed periods",
    ),
    "bad-version": Code(
        "error",
        "a format version other than 1",
        "this govplan reads format version 1",
        "write govplan: 1 or leave it out",
    ),
    "duplicate-id": Code(
        "error",
        "two indicators share an id",
        "results and --explain address indicators by id",
        "give each indicator its own id",
    ),
    "unresolved-reference": Code(
        "warning",
        "a relative target (与经济增长同步) whose reference indicator is not in the plan",
        "its status can only be unknown",
        "add the indicator with id gdp, or name another with {sync: ID}",
    ),
    "inconsistent-reported": Code(
        "warning",
        "a published figure that does not match govplan's, even allowing for rounding",
        "either the document or the transcription has a slip",
        "check the figure against the source document",
    ),
    "catalogue-id": Code(
        "warning",
        "an indicator named as a catalogue indicator (or one of its aliases) but under another id",
        "`govplan compare` lines plans up by id, so the indicator would not meet its counterparts",
        "use the catalogue id named in the message",
    ),
    "bad-series": Code(
        "error",
        "a series entry for a period that does not come before the plan's own, or with a value "
        "that is not a number in the indicator's unit",
        "a series holds the year-to-date figures that led to the plan's actual",
        "list only earlier periods of the same year (Q1 before H1), in the target's unit",
    ),
    "bad-span": Code(
        "error",
        "a five-year plan's `span` that is not two years (2021-2025), a `year` outside it, a "
        "period other than the whole year, or a target set for another year or base year",
        "a five-year target is judged from the base year (the one before the span) to the "
        "span's last year; a wrong year gives every share a wrong denominator",
        "write `span: 2021-2025` and `year:` as the year the figures reach",
    ),
    "no-base": Code(
        "warning",
        "a five-year level target (65%, 提高1岁) without the base year's level (`base:`)",
        "the share of the way covered cannot be computed; the status stays unknown until the "
        "target is met",
        "add `base:` with the base year's level, from the plan's own table",
    ),
    "nothing-to-compound": Code(
        "warning",
        "a five-year target whose figures do not reach back to the base year without a gap "
        "(a rate or change with a year missing)",
        "an average or a change compounds every year's figure; with one missing the status is "
        "pending",
        "add the missing years to `series:`, or a figure since the base year (累计下降7.3%)",
    ),
    "series-order": Code(
        "warning",
        "a year-to-date figure of a quantity above a later one (Q1 above H1, or the last "
        "series figure above the actual)",
        "a quantity summed from January cannot shrink; a slip in copying is the usual cause",
        "check the figures against the source",
    ),
    "negative-count": Code(
        "warning",
        "an actual below zero for a count of things (家, 个, 人, 起)",
        "a count cannot be negative; a minus sign copied from a change column is the usual cause",
        "write the count itself; a change belongs in a target such as 下降3%",
    ),
    "no-completion": Code(
        "warning",
        "an at-least target of zero or below for a quantity",
        "completion (actual / target) has no meaning for it, so none is computed",
        "check the target; a cap of zero (0起) is written without 以上",
    ),
    "bad-config": Code(
        "error",
        "an unknown setting or finding code in [tool.govplan] or .govplan.toml",
        "a misspelt code would silently turn nothing off, or the wrong thing",
        "use the settings select, ignore, severity, exclude, format, jobs and the codes here",
    ),
    "bad-sheet": Code(
        "error",
        "`update`: a spreadsheet that cannot be read as a table of actuals (not a readable xlsx "
        "workbook, no header row, two columns for one field, several visible sheets, a "
        "year-to-date column for another period than the plan's)",
        "a guess at the sheet or its columns could write figures into the wrong indicators",
        "save the workbook as .xlsx, choose the sheet with --sheet, name the columns with "
        "--columns name=指标名称,actual=1-6月累计,unit=单位",
    ),
    "sheet-too-large": Code(
        "error",
        "`update`: a sheet larger than a plan's actuals could fill (over 32 MiB stored, 64 MiB "
        "unpacked, or more rows than ten times the plan's indicators plus 100)",
        "a hostile or mistaken file would otherwise take minutes and gigabytes",
        "give a sheet holding the plan's rows",
    ),
    "bad-cell": Code(
        "error",
        "`update`: a cell that is not a figure of the plan format: a date, TRUE/FALSE, an error "
        "value, a formula never calculated, text that is not a number with a unit, or a "
        "percentage cell for an indicator that is not a rate",
        "writing it would put a wrong number in the plan",
        "correct the cell (open and save a generated workbook in Excel or WPS so that its "
        "formulas have values)",
    ),
    "unmatched-row": Code(
        "error",
        "`update`: a row with figures whose id or name is no indicator of the plan",
        "its figures would be lost without a word",
        "write the plan's indicator name or id in the row, or delete the row",
    ),
    "duplicate-row": Code(
        "error",
        "`update`: several rows of the sheet for one indicator (by id, name or catalogue name)",
        "one of them would silently win",
        "keep one row per indicator",
    ),
    "ambiguous-name": Code(
        "error",
        "`update`: a row's name that is the name of several indicators of the plan",
        "the figure could go to the wrong one",
        "add an id column (or a group column) to the sheet",
    ),
    "plan-changed": Code(
        "error",
        "`update`: the plan file changed on disk while it was being updated",
        "writing would lose the other change",
        "run the update again",
    ),
    "cannot-edit": Code(
        "error",
        "`update`: a value that cannot be written without changing more of the file than the "
        "value (a block scalar, a key in an unusual place)",
        "govplan changes only the values it writes",
        "write the value by hand",
    ),
    "not-read": Code(
        "warning",
        "`draft`: a line of the document that looks like a target but was not read (kept in "
        "the drafted plan as a comment)",
        "the drafted plan lacks that target until it is written by hand",
        "write the indicator from the comment, or the sentence in a form docs/plan-format.md "
        "describes (地区生产总值增长6%左右)",
    ),
    "yaml11": Code(
        "warning",
        "an unquoted value that YAML 1.1 tools read as a boolean, octal or base-60 number, or a date",
        "govplan reads it as text, but editors and other validators would not",
        "quote it",
    ),
}


def rules_markdown() -> str:
    """docs/rules.md."""
    lines = [
        "# Finding codes",
        "",
        "Every finding of `govplan check`, `validate`, `compare`, `trend`, `update` and `draft` is printed as",
        "`file:line:col: error|warning CODE message`; a cell of a workbook read by `update` is",
        "placed as `file:Sheet1!C5` (in JSON also as `sheet` and `cell`), a CSV cell as",
        "`file:row:col`. The codes are stable.",
        "Errors make `validate` exit 2; warnings make it exit 1 only with `--strict`.",
        "",
        "| code | severity | what | why | how to fix |",
        "|---|---|---|---|---|",
    ]
    for code, c in CODES.items():
        # an anchor per code, which SARIF rules and messages link to (docs/rules.md#CODE)
        anchor = f'<a id="{code}"></a>'
        lines.append(f"| {anchor}`{code}` | {c.severity} | {c.what} | {c.why} | {c.fix} |")
    return "\n".join(lines) + "\n"


CODE_NAMES: tuple[CodeName, ...] = get_args(CodeName)

# Each code's "what" and "how to fix" in Chinese, for diagnostics in the tables' language.
CODES_ZH: dict[CodeName, tuple[str, str]] = {
    "io": ("路径不存在或无法读取", "检查路径"),
    "no-plans": ("目录中没有 *.yaml 或 *.yml 文件", "指向存放计划文件的目录"),
    "too-large": ("文件超过 8 MiB, 或经别名展开后超过 300,000 个节点", "拆分文件; 不要用别名重复数据"),
    "too-deep": ("嵌套超过 64 层", "减少嵌套层级"),
    "encoding": ("文件不是 UTF-8 编码 (GBK、UTF-16 或混入其他字节)", "将文件另存为 UTF-8"),
    "legacy-encoding": ("文件是 GBK/GB18030 编码 (记事本的 ANSI), 已按 GB18030 读取", "转为 UTF-8: iconv -f GB18030 -t UTF-8 plan.yaml > plan.utf8.yaml (PowerShell: Get-Content plan.yaml -Encoding 936 | Set-Content plan.yaml -Encoding utf8)"),
    "empty": ("文件中没有计划", "填写计划或删除该文件"),
    "yaml-syntax": ("YAML 语法错误, 或使用了计划文件不允许的 YAML 写法", "按提示位置修改"),
    "duplicate-key": ("同一映射中某个键出现了两次", "删除或改名其中一个"),
    "unknown-field": ("计划格式中没有这个字段", "改用提示的字段名"),
    "missing-field": ("缺少必填字段 (district、year、indicators、id、name、target)", "补上该字段"),
    "bad-type": ("值的类型不对 (如名称写成了列表、指标列表为空)", "按格式说明填写"),
    "bad-id": ("id 不是小写英文、数字和连字符组成的标识", "只用 a-z、0-9 和 -, 如 new-jobs"),
    "bad-value": ("实际值、容差或公布数字不是数字 (可带单位)", "填写数字, 如 3.7 或 4.0万人"),
    "bad-target": ("目标不符合计划格式中的任何写法, 或同步目标指向自身", "改用提示中列出的写法"),
    "unknown-unit": ("govplan 不认识的单位", "使用计划格式中的单位, 或在 units.txt 中添加"),
    "unit-mismatch": ("实际值与目标的单位无法换算 (亿元与亿美元, 人与户)", "两者使用同类单位"),
    "bad-progress": ("进度不是 0..999% 的百分数, 或非任务项填写了进度", "如 53.6%, 未报告写 /"),
    "bad-tolerance": ("容差为负数", "容差写成距离, 如 0.5 (百分点) 或 5 (目标单位)"),
    "bad-year": ("年份不是 1949..2100 之间的整数", "填写四位数的计划年份"),
    "bad-period": ("期别不是 year、H1、Q1..Q4、M01..M12 之一", "使用列出的期别"),
    "bad-version": ("格式版本不是 1", "写 govplan: 1 或省略"),
    "duplicate-id": ("两个指标使用了同一个 id", "每个指标使用各自的 id"),
    "unresolved-reference": ("同步目标 (与经济增长同步) 引用的指标不在计划中", "添加 id 为 gdp 的指标, 或用 {sync: ID} 指定"),
    "inconsistent-reported": ("公布的数字与 govplan 的计算不符 (已考虑四舍五入)", "对照原文核实该数字"),
    "catalogue-id": ("指标名称属于目录中的指标, 但使用了其他 id", "改用提示中的目录 id"),
    "bad-series": ("序列中的期别不早于计划期别, 或数值不是该指标单位的数字", "只列同年更早的期别 (Q1 早于 H1), 使用目标单位"),
    "bad-span": ("规划期 span 不是两个年份 (2021-2025), 年份不在规划期内, 或目标年份、基期不符", "写 span: 2021-2025, year 写数据所到的年份"),
    "no-base": ("五年规划的水平目标没有基期值 (base)", "按规划表补上基期年的数值"),
    "nothing-to-compound": ("五年规划的增速或累计目标缺少某年数据, 无法连乘", "补齐各年数据, 或写自基期以来的累计数 (累计下降7.3%)"),
    "series-order": ("累计数在前一期大于后一期 (Q1 大于 H1, 或最后一期大于实际值)", "对照原文核实数字"),
    "negative-count": ("计数类指标的实际值小于零 (家、个、人、起)", "填写数量本身; 变化量应写在目标中, 如 下降3%"),
    "no-completion": ("数量指标的下限目标为零或负数", "核实目标; 上限为零 (0起) 不写 以上"),
    "bad-config": ("[tool.govplan] 或 .govplan.toml 中有未知的设置或检查代码", "只用 select、ignore、severity、exclude、format、jobs 和本表中的代码"),
    "bad-sheet": ("表格无法作为实际值表读取", "另存为 .xlsx, 用 --sheet 选择工作表, 用 --columns name=指标名称,actual=1-6月累计,unit=单位 指定列"),
    "sheet-too-large": ("表格超出计划实际值所需的大小", "只提供包含计划各行的表格"),
    "bad-cell": ("单元格不是可写入计划的数字", "改正该单元格 (程序生成的工作簿请在 Excel 或 WPS 中打开并保存, 使公式有计算值)"),
    "unmatched-row": ("该行找不到对应的指标", "在该行填写计划中的指标名称或 id, 或删除该行"),
    "duplicate-row": ("表格中有多行对应同一个指标", "每个指标只保留一行"),
    "ambiguous-name": ("该行名称对应计划中的多个指标", "在表格中加 id 列 (或类别列)"),
    "plan-changed": ("更新过程中计划文件被修改", "重新运行 update"),
    "cannot-edit": ("无法只改动该值写入", "手工填写该值"),
    "not-read": ("文件中这一行像是目标, 但未能读出 (已作为注释留在草拟的计划中)", "按注释手工填写该指标, 或按 docs/plan-format.md 的写法改写该句 (地区生产总值增长6%左右)"),
    "yaml11": ("未加引号的值会被 YAML 1.1 工具读成布尔值、八进制、六十进制数或日期", "给该值加引号"),
}  # fmt: skip
