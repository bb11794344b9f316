"""Words shown to people, in Chinese (default) and English."""

from __future__ import annotations

LANGS = ("zh", "en")

_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "no": "序号",
        "indicator": "指标",
        "target": "目标",
        "actual": "实际",
        "gap": "差距",
        "completion": "完成率",
        "status": "状态",
        "audit": "核对",
        "note": "备注",
        "notes_hint": "{n} 项有备注 (--notes 显示)",
        "audit_summary": "已核对公布数据 {total} 项: 一致 {ok}, 不一致 {bad}",
        "met": "达标",
        "missed": "未达标",
        "pending": "待报",
        "unknown": "未知",
        "done": "已完成",
        "ahead": "超进度",
        "on-track": "符合进度",
        "behind": "滞后",
        "stretch_met": "力争目标达成",
        "consistent": "一致",
        "inconsistent": "不一致",
        "reported": "公布",
        "computed": "计算",
    },
    "en": {
        "no": "No.",
        "indicator": "Indicator",
        "target": "Target",
        "actual": "Actual",
        "gap": "Gap",
        "completion": "Completion",
        "status": "Status",
        "audit": "Audit",
        "note": "Note",
        "notes_hint": "{n} indicators have notes (--notes shows them)",
        "audit_summary": "published figures audited: {total}; consistent {ok}, inconsistent {bad}",
        "met": "met",
        "missed": "missed",
        "pending": "pending",
        "unknown": "unknown",
        "done": "done",
        "ahead": "ahead",
        "on-track": "on track",
        "behind": "behind",
        "stretch_met": "stretch met",
        "consistent": "consistent",
        "inconsistent": "inconsistent",
        "reported": "reported",
        "computed": "computed",
    },
}


def label(key: str, lang: str) -> str:
    return _LABELS[lang].get(key, key)
