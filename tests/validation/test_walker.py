"""The direct EDC reader gives pyld's triples, and steps aside when unsure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from edc_reference import pyld_triples
from tampering import TAMPERS

from microcred.errors import JsonLdError, SafeModeError
from microcred.jsonld import default_registry
from microcred.validation._data import load_credential, to_graph
from microcred.validation._walker import Fallback, plain_edc_triples

SAMPLES = [
    "Sample-MC-Annex1-signed.jsonld",
    "Sample-MC-Annex1-unsigned.jsonld",
    "Sample-CertOfPart-signed.jsonld",
]


def _collapsed(triples: Any) -> set[Any]:
    def plain(node: Any) -> Any:
        return "_:" if isinstance(node, str) and node.startswith("_:") else node

    return {(plain(s), p, plain(o)) for s, p, o in triples}


@pytest.mark.parametrize("name", SAMPLES)
def test_reader_handles_the_eu_samples_itself(vectors: Path, name: str) -> None:
    """The EU samples need no general processor, and give pyld's triples."""
    credential = load_credential(vectors / name).document
    assert _collapsed(plain_edc_triples(credential)) == pyld_triples(credential)


@pytest.mark.parametrize("tamper", sorted(set(TAMPERS) - {"date_modified"}))
def test_reader_matches_pyld_on_tampered(
    mc_signed: dict[str, Any], tamper: str
) -> None:
    """Each tampered variant: the direct reader's triples are pyld's."""
    TAMPERS[tamper](mc_signed)
    assert _collapsed(plain_edc_triples(mc_signed)) == pyld_triples(mc_signed)


def test_language_tags_keep_pyld_case(mc_signed: dict[str, Any]) -> None:
    """A language tag written in capitals reads the way pyld reads it."""
    mc_signed["issuer"]["legalName"] = {"EN": "University of Zed"}
    assert _collapsed(plain_edc_triples(mc_signed)) == pyld_triples(mc_signed)


def test_blank_nodes_get_fresh_labels(mc_signed: dict[str, Any]) -> None:
    """Objects without an id become distinct blank nodes, as in JSON-LD."""
    del mc_signed["identifier"]["id"]
    del mc_signed["credentialSubject"]["contactPoint"]["id"]
    triples = plain_edc_triples(mc_signed)
    blanks = {s for s, _, _ in triples if s.startswith("_:")}
    assert len(blanks) == 2
    assert _collapsed(triples) == pyld_triples(mc_signed)


UNUSUAL = {
    "value-object": lambda c: c.update(validFrom={"@value": "2022-12-31T23:00:00Z"}),
    "map-in-array": lambda c: c["issuer"].update(legalName=[{"en": "Zed"}]),
    "compact-iri": lambda c: c["issuer"].update(homepage="elm:home"),
    "proof-graph": lambda c: c.update(proof={"type": "Ed25519Signature2018"}),
    "nested-list": lambda c: c["issuer"].update(altLabel={"en": [["nested"]]}),
}
#: Where JSON-LD itself would drop data, the safe checks refuse the document.
REFUSED = {"map-in-array": SafeModeError, "nested-list": JsonLdError}


@pytest.mark.parametrize("case", sorted(UNUSUAL))
def test_unusual_json_ld_falls_back_to_the_general_processor(
    mc_signed: dict[str, Any], case: str
) -> None:
    """Beyond the EU idiom the reader refuses, and pyoxigraph takes over."""
    UNUSUAL[case](mc_signed)
    with pytest.raises(Fallback):
        plain_edc_triples(mc_signed)
    if case in REFUSED:
        with pytest.raises(REFUSED[case]):
            to_graph(mc_signed, default_registry())
    else:
        graph = to_graph(mc_signed, default_registry())
        assert _collapsed(graph.triples()) == pyld_triples(mc_signed)
