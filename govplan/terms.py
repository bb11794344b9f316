"""The closed sets of the core (kinds, directions, forms, statuses, verdicts, keys), defined
once here and imported everywhere; a table keyed by one of them must cover every member."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an indicator measures, which decides its gap unit and whether completion applies."""

    RATE = "rate"  # a percentage or a change in percentage points; gap in pp, no completion
    QUANTITY = "quantity"  # an amount or a count; completion = actual / target
    PROGRESS = "progress"  # a task reported as % done against the calendar
    QUALITATIVE = "qualitative"  # words only


class Direction(StrEnum):
    """Which way is better: up (more), down (less), band (close to the target)."""

    UP = "up"
    DOWN = "down"
    BAND = "band"


class Form(StrEnum):
    MIN = "min"  # at least
    MAX = "max"  # at most (lower is better)
    ABOUT = "about"  # about, met within a tolerance (which side: the direction)
    TIERS = "tiers"  # floor (确保) and stretch (力争), or a range
    SYNC = "sync"  # at least another indicator's actual
    TEXT = "text"  # qualitative
    PROGRESS = "progress"  # a task reported as % done
    SIGN = "sign"  # a change of a sign only (继续下降, 实现正增长, 较上年好转)


class Bound(StrEnum):
    """An actual the documents give as a bound rather than a number."""

    AT_LEAST = "at-least"  # 超143万人, 6.1%以上: at least this
    ABOVE = "above"  # 正增长: more than this (0), by an unknown amount


class Relation(StrEnum):
    """How a relative target's actual must stand against its reference's."""

    AT_LEAST = "at-least"  # 与经济增长同步: at least the reference
    ABOVE = "above"  # 高于GDP增长: more than the reference
    BELOW = "below"  # 低于经济增长: less than the reference


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    PENDING = "pending"
    UNKNOWN = "unknown"
    DONE = "done"
    AHEAD = "ahead"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    ACHIEVED = "achieved"  # a five-year target already met before its last year (提前实现)

    @property
    def falls_short(self) -> bool:
        """A target missed or a task behind schedule: what --fail-on missed and red mean."""
        return self in _SHORT

    @property
    def settled(self) -> bool:
        """A verdict was reached (neither pending nor unknown)."""
        return self not in (Status.PENDING, Status.UNKNOWN)


_SHORT = frozenset({Status.MISSED, Status.BEHIND})

# The order statuses are counted and listed in (summaries, roll-up columns).
SUMMARY_ORDER: tuple[Status, ...] = (
    Status.MET, Status.MISSED, Status.ACHIEVED, Status.DONE, Status.AHEAD, Status.ON_TRACK,
    Status.BEHIND, Status.PENDING, Status.UNKNOWN,
)  # fmt: skip


class Measure(StrEnum):
    """What a five-year target measures over its span (see "Across the five years")."""

    LEVEL = "level"  # the level in the last year (65%, 提高1岁 from the base)
    AVERAGE = "average"  # an average annual rate, compounded (年均增长6%)
    CHANGE = "change"  # a change from the base year to the last (累计降低13.5%)
    TOTAL = "total"  # a sum of the years' figures (累计新增50万人)
    RELATIVE = "relative"  # against another indicator, each year and on average
    TEXT = "text"  # qualitative (保持在合理区间)


class Attribute(StrEnum):
    """A five-year indicator's standing in its plan."""

    EXPECTED = "预期性"
    BINDING = "约束性"


class Verdict(StrEnum):
    """A published figure against govplan's, allowing for the digits printed."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNVERIFIABLE = "unverifiable"  # nothing to check it against: no actual, no verdict


class SortKey(StrEnum):
    PLAN = "plan"  # as in the plan
    GAP = "gap"  # furthest short of its mark first (direction-aware)
    COMPLETION = "completion"  # lowest completion first
    ID = "id"


class RollupKey(StrEnum):
    GROUP = "group"
    LEAD = "lead"


class CompareMode(StrEnum):
    YEARS = "years"  # one district over time: target changes
    DISTRICTS = "districts"  # several districts: the best actual marked


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class FailOn(StrEnum):
    MISSED = "missed"  # a target missed or a task behind schedule
    INCONSISTENT = "inconsistent"  # a published figure that does not match govplan's
    BINDING = "binding"  # a binding (约束性) five-year indicator behind or missed
