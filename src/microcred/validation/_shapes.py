"""The EU's EDC shapes, bundled, with ``owl:imports`` resolved inside the package.

A credential names the profile it claims in ``credentialSchema``; each profile is
one Turtle file that imports the profile it extends (generic-full imports
generic-no-cv, accredited imports generic-full, ...). The import closure is read
from this folder only: nothing is ever fetched.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

import rdflib
from rdflib.namespace import OWL

from microcred.errors import UnsupportedError

__all__ = [
    "DEFAULT_PROFILE",
    "EDC_PROFILES",
    "profile_iri",
    "shapes_graph",
]

logger = logging.getLogger(__name__)

_AP = "http://data.europa.eu/snb/model/ap/"

#: Profile IRI (as written in ``credentialSchema.id``) -> bundled Turtle file.
EDC_PROFILES: Mapping[str, str] = MappingProxyType(
    {
        _AP + "edc-generic-no-cv": "EDC-generic-no-cv.ttl",
        _AP + "edc-generic-full": "EDC-generic-full.ttl",
        _AP + "edc-accredited": "EDC-accredited.ttl",
        _AP + "edc-converted": "EDC-converted.ttl",
        _AP + "edc-diploma-supplement": "EDC-diplomaSupplement.ttl",
        _AP + "edc-issued-by-mandate": "EDC-issuedByMandate.ttl",
    }
)

#: What the EU's micro-credential samples claim, and the EU validator's default.
DEFAULT_PROFILE = _AP + "edc-generic-full"

_lock = threading.Lock()
_graphs: dict[frozenset[str], rdflib.Graph] = {}


def profile_iri(name: str) -> str:
    """Accept a profile IRI or its short name (``"accredited"``, ``"edc-accredited"``).

    Raises :class:`~microcred.errors.UnsupportedError` for a profile we do not ship.
    """
    candidate = name.strip().removesuffix("/")
    if candidate in EDC_PROFILES:
        return candidate
    short = candidate.removeprefix("edc-")
    for iri in EDC_PROFILES:
        if iri.removeprefix(_AP + "edc-") == short:
            return iri
    known = ", ".join(sorted(i.removeprefix(_AP) for i in EDC_PROFILES))
    raise UnsupportedError(
        f"no bundled SHACL profile {name!r}; microcred ships {known}",
        path="credentialSchema",
    )


def _parse_file(file_name: str) -> rdflib.Graph:
    source = resources.files(__package__).joinpath("shapes", file_name)
    graph = rdflib.Graph()
    graph.parse(data=source.read_text(encoding="utf-8"), format="turtle")
    return graph


def _import_closure(profiles: frozenset[str]) -> dict[str, rdflib.Graph]:
    """Every profile reachable through ``owl:imports``, each parsed once."""
    pending = sorted(profiles)
    seen: dict[str, rdflib.Graph] = {}
    while pending:
        iri = pending.pop()
        if iri in seen:
            continue
        logger.debug("loading SHACL profile %s", iri)
        graph = seen[iri] = _parse_file(EDC_PROFILES[iri])
        for imported in graph.objects(rdflib.URIRef(iri), OWL.imports):
            if str(imported) not in EDC_PROFILES:
                raise UnsupportedError(
                    f"shape file for {iri} imports {imported}, which is not bundled"
                )
            pending.append(str(imported))
    return seen


def shapes_graph(profiles: frozenset[str]) -> rdflib.Graph:
    """The merged shapes graph of ``profiles`` and their imports, parsed once.

    The returned graph is shared: callers must not modify it.
    """
    with _lock:
        cached = _graphs.get(profiles)
        if cached is not None:
            return cached
        graph = rdflib.Graph()
        for part in _import_closure(profiles).values():
            graph += part
        _graphs[profiles] = graph
        return graph
