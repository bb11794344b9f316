"""`--explain` in Chinese: the explanation's own words (labels, forms, directions, formulas)
put into Chinese phrase by phrase; the plan's words and the numbers stay as they are."""

from __future__ import annotations

import re

from govplan.render.statuses import LOOKS

# Applied longest first (sorted below), so that "stretch gap" is taken before "gap".
_PHRASES: tuple[tuple[str, str], ...] = (
    ("floor tier (确保)", "确保档"),
    ("stretch tier (力争)", "力争档"),
    ("(direction up)", "(方向: 向上)"),
    ("(direction down)", "(方向: 向下)"),
    (
        "keeps a level (direction from the suffix or the indicator)",
        "保持水平 (方向由后缀或指标决定)",
    ),
    (
        "a decrease: the number is a fall, met at or below its negative",
        "降幅: 数字表示下降, 实际不高于其负值即达标",
    ),
    ("more than the number: at least", "超过该数: 不低于"),
    (
        "a change from the base year to the last, yearly changes compounded",
        "自基期年到规划末年的变化, 各年变化连乘",
    ),
    ("an average annual rate over the span, compounded", "规划期年均增速, 按复利计"),
    ("a total: the sum of each year's figure", "规划期累计: 各年数值之和"),
    ("an increase of the level over the base year", "比基期年水平的增加"),
    ("from the name)", "由指标名称而定)"),
    ("a cumulative figure over the span", "规划期累计数"),
    ("(the base year's level)", "(基期年水平)"),
    (
        "nothing to compound yet: no figure for any year of the span",
        "尚无可连乘的数据: 规划期内各年均无数据",
    ),
    (
        "nothing to compound: a year between the base year and the figures is missing",
        "无法连乘: 基期年与已有数据之间缺少某年数据",
    ),
    (
        "a year between the base year and the figures is missing: the sum is unknown",
        "基期年与已有数据之间缺少某年数据: 累计数未知",
    ),
    ("no figure for any year of the span yet", "规划期内各年尚无数据"),
    ("no year for which both this indicator and ", "没有本指标与 "),
    (" compound from the base year", " 都能自基期年连乘的年份"),
    ("counts from the base year's level: add `base:`", "以基期年水平为起点: 请补充 base"),
    (
        "a level's path needs the base year's level: add `base:`",
        "水平目标的进度需要基期年水平: 请补充 base",
    ),
    ("has figures that are not growth rates (%)", "的数据不是增速 (%)"),
    ("a fall of 100% or more cannot compound", "降幅达到或超过100%, 无法连乘"),
    ("over the span", "规划期内"),
    ("in the last year", "规划末年"),
    ("from the base year", "自基期年"),
    (
        "covered = change so far / change over the span; expected = the share an even "
        "yearly rate gives by then",
        "已完成 = 至今变化 / 规划期目标变化; 应完成 = 按均匀年速至今应有的份额",
    ),
    (
        "covered = (level − base) / (target − base); expected = years so far / years",
        "已完成 = (当前水平 − 基期) / (目标 − 基期); 应完成 = 已过年数 / 规划年数",
    ),
    (
        "covered = sum so far / total; expected = years so far / years",
        "已完成 = 至今累计 / 目标总量; 应完成 = 已过年数 / 规划年数",
    ),
    ("; gap = covered − expected (pp)", "; 差距 = 已完成 − 应完成 (百分点)"),
    ("met if the level satisfies the target", "当前水平满足目标即达标"),
    ("gap = average annual rate − ", "差距 = 年均增速 − "),
    ("'s over the same years", " 同期年均增速"),
    ("scope of a rank", "排名范围"),
    ("increment on top of the floor", "在确保目标之上的增量"),
    ("an alternative unit in brackets, not read", "括号中的另一单位, 不读取"),
    ("a bare zero: at most 0", "单独的零: 不超过 0"),
    ("a rank: at most this position (lower is better)", "排名: 不低于此名次 (越靠前越好)"),
    ("zero written as a word", "以文字写的零"),
    ("a range: floor the low end, stretch the high end", "区间: 下限为确保, 上限为力争"),
    (
        "keeps pace with economic growth: at least the actual of indicator gdp",
        "与经济增长同步: 不低于指标 gdp 的实际值",
    ),
    (
        "faster than economic growth: more than the actual of indicator gdp",
        "高于经济增长: 大于指标 gdp 的实际值",
    ),
    (
        "slower than economic growth: less than the actual of indicator gdp",
        "低于经济增长: 小于指标 gdp 的实际值",
    ),
    ("direction up", "方向: 向上"),
    ("direction down", "方向: 向下"),
    ("direction band", "方向: 区间"),
    ("at most", "不超过"),
    ("gap ≥ 0", "差距 ≥ 0"),
    ("gap > 0", "差距 > 0"),
    ("gap < 0", "差距 < 0"),
    ("gap ≤ 0", "差距 ≤ 0"),
    ("|gap|", "|差距|"),
    ("gap = progress −", "差距 = 进度 −"),
    (" actual = ", " 实际 = "),
    ("(no unit)", "(无单位)"),
    ("progress not reported", "进度未报告"),
    ("qualitative target, no reported status", "定性目标, 未公布状态"),
    ("which is not in the plan", "该指标不在计划中"),
    ("which has no actual yet", "该指标尚无实际值"),
    ("the base;", "基数;"),
    ("completion: reported", "完成率: 公布"),
    ("gap: reported", "差距: 公布"),
    ("status: reported", "状态: 公布"),
    ("computed met", "计算 达标"),
    ("公布 met", "公布 达标"),
    ("公布 missed", "公布 未达标"),
    ("reported met", "公布 达标"),
    ("computed missed", "计算 未达标"),
    ("reported missed", "公布 未达标"),
    ("gap = completion − schedule share of", "差距 = 完成率 − 时序进度"),
    ("(target − actual)", "(目标 − 实际)"),
    ("against actual /", "对比 实际 /"),
    ("annual target", "全年目标"),
    ("/ stretch", "/ 力争目标"),
    ("/ target", "/ 目标"),
    ("actual ≥ target", "实际 ≥ 目标"),
    ("actual ≤ target", "实际 ≤ 目标"),
    ("completion: 公布", "完成率: 公布"),
    ("gap: 公布", "差距: 公布"),
    ("status: 公布", "状态: 公布"),
    ("two tiers: floor (确保) and stretch (力争)", "两档: 确保目标与力争目标"),
    ("keep pace with another indicator's actual", "与另一指标的实际值同步"),
    ("qualitative (no number to compare)", "定性目标 (无数字可比)"),
    ("progress task (% done against the calendar)", "进度任务 (完成百分比对照时序)"),
    ("at most (lower is better)", "不超过 (越低越好)"),
    ("closest to the target is best", "越接近目标越好"),
    ("more is better", "越高越好"),
    ("less is better", "越低越好"),
    ("as printed it stands for", "按公布的位数, 代表区间"),
    ("a whole count: exact", "整数计数: 精确"),
    ("in the target's unit", "(换算为目标单位)"),
    ("of the work is due by the end of the period", "为本期末应完成的时序进度"),
    ("reported as printed stands for", "公布值按位数代表区间"),
    ("computed from the actual as printed spans", "按实际值的位数计算, 区间为"),
    ("govplan computes no", "govplan 不计算此项:"),
    ("the published", "公布的"),
    ("implies an actual of", "对应的实际值为"),
    ("refers to indicator", "引用指标"),
    ("the base times", "基数乘以"),
    ("no `base:` given, so no number", "未给出 base, 无法得出数值"),
    ("year to date: ", "年内累计: "),
    ("met once the annual target is reached", "达到全年目标即为达标"),
    ("schedule share of", "时序进度"),
    ("months left", "个剩余月份"),
    ("a month", "每月"),
    ("so far", "(目前)"),
    ("year-end at this pace", "按目前进度全年"),
    ("out of reach at a plausible pace", "按合理进度已难完成"),
    ("more than twice the pace so far", "所需月均超过目前的2倍"),
    ("the target is zero or below, so a ratio to it means nothing", "目标为零或负数, 完成率无意义"),
    (
        "less (or closer) is better, so a ratio to the target means nothing",
        "越低 (或越接近) 越好, 完成率无意义",
    ),
    ("(the words', the indicator has none)", "(按文字; 指标未定方向)"),
    ("the indicator's", "指标的"),
    ("(approximate)", "(约数)"),
    ("not reported", "未报告"),
    ("(year to date)", "(年内累计)"),
    ("(words)", "(文字)"),
    ("lower is better", "越低越好"),
    ("either side", "两侧"),
    ("met if", "达标条件:"),
    ("(about", "(左右"),
    ("completion = 100 × actual /", "完成率 = 100 × 实际 /"),
    ("gap = actual − target", "差距 = 实际 − 目标"),
    ("gap = actual − actual of", "差距 = 实际 − 此指标的实际:"),
    ("gap = progress − schedule share of", "差距 = 进度 − 时序进度"),
    ("stretch gap = actual − stretch", "力争差距 = 实际 − 力争目标"),
    ("gap = actual − floor", "差距 = 实际 − 确保目标"),
    ("gap = actual − cap", "差距 = 实际 − 上限"),
    ("the actual is within the range", "实际值在区间内"),
    ("gap = distance outside it", "差距 = 超出区间的距离"),
    ("qualitative: status as the document reported it", "定性: 状态按原文"),
    ("indicator unit", "指标单位"),
    ("at least", "不低于"),
    ("about", "左右"),
    ("a decrease", "降幅"),
    ("govplan has no actual to check it against", "govplan 没有可据以核对的实际值"),
    ("unverifiable", "无法核对"),
    ("inconsistent", "不一致"),
    ("consistent", "一致"),
    ("reported", "公布"),
    ("computed", "计算"),
    ("stretch met", "力争目标达成"),
    ("stretch not met", "力争目标未达成"),
)
PHRASES = tuple(sorted(_PHRASES, key=lambda pair: len(pair[0]), reverse=True))

