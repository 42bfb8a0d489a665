"""The few EDC-only concepts the writer embeds (the rest come from microcred.model).

EDC wants every controlled value as a full ``skos:Concept`` with its scheme and
a label: the EU shapes check ``skos:inScheme`` inside the credential, so a bare
``{"id": ...}`` fails (anchors/edc/SOURCES.md). IRIs and English labels below
come from the ELM 3.1 vocabularies (``elm-3.1-controlled-vocabularies-from-xsd``)
and the concepts the EU's own samples use (``concepts-observed-in-eu-samples``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["BASE64", "ECTS", "GENERIC_PROFILE", "PNG", "ElmConcept"]

_SNB = "http://data.europa.eu/snb/"
_AUTHORITY = "http://publications.europa.eu/resource/authority/"


@dataclass(frozen=True, slots=True)
class ElmConcept:
    """A concept as EDC embeds it: IRI, scheme IRI, English label, notation."""

    iri: str
    scheme: str
    label: str
    notation: str | None = None

    def to_node(self) -> dict[str, Any]:
        """The embedded ``Concept`` node (same content wherever it appears)."""
        node: dict[str, Any] = {
            "id": self.iri,
            "type": "Concept",
            "inScheme": {"id": self.scheme, "type": "ConceptScheme"},
        }
        if self.notation is not None:
            node["notation"] = self.notation
        node["prefLabel"] = {"en": self.label}
        return node


def _snb(vocabulary: str, code: str, label: str) -> ElmConcept:
    return ElmConcept(
        f"{_SNB}{vocabulary}/{code}", f"{_SNB}{vocabulary}/25831c2", label
    )


GENERIC_PROFILE = _snb("credential", "e34929035b", "Generic")
BASE64 = _snb("encoding", "6146cde7dd", "base64")
PNG = ElmConcept(
    f"{_AUTHORITY}file-type/PNG", f"{_AUTHORITY}file-type", "PNG", "file-type"
)
ECTS = _snb("education-credit", "6fcec5c5af", "European Credit Transfer System")
