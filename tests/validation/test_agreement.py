"""The fast path gives pyshacl's verdicts, on the EU samples and tampered ones.

Two separate checks: the triples microcred builds equal pyld's (the reference
JSON-LD processor), and the compiled evaluator's results equal pyshacl's on those
same triples: the same verdict and the same (focus, path, constraint, value) set.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from edc_reference import (
    fast_triples,
    pyld_triples,
    pyshacl_verdict,
    rdflib_graph,
    report_keys,
)
from tampering import TAMPERS

from microcred.jsonld import default_registry
from microcred.validation import claimed_profiles, validate_edc
from microcred.validation._data import load_credential, to_graph

SAMPLES = [
    "Sample-MC-Annex1-signed.jsonld",
    "Sample-MC-Annex1-unsigned.jsonld",
    "Sample-CertOfPart-signed.jsonld",
]


def _agree(credential: dict[str, Any]) -> tuple[bool, set[Any]]:
    data = to_graph(credential, default_registry())
    report = validate_edc(credential)
    expected = pyshacl_verdict(rdflib_graph(data), claimed_profiles(credential))
    assert (report.conforms, report_keys(report)) == expected
    return expected


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLES)
def test_samples_agree_with_pyshacl(vectors: Any, name: str) -> None:
    """Each EU sample: same verdict and results as pyshacl."""
    credential = load_credential(vectors / name).document
    _agree(credential)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_triples_equal_pyld(vectors: Any, name: str) -> None:
    """pyoxigraph with inlined contexts yields exactly pyld's triples."""
    credential = load_credential(vectors / name).document
    data = to_graph(credential, default_registry())
    assert fast_triples(data) == pyld_triples(credential)


@pytest.mark.slow
@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampered_agree_with_pyshacl(mc_signed: dict[str, Any], tamper: str) -> None:
    """Each single fault: same verdict and results as pyshacl."""
    TAMPERS[tamper](mc_signed)
    conforms, _ = _agree(mc_signed)
    if tamper not in {"date_without_time", "shared_id_conflict"}:
        assert not conforms


@pytest.mark.parametrize("tamper", sorted(set(TAMPERS) - {"date_modified"}))
def test_tampered_triples_equal_pyld(mc_signed: dict[str, Any], tamper: str) -> None:
    """The triples still equal pyld's after each fault (dateModified aside)."""
    TAMPERS[tamper](mc_signed)
    data = to_graph(mc_signed, default_registry())
    assert fast_triples(data) == pyld_triples(mc_signed)


def test_date_modified_is_kept_where_pyld_drops_it(mc_signed: dict[str, Any]) -> None:
    """The one deliberate difference: the EU reads dateModified as an IRI node."""
    TAMPERS["date_modified"](mc_signed)
    data = to_graph(mc_signed, default_registry())
    extra = fast_triples(data) - pyld_triples(copy.deepcopy(mc_signed))
    assert extra == {
        (mc_signed["issuer"]["id"], "http://purl.org/dc/terms/modified",
         "2024-01-01T00:00:00Z")
    }  # fmt: skip
