"""EDC SHACL validation on the EU samples we may not copy (eu-elm-support).

The expected verdicts are the EU's, as recorded in anchors/edc/SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib

from microcred.errors import SafeModeError
from microcred.jsonld import to_nquads
from microcred.validation import validate_edc
from microcred.validation._data import load_credential
from microcred.validation._shapes import shapes_graph

SUPPORT = Path("edc") / "samples" / "eu-elm-support"
ACCREDITED = "http://data.europa.eu/snb/model/ap/edc-accredited"


def test_aa_annex1_micro_credential_conforms(anchors: Path) -> None:
    """The 2024 EU micro-credential (JAdES-B-T) conforms to generic-full."""
    report = validate_edc(anchors / SUPPORT / "AA-Annex1-MC-signed.jsonld")
    assert report.conforms, report.to_text()


def test_aa_annex1_agrees_with_pyld_and_pyshacl(anchors: Path) -> None:
    """The plain way (pyld RDF, pyshacl) reaches the same verdict."""
    path = anchors / SUPPORT / "AA-Annex1-MC-signed.jsonld"
    credential = load_credential(path).document
    graph = rdflib.Graph()
    graph.parse(data=to_nquads(credential), format="nt")
    shapes = shapes_graph(
        frozenset({"http://data.europa.eu/snb/model/ap/edc-generic-full"})
    )
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms


def test_masters_degree_fails_only_on_the_date_modified_quirk(anchors: Path) -> None:
    """The accredited master's degree fails only where the EU context misreads dates."""
    report = validate_edc(anchors / SUPPORT / "Sample-MastersDegree-signed.jsonld")
    assert report.profiles == (ACCREDITED,)
    assert not report.conforms
    assert report.only_known_quirks
    assert {v.term for v in report.violations} == {"dateModified"}
    assert {v.constraint for v in report.violations} == {"DatatypeConstraintComponent"}
    assert all(v.known_quirk == "edc-ap-dateModified" for v in report.violations)


def test_masters_degree_without_date_modified_conforms(anchors: Path) -> None:
    """Remove the quirk and nothing else is wrong: the quirk is the whole story."""
    credential = load_credential(
        anchors / SUPPORT / "Sample-MastersDegree-signed.jsonld"
    ).document

    def strip(value: object) -> None:
        if isinstance(value, dict):
            value.pop("dateModified", None)
            for item in value.values():
                strip(item)
        elif isinstance(value, list):
            for item in value:
                strip(item)

    strip(credential)
    report = validate_edc(credential)
    assert report.conforms, report.to_text()


def test_issuer_upload_format_is_refused(anchors: Path) -> None:
    """The EDC issuer's upload format has no @context: its keys mean nothing."""
    with pytest.raises(SafeModeError, match="'credential'"):
        validate_edc(anchors / SUPPORT / "AA-Annex1-MC-unsigned.json")
