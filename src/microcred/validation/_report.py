"""The validation report: each SHACL result worded so that a developer can act on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred._jsonio import dumps
from microcred.errors import ShapeViolationError

__all__ = ["KNOWN_QUIRKS", "ValidationReport", "Violation"]

#: Identifier -> explanation of the known faults in the EU's own artefacts.
KNOWN_QUIRKS: Mapping[str, str] = {
    "edc-ap-dateModified": (
        "known EU context quirk: the edc-ap context reads dateModified as an IRI, "
        "the EDC shapes want an xsd:dateTime, so the EU's own validator rejects "
        "every credential that uses it, its own samples included"
    ),
}


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result.

    ``location`` is the JSON path of the focus node in the credential (``""`` for
    the credential itself, ``None`` when the node cannot be placed), ``term`` the
    JSON-LD term of the result path (``eIDASIdentifier``) and ``path_iri`` its
    full IRI. ``constraint`` is the SHACL constraint component's local name
    (``MinCountConstraintComponent``), ``shape`` the source shape (IRI, or a
    blank-node label). ``details`` holds the results of a failed ``sh:node``.
    ``known_quirk`` names an entry of :data:`KNOWN_QUIRKS` when the violation
    comes from a known fault in the EU's own artefacts rather than the credential.
    """

    focus_node: str
    location: str | None
    term: str | None
    path_iri: str | None
    severity: str
    constraint: str
    shape: str
    value: str | None
    message: str
    details: tuple[Violation, ...] = ()
    known_quirk: str | None = None

    @property
    def json_path(self) -> str:
        """Where to look in the credential: ``issuer.eIDASIdentifier``."""
        base = self.location if self.location is not None else f"<{self.focus_node}>"
        if self.term is None:
            return base or "(credential)"
        return f"{base}.{self.term}" if base else self.term

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field, details included."""
        return {
            "focusNode": self.focus_node,
            "location": self.location,
            "path": self.json_path,
            "term": self.term,
            "pathIri": self.path_iri,
            "severity": self.severity,
            "constraint": self.constraint,
            "shape": self.shape,
            "value": self.value,
            "message": self.message,
            "knownQuirk": self.known_quirk,
            "details": [detail.to_dict() for detail in self.details],
        }


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating one credential against the EU's EDC shapes.

    ``conforms`` is exactly the SHACL verdict: a credential that fails only on a
    known EU quirk still does not conform (the EU's validator rejects it too), but
    then ``only_known_quirks`` is true.
    """

    conforms: bool
    violations: tuple[Violation, ...]
    profiles: tuple[str, ...]

    @property
    def only_known_quirks(self) -> bool:
        """True when it fails, but only on known faults of the EU's artefacts."""
        return bool(self.violations) and all(v.known_quirk for v in self.violations)

    def raise_for_violations(self) -> None:
        """Raise :class:`~microcred.errors.ShapeViolationError` unless it conforms."""
        if self.conforms:
            return
        lines = "\n".join(f"  {v.message}" for v in self.violations)
        count = len(self.violations)
        raise ShapeViolationError(
            f"the credential does not conform to the EDC shapes "
            f"({count} violation{'s' if count != 1 else ''}):\n{lines}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: verdict, profiles and every violation."""
        return {
            "conforms": self.conforms,
            "onlyKnownQuirks": self.only_known_quirks,
            "profiles": list(self.profiles),
            "violations": [v.to_dict() for v in self.violations],
        }

    def to_json(self) -> str:
        """The report as deterministic, indented JSON text."""
        return dumps(self.to_dict()).decode("utf-8")

    def to_text(self) -> str:
        """A plain-text rendering: the verdict, then one line per violation."""
        if self.conforms:
            return "conforms"
        count = len(self.violations)
        head = f"does not conform: {count} violation{'s' if count != 1 else ''}"
        if self.only_known_quirks:
            head += " (only known EU quirks)"
        return "\n".join([head, *(f"- {v.message}" for v in self.violations)])

    def __str__(self) -> str:
        return self.to_text()


def constraint_name(component: str) -> str:
    """``MinCount`` -> ``MinCountConstraintComponent``."""
    return f"{component}ConstraintComponent"
