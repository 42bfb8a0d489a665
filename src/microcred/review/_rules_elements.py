"""Presence rules (Annex I and the catalogue), languages and links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from microcred.errors import PathPart
from microcred.review._context import ReviewContext, has_text, text_map
from microcred.review._findings import Severity

__all__ = ["check_annex_i", "check_catalogue_fields", "check_languages", "check_links"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def check_annex_i(ctx: ReviewContext) -> None:
    """Annex I mandatory elements that belong to the catalogue entry.

    The learner and the date of issue belong to each award, not to the entry; the
    level is required "where applicable", so its absence is a warning.
    """
    _require_text(ctx, "annex1.title", ["title"], "the title")
    _require_text(
        ctx,
        "annex1.quality-assurance",
        ["qualityAssurance", "description"],
        "the type of quality assurance",
    )
    if not _non_empty_str(ctx.get("issuer", "country")):
        _missing(ctx, "annex1.issuer-country", "issuer.country", "the issuer's country")
    if not isinstance(ctx.get("awardingBody"), dict):
        _missing(ctx, "annex1.awarding-body", "awardingBody", "the awarding body")
    outcomes = ctx.get("learningOutcomes")
    if not isinstance(outcomes, list) or not outcomes:
        _missing(
            ctx, "annex1.learning-outcomes", "learningOutcomes", "learning outcomes"
        )
    _check_workload_present(ctx)
    if not _non_empty_str(ctx.get("assessment", "type")):
        _missing(
            ctx, "annex1.assessment-type", "assessment.type", "the type of assessment"
        )
    if not _non_empty_str(ctx.get("participation", "mode")):
        _missing(
            ctx,
            "annex1.participation",
            "participation.mode",
            "the form of participation",
        )
    if ctx.get("eqfLevel") is None and ctx.get("nqfLevel") is None:
        ctx.add(
            WARNING,
            "annex1.level",
            "eqfLevel",
            "No EQF (or NQF) level is given; Annex I asks for the level where "
            "applicable.",
            "Add eqfLevel (1 to 8) if the micro-credential is referenced to a "
            "qualifications framework; leave it out only if no level applies.",
        )


def _check_workload_present(ctx: ReviewContext) -> None:
    workload = ctx.get("workload")
    parts = ("hours", "ects", "volumeOfLearning")
    if not isinstance(workload, dict) or all(workload.get(p) is None for p in parts):
        _missing(
            ctx,
            "annex1.workload",
            "workload",
            "the notional workload",
            fix="Add workload.ects (ECTS credits, where possible) and workload.hours.",
        )


def check_catalogue_fields(ctx: ReviewContext) -> None:
    """Fields the catalogue itself requires or recommends beyond Annex I."""
    _require_text(ctx, "catalogue.description", ["description"], "a description")
    if not ctx.languages:
        _missing(ctx, "catalogue.languages", "languages", "the list of languages")
    for role, rule in (
        ("issuer", "catalogue.issuer"),
        ("promoter", "catalogue.promoter"),
    ):
        if not isinstance(ctx.get(role), dict):
            _missing(ctx, rule, role, f"the {role} organisation")
    occupations = ctx.get("escoOccupations")
    if not isinstance(occupations, list) or not occupations:
        _missing(
            ctx,
            "catalogue.esco-occupations",
            "escoOccupations",
            "the ESCO occupations the micro-credential serves",
            fix="Add escoOccupations: the ESCO occupation IRIs (search them with "
            "`microcred esco search`).",
        )
    if not ctx.get("trainingLinks"):
        ctx.add(
            WARNING,
            "catalogue.training-links",
            "trainingLinks",
            "No training programme is linked.",
            "Add trainingLinks with the course or MOOC that prepares for the "
            "assessment, unless there is none.",
        )
    if not ctx.get("pathways"):
        ctx.add(
            INFO,
            "catalogue.pathways",
            "pathways",
            "No guidance towards a formal or national qualification is given.",
            "Add pathways naming the qualification this micro-credential can count "
            "towards, if any.",
        )


def check_languages(ctx: ReviewContext) -> None:
    """Every declared language has the title, the description and each outcome."""
    declared = ctx.languages
    places: list[list[PathPart]] = [["title"], ["description"]]
    places += [
        ["learningOutcomes", i, "text"] for i, _ in ctx.items("learningOutcomes")
    ]
    for place in places:
        texts = text_map(ctx.get(*place))
        if texts is None:
            continue
        for tag in declared:
            if not texts.get(tag, "").strip():
                ctx.add(
                    ERROR,
                    "language.missing-text",
                    [*place, tag],
                    f"Language {tag!r} is declared but has no text here.",
                    f"Add the {tag!r} text, or remove {tag!r} from languages.",
                )
        for tag in texts:
            if declared and tag not in declared:
                ctx.add(
                    WARNING,
                    "language.undeclared",
                    [*place, tag],
                    f"There is text in {tag!r}, which languages does not declare.",
                    f"Add {tag!r} to languages, or remove this text.",
                )


_LINK_PLACES: tuple[tuple[str, str], ...] = (
    ("trainingLinks", "url"),
    ("pathways", "url"),
)
_SINGLE_LINKS: tuple[tuple[str, ...], ...] = (
    ("qualityAssurance", "url"),
    ("issuer", "homepage"),
    ("awardingBody", "homepage"),
    ("promoter", "homepage"),
)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def check_links(ctx: ReviewContext) -> None:
    """Links are absolute http(s) URLs with a host name; none is ever fetched."""
    for listing, key in _LINK_PLACES:
        for index, entry in ctx.items(listing):
            _check_link(ctx, [listing, index, key], entry.get(key))
    for path in _SINGLE_LINKS:
        _check_link(ctx, list(path), ctx.get(*path))


def _check_link(ctx: ReviewContext, path: list[PathPart], value: object) -> None:
    if value is None:
        return
    problem = _link_problem(value)
    if problem:
        ctx.add(
            ERROR,
            "link.malformed",
            path,
            f"{value!r} is not a usable link: {problem}.",
            "Give the full address, such as https://example.org/course.",
        )
    elif isinstance(value, str) and value.lower().startswith("http://"):
        ctx.add(
            INFO,
            "link.not-https",
            path,
            f"{value} is not an https address.",
            "Use the https address if the site offers one.",
        )


def _link_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return "it is not text"
    if value != value.strip() or any(c.isspace() for c in value):
        return "it contains spaces"
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").rstrip(".")
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError as error:
        return str(error)
    if parts.scheme.lower() not in {"http", "https"}:
        return "it must start with https:// (or http://)"
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        ascii_host = ""
    if not ascii_host or not _HOST.match(ascii_host):
        return "it has no valid host name"
    return None


def _require_text(
    ctx: ReviewContext, rule: str, path: list[PathPart], what: str
) -> None:
    value = ctx.get(*path)
    if value is None or (text_map(value) is not None and not has_text(value)):
        _missing(ctx, rule, path, what)


def _missing(
    ctx: ReviewContext,
    rule: str,
    path: str | list[PathPart],
    what: str,
    *,
    fix: str | None = None,
) -> None:
    ctx.add(
        ERROR,
        rule,
        path,
        f"Missing: {what}.",
        fix or f"Add {what}.",
    )


def _non_empty_str(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