# The explanation's left column, word for word.
LABELS = {
    "target": "目标", "kind": "类型", "direction": "方向", "actual": "实际", "series": "序列",
    "schedule": "时序", "pace": "进度", "reference": "参照", "tolerance": "容差",
    "formula": "公式", "gap": "差距", "stretch gap": "力争差距", "completion": "完成率",
    "status": "状态", "audit": "核对", "note": "备注",
}  # fmt: skip

_LABEL = re.compile(r"^  (stretch gap|[a-z]+)( +)")
_STATUS = {s.value: look.zh for s, look in LOOKS.items()}


_KINDS = {"quantity": "数量", "rate": "比率", "progress": "进度", "qualitative": "定性"}
_DIRECTIONS = {"up": "向上", "down": "向下", "band": "区间"}
_BOUND = re.compile(r"^( {14})(bound|stretch) ")


def chinese(line: str) -> str:
    m = _LABEL.match(line)
    if m and m.group(1) == "kind":
        word = line[m.end() :].split(";")[0].strip()
        line = line.replace(word, _KINDS.get(word, word), 1)
    if m and m.group(1) == "direction":
        word = line[m.end() :].split(" ")[0]
        line = line[: m.end()] + _DIRECTIONS.get(word, word) + line[m.end() + len(word) :]
    b = _BOUND.match(line)
    if b:
        line = b.group(1) + {"bound": "界限", "stretch": "力争"}[b.group(2)] + line[b.end() - 1 :]
    if m and m.group(1) in LABELS:
        label = LABELS[m.group(1)]
        line = "  " + label + " " * max(1, 12 - 2 * len(label)) + line[m.end() :]
        if m.group(1) == "status":
            head, _, rest = line.partition(label)
            word = rest.strip().split(" ")[0].rstrip(":")
            line = head + label + rest.replace(word, _STATUS.get(word, word), 1)
    for english, zh in PHRASES:
        line = line.replace(english, zh)
    return line
