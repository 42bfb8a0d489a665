"""``validate_edc``: a credential against the EU's EDC SHACL shapes, offline."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from microcred.errors import InvalidDataError
from microcred.jsonld import ContextRegistry, default_registry

from ._compiled import CompiledShapes, compile_shapes, evaluate
from ._data import load_credential, to_graph
from ._report import ValidationReport
from ._shapes import DEFAULT_PROFILE, EDC_PROFILES, profile_iri, shapes_graph
from ._wording import to_violation

__all__ = ["claimed_profiles", "compiled_profile", "ensure_valid_edc", "validate_edc"]

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_compiled: dict[frozenset[str], CompiledShapes] = {}


def compiled_profile(profiles: frozenset[str]) -> CompiledShapes:
    """The compiled shapes of ``profiles`` (with imports), built once per process."""
    with _lock:
        cached = _compiled.get(profiles)
        if cached is None:
            cached = _compiled[profiles] = compile_shapes(shapes_graph(profiles))
        return cached


def _schema_ids(credential: dict[str, Any]) -> Iterable[Any]:
    schemas = credential.get("credentialSchema")
    for schema in schemas if isinstance(schemas, list) else [schemas]:
        if isinstance(schema, dict):
            yield schema.get("id", schema.get("@id"))
        elif isinstance(schema, str):
            yield schema


def claimed_profiles(credential: dict[str, Any]) -> frozenset[str]:
    """The bundled EDC profiles named in ``credentialSchema``; generic-full if none.

    Schemas we do not know (a JSON Schema, another vocabulary) are not ours to
    check and are skipped.
    """
    found = set()
    for schema_id in _schema_ids(credential):
        if isinstance(schema_id, str) and schema_id.rstrip("/") in EDC_PROFILES:
            found.add(schema_id.rstrip("/"))
    return frozenset(found) or frozenset({DEFAULT_PROFILE})


def _chosen_profiles(
    credential: dict[str, Any], profile: str | Iterable[str] | None
) -> frozenset[str]:
    if profile is None:
        return claimed_profiles(credential)
    names = [profile] if isinstance(profile, str) else list(profile)
    if not names:
        raise InvalidDataError("profile must name at least one EDC profile")
    return frozenset(profile_iri(name) for name in names)


def validate_edc(
    document: Any,
    *,
    profile: str | Iterable[str] | None = None,
    registry: ContextRegistry | None = None,
) -> ValidationReport:
    """Validate an EDC against the EU's SHACL shapes and report every violation.

    ``document`` is a dict, JSON text or bytes, a :class:`~pathlib.Path`, or a
    JAdES envelope (``{"payload": ..., "signatures": [...]}``), whose payload
    credential is validated (the seal is not checked here). ``profile`` overrides
    the profile the credential claims in ``credentialSchema`` (an IRI such as
    ``http://data.europa.eu/snb/model/ap/edc-accredited`` or a short name such as
    ``"accredited"``); without one, the claimed profiles are used, and
    ``edc-generic-full`` when none is claimed.

    Contexts come from ``registry`` (the bundled ones by default) and are never
    downloaded. Raises :class:`~microcred.errors.ParseError` for input that is
    not JSON, :class:`~microcred.errors.UnknownContextError` for a context that
    is not bundled, :class:`~microcred.errors.SafeModeError` for a key or type
    that no context defines (JSON-LD would drop it unchecked), and
    :class:`~microcred.errors.InvalidDataError` for anything that is not one
    credential object. A document that does not conform is not an error: see
    :attr:`ValidationReport.conforms`, or call :func:`ensure_valid_edc`.
    """
    credential = load_credential(document).document
    profiles = _chosen_profiles(credential, profile)
    compiled = compiled_profile(profiles)
    data = to_graph(
        credential, registry if registry is not None else default_registry()
    )

    raw = evaluate(compiled, data)
    violations = tuple(
        sorted(
            (to_violation(r, compiled, data) for r in raw),
            key=lambda v: (v.json_path, v.constraint, v.value or ""),
        )
    )
    logger.debug("validated against %s: %d violations", sorted(profiles), len(raw))
    return ValidationReport(not violations, violations, tuple(sorted(profiles)))


def ensure_valid_edc(
    document: Any,
    *,
    profile: str | Iterable[str] | None = None,
    registry: ContextRegistry | None = None,
) -> ValidationReport:
    """Like :func:`validate_edc`, but raise unless the credential conforms.

    Raises :class:`~microcred.errors.ShapeViolationError` listing every
    violation; returns the (conforming) report otherwise.
    """
    report = validate_edc(document, profile=profile, registry=registry)
    report.raise_for_violations()
    return report
