"""Relevance: the ESCO occupations and skills exist, relate, and are suggested."""

from __future__ import annotations

from microcred.review._context import ReviewContext, text_map
from microcred.review._findings import Severity

__all__ = ["check_esco"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_ISCO = "http://data.europa.eu/esco/isco/C"


def check_esco(ctx: ReviewContext) -> None:
    """Occupations and skills against the catalogue in use.

    An IRI missing from a complete ESCO download is an error; missing from a subset
    (such as the bundled habitat-sector one) it is a warning, since it may be a
    valid ESCO concept outside the subset.
    """
    occupations = _check_occupations(ctx)
    for index, outcome in ctx.items("learningOutcomes"):
        skills = _check_skills(ctx, index)
        if not skills and not outcome.get("escoSkills"):
            _suggest(ctx, index, occupations)
        elif skills and occupations and not _related(ctx, occupations, skills):
            ctx.add(
                WARNING,
                "esco.unrelated-skills",
                ["learningOutcomes", index, "escoSkills"],
                "None of this outcome's ESCO skills is essential or optional for the "
                "listed occupations.",
                "Link a skill the occupations need (see `microcred esco occupation "
                "IRI`), or add the occupation this outcome serves.",
            )


def _unknown_severity(ctx: ReviewContext) -> Severity:
    return WARNING if ctx.catalogue.release.subset else ERROR


def _where(ctx: ReviewContext) -> str:
    release = ctx.catalogue.release
    kind = "subset" if release.subset else "catalogue"
    return f"the ESCO {release.esco_version} {kind} in use"


def _check_occupations(ctx: ReviewContext) -> list[str]:
    known = []
    for index, entry in ctx.items("escoOccupations"):
        iri = entry.get("id")
        if not isinstance(iri, str):
            continue
        concept = ctx.catalogue.occupations.get(iri)
        if concept is None:
            ctx.add(
                _unknown_severity(ctx),
                "esco.unknown-occupation",
                ["escoOccupations", index, "id"],
                f"{iri} is not an occupation in {_where(ctx)}.",
                "Check the IRI (search with `microcred esco search`), or review "
                "against the full ESCO download.",
            )
            continue
        known.append(iri)
        group = ctx.get("escoOccupations", index, "iscoGroup", "id")
        expected = _ISCO + concept.isco_group
        if isinstance(group, str) and concept.isco_group and group != expected:
            ctx.add(
                WARNING,
                "esco.isco-group",
                ["escoOccupations", index, "iscoGroup", "id"],
                f"ESCO places {concept.preferred_label!r} in ISCO group "
                f"{concept.isco_group}, not {group.rsplit('/C', 1)[-1]}.",
                f"Use {expected}.",
                suggestions=(expected,),
            )
    return known


def _check_skills(ctx: ReviewContext, outcome: int) -> list[str]:
    known = []
    for index, entry in ctx.items("learningOutcomes", outcome, "escoSkills"):
        iri = entry.get("id")
        if not isinstance(iri, str):
            continue
        if iri in ctx.catalogue.skills:
            known.append(iri)
        else:
            ctx.add(
                _unknown_severity(ctx),
                "esco.unknown-skill",
                ["learningOutcomes", outcome, "escoSkills", index, "id"],
                f"{iri} is not a skill in {_where(ctx)}.",
                "Check the IRI (search with `microcred esco search`), or review "
                "against the full ESCO download.",
            )
    return known


def _related(ctx: ReviewContext, occupations: list[str], skills: list[str]) -> bool:
    return any(
        ctx.catalogue.relation(occupation, skill) is not None
        for occupation in occupations
        for skill in skills
    )


def _suggest(ctx: ReviewContext, index: int, occupations: list[str]) -> None:
    texts = text_map(ctx.get("learningOutcomes", index, "text")) or {}
    text = texts.get("en") or next(iter(texts.values()), "")
    found = ctx.catalogue.suggest_skills(
        text, occupations=occupations, limit=ctx.settings.suggestions_per_outcome
    )
    if found:
        listed = "; ".join(
            f"'{s.label}' <{s.skill.iri}> (matched: {', '.join(s.matched_words)})"
            for s in found
        )
        fix = f"Link the ESCO skills it develops; candidates: {listed}."
    else:
        fix = "Link the ESCO skills it develops (search with `microcred esco search`)."
    ctx.add(
        WARNING,
        "esco.no-skill",
        ["learningOutcomes", index, "escoSkills"],
        "This outcome is linked to no ESCO skill.",
        fix,
        suggestions=tuple(s.skill.iri for s in found),
    )
