"""``microcred score`` and ``microcred analyse``: the assessment commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from microcred._jsonio import dumps, load_json
from microcred.assessment import (
    Decision,
    ItemAnalysis,
    Questionnaire,
    analyse_items,
    decide,
    load_questionnaire,
    parse_questionnaire,
    score_cohort,
)
from microcred.assessment._decision import format_share
from microcred.errors import AssessmentError, ResponseError

__all__ = ["register"]

#: Below this many item responses the work is instant and no progress is shown.
PROGRESS_FROM = 200_000


def register(subparsers: Any) -> None:
    """Add ``score`` and ``analyse`` to the ``microcred`` command."""
    score = subparsers.add_parser(
        "score",
        help="score a learner's answers and decide the award",
        description="Score RESPONSES (a JSON object: item id -> answer) against "
        "QUESTIONNAIRE and decide whether the micro-credential is awarded.",
    )
    score.add_argument("questionnaire", type=Path, metavar="QUESTIONNAIRE")
    score.add_argument("responses", type=Path, metavar="RESPONSES")
    score.add_argument("--json", action="store_true", help="print a JSON object")
    score.add_argument(
        "--micro-credential",
        type=Path,
        metavar="FILE",
        help="check the questionnaire against this micro-credential (JSON) and "
        "take its required outcomes",
    )
    score.set_defaults(handler=run_score)

    analyse = subparsers.add_parser(
        "analyse",
        help="item statistics for a cohort (difficulty, discrimination, alpha)",
        description="Item analysis of COHORT: a JSON object with a 'questionnaire' "
        "(or --questionnaire FILE) and 'attempts' (a list of answer objects), or "
        "with 'scores' (learners x items) and optional 'item_ids' and 'max_scores'.",
    )
    analyse.add_argument("cohort", type=Path, metavar="COHORT")
    analyse.add_argument("--questionnaire", type=Path, metavar="FILE")
    analyse.add_argument("--json", action="store_true", help="print a JSON object")
    analyse.set_defaults(handler=run_analyse)


def run_score(args: argparse.Namespace) -> int:
    """Score one attempt; exit 0 whether or not the award is made."""
    micro_credential = None
    if args.micro_credential is not None:
        from microcred.model import MicroCredential

        micro_credential = MicroCredential.from_json(args.micro_credential)
    questionnaire = load_questionnaire(
        args.questionnaire, micro_credential=micro_credential
    )
    responses = load_json(args.responses, what=str(args.responses))
    if not isinstance(responses, dict):
        raise ResponseError("the responses must be a JSON object of item id -> answer")
    decision = decide(questionnaire, responses)
    if args.json:
        sys.stdout.buffer.write(dumps(decision.as_dict()))
    else:
        _print_decision(questionnaire, decision, sys.stdout)
    return 0


def _print_decision(
    questionnaire: Questionnaire, decision: Decision, out: TextIO
) -> None:
    out.write(f"questionnaire {questionnaire.id}: {len(questionnaire.items)} items\n")
    for outcome in decision.outcomes:
        flag = "required" if outcome.required else "optional"
        out.write(f"  {outcome.reason} ({flag}, {outcome.items} items)\n")
    result = decision.result
    out.write(
        f"overall: {format_share(decision.score)} "
        f"({float(result.points):g} of {float(result.max_points):g} points), "
        f"grade {decision.grade}\n"
    )
    if result.unanswered:
        out.write(f"unanswered: {', '.join(result.unanswered)}\n")
    if decision.awarded:
        out.write("decision: AWARDED\n")
    else:
        out.write("decision: NOT AWARDED\n")
        for reason in decision.reasons:
            out.write(f"  - {reason}\n")


class Progress:
    """A one-line progress indicator on stderr, shown only on a terminal."""

    def __init__(self, label: str, *, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` steps."""
        if not self.enabled:
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _cohort_attempts(raw: Any) -> list[Any]:
    attempts = raw.get("attempts") if isinstance(raw, dict) else raw
    if not isinstance(attempts, list):
        raise AssessmentError("the cohort needs a list of 'attempts'", path="attempts")
    # Attempts may carry the learner: {"learner": "...", "responses": {...}}.
    return [
        a["responses"] if isinstance(a, dict) and "responses" in a else a
        for a in attempts
    ]


def _analysis(
    args: argparse.Namespace, raw: Any
) -> tuple[ItemAnalysis, dict[str, Any]]:
    if isinstance(raw, dict) and "scores" in raw:
        scores = raw["scores"]
        width = len(scores[0]) if isinstance(scores, list) and scores else 0
        large = isinstance(scores, list) and len(scores) * width >= PROGRESS_FROM
        progress = Progress("analysing", enabled=large)
        analysis = analyse_items(
            scores,
            item_ids=raw.get("item_ids"),
            max_scores=raw.get("max_scores"),
            progress=progress,
        )
        return analysis, {}
    if args.questionnaire is not None:
        questionnaire = load_questionnaire(args.questionnaire)
    elif isinstance(raw, dict) and "questionnaire" in raw:
        questionnaire = parse_questionnaire(raw["questionnaire"])
    else:
        raise AssessmentError("give the questionnaire in the cohort or --questionnaire")
    attempts = _cohort_attempts(raw)
    large = len(attempts) * len(questionnaire.items) >= PROGRESS_FROM
    cohort = score_cohort(
        questionnaire, attempts, progress=Progress("scoring", enabled=large)
    )
    analysis = cohort.analyse(progress=Progress("analysing", enabled=large))
    return analysis, {"awarded": sum(cohort.awarded), "learners": len(attempts)}


def run_analyse(args: argparse.Namespace) -> int:
    """Print item statistics for a cohort."""
    raw = load_json(args.cohort, what=str(args.cohort))
    analysis, decisions = _analysis(args, raw)
    if args.json:
        document = {
            "summary": analysis.summary() | decisions,
            "items": [_item_dict(s) for s in analysis.items],
        }
        sys.stdout.buffer.write(dumps(document))
        return 0
    _print_analysis(analysis, decisions, sys.stdout)
    return 0


def _item_dict(statistics: Any) -> dict[str, Any]:
    return {
        "id": statistics.item_id,
        "difficulty": statistics.difficulty,
        "point_biserial": statistics.point_biserial,
        "item_rest": statistics.item_rest,
        "discrimination": statistics.discrimination,
        "alpha_if_deleted": statistics.alpha_if_deleted,
    }


def _number(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def _print_analysis(
    analysis: ItemAnalysis, decisions: dict[str, Any], out: TextIO
) -> None:
    out.write(f"{analysis.learners} learners, {len(analysis.items)} items\n")
    out.write("item                      p   r_pb  r_rest      D  a-del\n")
    for s in analysis.items:
        out.write(
            f"{s.item_id[:20]:<20} {s.difficulty:6.3f} {_number(s.point_biserial)} "
            f"{_number(s.item_rest)} {s.discrimination:6.3f} "
            f"{_number(s.alpha_if_deleted)}\n"
        )
    alpha, kr20, sem = (
        _number(v).strip() for v in (analysis.alpha, analysis.kr20, analysis.sem)
    )
    out.write(
        f"alpha {alpha}, KR-20 {kr20}, SEM {sem}, "
        f"mean total {analysis.mean_total:.3f}, SD {analysis.sd_total:.3f}\n"
    )
    if decisions:
        out.write(f"awarded: {decisions['awarded']} of {decisions['learners']}\n")
