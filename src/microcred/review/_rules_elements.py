"""Presence rules (Annex I and the catalogue), languages and links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from microcred.errors import PathPart
from microcred.review._context import ReviewContext, has_text, text_map
from microcred.review._findings import Severity

__all__ = ["check_languages", "check_links", "check_recommended", "check_required"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


# (rule, path, kind of value, what it is, fix when the generic one is too thin).
# Annex I elements that belong to the catalogue entry come first (the learner and
# the date of issue belong to each award), then the catalogue's own fields.
_REQUIRED: tuple[tuple[str, tuple[str, ...], str, str, str | None], ...] = (
    ("annex1.title", ("title",), "text", "the title", None),
    ("annex1.issuer-country", ("issuer", "country"), "string",
     "the issuer's country", None),
    ("annex1.awarding-body", ("awardingBody",), "object", "the awarding body", None),
    ("annex1.learning-outcomes", ("learningOutcomes",), "list",
     "learning outcomes", None),
    ("annex1.workload", ("workload",), "workload", "the notional workload",
     "Add workload.ects (ECTS credits, where possible) and workload.hours."),
    ("annex1.assessment-type", ("assessment", "type"), "string",
     "the type of assessment", None),
    ("annex1.participation", ("participation", "mode"), "string",
     "the form of participation", None),
    ("annex1.quality-assurance", ("qualityAssurance", "description"), "text",
     "the type of quality assurance", None),
    ("catalogue.description", ("description",), "text", "a description", None),
    ("catalogue.languages", ("languages",), "languages", "the list of languages",
     None),
    ("catalogue.issuer", ("issuer",), "object", "the issuer organisation", None),
    ("catalogue.promoter", ("promoter",), "object", "the promoter organisation",
     None),
    ("catalogue.esco-occupations", ("escoOccupations",), "list",
     "the ESCO occupations the micro-credential serves",
     ("Add escoOccupations: the ESCO occupation IRIs (search them with "
      "`microcred esco search`).")),
)  # fmt: skip


def _absent(ctx: ReviewContext, path: tuple[str, ...], kind: str) -> bool:
    value = ctx.get(*path)
    if kind == "text":
        # A value of another type is the schema's finding, not a missing one.
        return value is None or (text_map(value) is not None and not has_text(value))
    if kind == "string":
        return not (isinstance(value, str) and value.strip())
    if kind == "object":
        return not isinstance(value, dict)
    if kind == "list":
        return not (isinstance(value, list) and value)
    if kind == "languages":
        return not ctx.languages
    parts = ("hours", "ects", "volumeOfLearning")
    return not isinstance(value, dict) or all(value.get(p) is None for p in parts)


def check_required(ctx: ReviewContext) -> None:
    """Annex I mandatory elements and the catalogue's required fields are present."""
    for rule, path, kind, what, fix in _REQUIRED:
        if _absent(ctx, path, kind):
            ctx.add(ERROR, rule, list(path), f"Missing: {what}.", fix or f"Add {what}.")


def check_recommended(ctx: ReviewContext) -> None:
    """The level (Annex I: "where applicable"), training links and pathways."""
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
    # Language tags are case-insensitive (RFC 5646): "EN" declares "en".
    declared = {tag.casefold(): tag for tag in ctx.languages}
    places: list[list[PathPart]] = [["title"], ["description"]]
    places += [
        ["learningOutcomes", i, "text"] for i, _ in ctx.items("learningOutcomes")
    ]
    for place in places:
        texts = text_map(ctx.get(*place))
        if texts is None:
            continue
        given = {tag.casefold(): text for tag, text in texts.items()}
        for key, tag in declared.items():
            if not given.get(key, "").strip():
                ctx.add(
                    ERROR,
                    "language.missing-text",
                    [*place, tag],
                    f"Language {tag!r} is declared but has no text here.",
                    f"Add the {tag!r} text, or remove {tag!r} from languages.",
                )
        for tag in texts:
            if declared and tag.casefold() not in declared:
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
