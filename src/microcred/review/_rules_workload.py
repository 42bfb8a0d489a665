"""Workload: ECTS and hours agree, the size fits a micro-credential and its level."""

from __future__ import annotations

import re
from decimal import Decimal

from microcred.review._context import ReviewContext, decimal
from microcred.review._findings import Severity

__all__ = ["check_workload"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# An ISO 8601 duration with a date part in years, months, weeks or days; "P60M"
# is sixty months where sixty hours ("PT60H") was almost always meant.
_CALENDAR = re.compile(r"^P(?:\d+(?:[.,]\d+)?[YMWD])+")
_TIME_ONLY = re.compile(r"^PT(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?$")

# How small a workload may be at a high level, and how large at a low one, before
# the pair looks implausible (microcred's heuristic, stated in docs/review.md).
_MIN_HOURS_AT_LEVEL = {6: Decimal(25), 7: Decimal(50), 8: Decimal(50)}
_MAX_HOURS_AT_LEVEL = {1: Decimal(250), 2: Decimal(250)}


def check_workload(ctx: ReviewContext) -> None:
    """ECTS against hours, calendar durations, size, and size against EQF level."""
    hours = decimal(ctx.get("workload", "hours"))
    ects = decimal(ctx.get("workload", "ects"))
    volume = ctx.get("workload", "volumeOfLearning")
    if hours is None and isinstance(volume, str):
        hours = _volume_hours(volume)
    if isinstance(volume, str) and _CALENDAR.match(volume):
        ctx.add(
            WARNING,
            "workload.calendar-duration",
            "workload.volumeOfLearning",
            f"{volume} counts calendar time (years, months, weeks or days), not "
            "hours of learning.",
            "Write hours as PT<n>H (sixty hours is PT60H; P60M is sixty months).",
        )
    _check_rate(ctx, hours, ects)
    if ects is None and hours is not None:
        low, high = ctx.settings.hours_per_credit
        ctx.add(
            INFO,
            "workload.ects-missing",
            "workload.ects",
            "No ECTS credits are given; Annex I asks for ECTS where possible.",
            f"Add workload.ects: {hours} hours is {_credits(hours / high)} to "
            f"{_credits(hours / low)} ECTS.",
        )
    total = hours if hours is not None else _hours_from(ctx, ects)
    if total is not None:
        _check_size(ctx, total)
        _check_level(ctx, total)


def _volume_hours(volume: str) -> Decimal | None:
    match = _TIME_ONLY.match(volume)
    if not match or not any(match.groups()):
        return None
    hours = Decimal((match.group(1) or "0").replace(",", "."))
    minutes = Decimal((match.group(2) or "0").replace(",", "."))
    total = hours + minutes / 60
    return total if total > 0 else None


def _hours_from(ctx: ReviewContext, ects: Decimal | None) -> Decimal | None:
    if ects is None:
        return None
    return ects * ctx.settings.hours_per_credit[0]


def _credits(value: Decimal) -> str:
    # quantize() needs the result to fit the context precision (28 digits); absurd
    # workloads from hostile submissions must still render, not raise.
    if value.adjusted() >= 20:
        return f"{value:.3E}"
    return f"{value.quantize(Decimal('0.1')).normalize():f}"


def _check_rate(
    ctx: ReviewContext, hours: Decimal | None, ects: Decimal | None
) -> None:
    if hours is None or ects is None:
        return
    low, high = ctx.settings.hours_per_credit
    rate = hours / ects
    if not low <= rate <= high:
        ctx.add(
            ERROR,
            "workload.ects-hours",
            "workload",
            f"{hours} hours for {ects} ECTS is {rate:.2f} hours per credit; one "
            f"ECTS credit is {low} to {high} hours.",
            f"Give {_credits(hours / high)} to {_credits(hours / low)} ECTS for "
            f"{hours} hours, or {ects * low:f} to {ects * high:f} hours for {ects} "
            "ECTS.",
        )


def _check_size(ctx: ReviewContext, hours: Decimal) -> None:
    settings = ctx.settings
    low = settings.min_ects * settings.hours_per_credit[0]
    high = settings.max_ects * settings.hours_per_credit[1]
    if low <= hours <= high:
        return
    small = hours < low
    ctx.add(
        WARNING,
        "workload.size",
        "workload",
        f"{hours:f} hours is {'less' if small else 'more'} than a micro-credential "
        f"usually takes ({settings.min_ects:f} to {settings.max_ects:f} ECTS).",
        "Check the workload; a larger offer may be better described as a "
        "programme, a smaller one folded into another micro-credential."
        if not small
        else "Check the workload: is it the learner's total notional workload "
        "(study, practice and assessment), not contact hours only?",
    )


def _check_level(ctx: ReviewContext, hours: Decimal) -> None:
    level = ctx.get("eqfLevel")
    if isinstance(level, bool) or not isinstance(level, int):
        return
    least = _MIN_HOURS_AT_LEVEL.get(level)
    most = _MAX_HOURS_AT_LEVEL.get(level)
    if least is not None and hours < least:
        problem = f"under {least} hours is little for EQF level {level}"
    elif most is not None and hours > most:
        problem = f"over {most} hours is much for EQF level {level}"
    else:
        return
    ctx.add(
        WARNING,
        "workload.eqf-level",
        "eqfLevel",
        f"{hours:f} hours: {problem}.",
        "Check that the EQF level and the workload describe the same micro-credential.",
    )
