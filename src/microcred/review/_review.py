"""The review: run every rule on a submission and collect the findings."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from microcred._jsonio import load_json
from microcred.errors import ModelValidationError, ReviewError
from microcred.esco import EscoCatalogue
from microcred.model import MicroCredential, parse_micro_credential
from microcred.review._context import ReviewContext, ReviewSettings, text_map
from microcred.review._findings import Finding, ReviewReport, Severity
from microcred.review._rules_assessment import check_assessment, check_questionnaire
from microcred.review._rules_elements import (
    check_languages,
    check_links,
    check_recommended,
    check_required,
)
from microcred.review._rules_esco import check_esco
from microcred.review._rules_outcomes import check_outcome_levels, check_outcomes
from microcred.review._rules_workload import check_workload

if TYPE_CHECKING:
    from microcred.assessment import Questionnaire

__all__ = ["review", "review_submission"]

logger = logging.getLogger(__name__)

Rule = Callable[[ReviewContext], None]

#: The rule groups, in the order they run.
_CHECKS: tuple[Rule, ...] = (
    check_required,
    check_recommended,
    check_languages,
    check_outcomes,
    check_outcome_levels,
    check_esco,
    check_workload,
    check_assessment,
    check_questionnaire,
    check_links,
)


def review(
    micro_credential: MicroCredential,
    questionnaire: Questionnaire | None = None,
    catalogue: EscoCatalogue | None = None,
    *,
    settings: ReviewSettings | None = None,
) -> ReviewReport:
    """Review a catalogue entry for quality, transparency and relevance.

    ``catalogue`` defaults to the bundled habitat-sector ESCO subset; pass
    :meth:`EscoCatalogue.from_official_csv` for the full ESCO. Without a
    ``questionnaire`` the coverage and threshold rules do not run (an
    informational finding says so). Pure: nothing is fetched, nothing changes.
    """
    data = micro_credential.model_dump(mode="json")
    return _run(data, (), questionnaire, catalogue, settings)


def review_submission(
    submission: Mapping[str, Any] | str | bytes | os.PathLike[str],
    questionnaire: Questionnaire | None = None,
    catalogue: EscoCatalogue | None = None,
    *,
    settings: ReviewSettings | None = None,
) -> ReviewReport:
    """Review a submission as it arrived, even one the model refuses.

    ``submission`` is parsed JSON (a dict), JSON text or bytes, or a file path.
    Text that is not JSON raises :class:`~microcred.errors.ParseError`. Every
    field the model refuses (missing, wrong type, unknown) becomes a ``schema.*``
    finding, and every other rule still runs on what can be read: a missing
    element is a finding, never an exception.
    """
    data = submission
    if isinstance(data, str | bytes | os.PathLike):
        data = load_json(data, what="submission")
    if not isinstance(data, Mapping):
        raise ReviewError(
            f"a submission must be a JSON object, not {type(data).__name__}"
        )
    try:
        model = parse_micro_credential(dict(data))
    except ModelValidationError as error:
        # The rules read camelCase, as the model writes; the model also reads
        # snake_case field names, so a refused submission is read alike.
        readable = _camel_keys(data, _field_aliases())
        return _run(readable, error.errors, questionnaire, catalogue, settings)
    return _run(model.model_dump(mode="json"), (), questionnaire, catalogue, settings)


@cache
def _field_aliases() -> frozenset[str]:
    # Every camelCase field name of the model, so that only real fields are
    # renamed (a language tag or an unknown key keeps its spelling).
    names: set[str] = set()
    pending: list[type[BaseModel]] = [MicroCredential]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or to_camel(name))
            pending.extend(_models_in(info.annotation))
    return frozenset(names)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _camel_keys(value: Any, aliases: frozenset[str]) -> Any:
    if isinstance(value, Mapping):
        renamed = {}
        for key, item in value.items():
            camel = to_camel(key) if isinstance(key, str) and "_" in key else key
            use = camel if camel in aliases and camel not in value else key
            renamed[use] = _camel_keys(item, aliases)
        return renamed
    if isinstance(value, list):
        return [_camel_keys(item, aliases) for item in value]
    return value


def _run(
    data: Mapping[str, Any],
    schema: tuple[tuple[str, str], ...],
    questionnaire: Questionnaire | None,
    catalogue: EscoCatalogue | None,
    settings: ReviewSettings | None,
) -> ReviewReport:
    esco = catalogue if catalogue is not None else EscoCatalogue.bundled()
    ctx = ReviewContext(data, esco, questionnaire, settings or ReviewSettings())
    for check in _CHECKS:
        check(ctx)
    findings = [*ctx.findings, *_schema_findings(schema, ctx.findings)]
    logger.debug("review found %d finding(s)", len(findings))
    return ReviewReport.build(
        subject_id=data.get("id") if isinstance(data.get("id"), str) else None,
        subject_title=_title(data.get("title")),
        findings=findings,
        esco_version=esco.release.esco_version,
        esco_attribution=esco.release.attribution,
    )


def _title(value: Any) -> str | None:
    texts = text_map(value)
    if not texts:
        return None
    return texts.get("en") or next(iter(texts.values()))


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith((f"{parent}.", f"{parent}["))


def _schema_findings(
    errors: tuple[tuple[str, str], ...], found: list[Finding]
) -> list[Finding]:
    # A field a rule already reported as an error (with a plainer message and a
    # fix) is not reported twice; the rule's finding is kept. A missing object
    # counts as reported when a rule named a field inside it.
    covered = [f.path for f in found if f.severity is Severity.ERROR]
    result = []
    for path, problem in errors:
        missing = problem == "is required"
        if any(o == path or (missing and _within(o, path)) for o in covered):
            continue
        if problem == "is required":
            rule, fix = "schema.required", f"Add {path or 'the field'}."
        elif problem.startswith("is not a field"):
            rule = "schema.unknown-field"
            fix = "Remove the field or correct its name (fields are camelCase)."
        else:
            rule, fix = "schema.invalid", "Correct the value as the message says."
        result.append(
            Finding(
                Severity.ERROR, path, rule, f"{path or 'submission'}: {problem}", fix
            )
        )
    return result
