"""Repeated nodes of an EDC must be identical copies under an RDFC proof.

RDF merges the copies of a node (same ``id``), so an RDFC proof cannot see a
property removed from one copy while another keeps it; microcred refuses to
sign such an EDC and fails its verification, naming the node and the copies.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred._jsonio import open_envelope
from microcred.errors import ResourceLimitError, SafeModeError
from microcred.jsonld import default_registry
from microcred.jsonld._nodes import (
    GRAPH_TERMS,
    check_identical_copies,
    find_divergent_copies,
    is_edc,
)
from microcred.securing.dataintegrity import sign, verify_proof
from microcred.securing.keys import OfflineResolver, PrivateKey
from microcred.verification import CheckStatus, Outcome, verify

VECTORS = Path(__file__).parents[1] / "vectors"
CREATED = datetime(2026, 1, 2, tzinfo=UTC)
KEY = PrivateKey.generate("Ed25519")
DID = KEY.did_key()
METHOD = f"{DID}#{DID.removeprefix('did:key:')}"
#: The awarding body repeated under awardedBy, influencedBy and provenBy.
ORG = "urn:epass:org:1"
AWARDED = "credentialSubject.hasClaim.awardedBy.awardingBody"
INFLUENCED = "credentialSubject.hasClaim.influencedBy.awardedBy.awardingBody"


def _eu_micro_credential() -> dict[str, Any]:
    """The EU's sealed micro-credential sample, re-issued under our did:key."""
    sealed = json.loads(
        (VECTORS / "edc" / "Sample-MC-Annex1-signed.jsonld").read_text("utf-8")
    )
    envelope = open_envelope(sealed)
    assert envelope is not None
    credential = envelope.credential
    credential["issuer"]["id"] = DID  # the issuer node is not repeated
    return credential


def _signed(suite: str = "eddsa-rdfc-2022") -> dict[str, Any]:
    return sign(
        _eu_micro_credential(),
        KEY,
        verification_method=METHOD,
        cryptosuite=suite,
        created=CREATED,
    )


SIGNED = _signed()


def _at(document: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        document = document[part]
    return document


def _failed_context(report_checks: Any) -> str:
    messages = [
        c.message
        for c in report_checks
        if c.name == "context" and c.status is CheckStatus.FAILED
    ]
    assert messages, "the context check did not fail"
    return str(messages[0])


# --- the comparison itself -------------------------------------------------


def test_identical_copies_pass_and_key_order_does_not_matter() -> None:
    """Copies equal as JSON (key order aside) are not reported."""
    document = {
        "a": {"id": "urn:x", "name": "N", "kind": [1, 2]},
        "b": [{"kind": [1, 2], "name": "N", "id": "urn:x"}],
    }
    assert find_divergent_copies(document) == []


def test_removed_key_names_node_paths_and_key() -> None:
    """A key missing from one copy is reported with both paths and the key."""
    document = {
        "a": {"id": "urn:x", "name": "N", "url": "u"},
        "b": {"c": [{"id": "urn:x", "name": "N"}]},
    }
    (found,) = find_divergent_copies(document)
    assert (found.node_id, found.first, found.second) == ("urn:x", "a", "b.c[0]")
    assert found.difference == "url"
    assert "'urn:x'" in found.problem
    assert "a and b.c[0]" in found.problem


def test_bare_reference_beside_full_copy_differs() -> None:
    """{"id": x} beside a full copy is a difference: a tamper can produce it."""
    document = {"a": {"id": "urn:x", "name": "N"}, "b": {"id": "urn:x"}}
    (found,) = find_divergent_copies(document)
    assert found.difference == "name"


def test_array_order_and_value_types_matter() -> None:
    """Array order counts; a string is not a number; 1 and 1.0 are one number."""

    def pair(one: Any, other: Any) -> list[Any]:
        return find_divergent_copies(
            {"a": {"id": "x", "v": one}, "b": {"id": "x", "v": other}}
        )

    assert pair([1, 2], [2, 1])
    assert pair(1, "1")
    assert not pair(1, 1.0)


def test_at_id_and_nested_differences() -> None:
    """``@id`` names a node too; a nested difference points inside the copy."""
    document = {
        "a": {"@id": "urn:x", "title": {"en": "A", "fr": "B"}},
        "b": {"id": "urn:x", "title": {"en": "A", "fr": "C"}},
    }
    (found,) = find_divergent_copies(document)
    assert found.difference == "title.fr"


def test_graph_containers_hold_other_nodes() -> None:
    """The same id inside ``proof`` or ``verifiableCredential`` is another node."""
    document = {
        "id": "urn:vc",
        "name": "outer",
        "verifiableCredential": [{"id": "urn:vc", "name": "inner"}],
        "proof": {"id": "urn:vc", "type": "DataIntegrityProof"},
    }
    assert find_divergent_copies(document) == []


def test_graph_terms_match_the_bundled_contexts() -> None:
    """Every ``@container: @graph`` term of the bundled contexts is a graph term."""
    found: set[str] = set()

    def collect(value: Any, name: str | None) -> None:
        if isinstance(value, dict):
            container = value.get("@container")
            containers = container if isinstance(container, list) else [container]
            if "@graph" in containers and name is not None:
                found.add(name)
            for key, child in value.items():
                collect(child, key)
        elif isinstance(value, list):
            for child in value:
                collect(child, name)

    registry = default_registry()
    from microcred.jsonld import BUNDLED_CONTEXTS

    for url in BUNDLED_CONTEXTS:
        collect(registry.document_loader()(url, {})["document"], None)
    assert found == set(GRAPH_TERMS)


def test_too_deep_is_a_resource_limit() -> None:
    """A document nested beyond Python's stack is refused, not a crash."""
    deep: Any = {"id": "urn:x"}
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(ResourceLimitError):
        find_divergent_copies(deep)


def test_check_raises_safe_mode_error_at_the_second_copy() -> None:
    """check_identical_copies raises SafeModeError whose path is the second copy."""
    document = {"a": {"id": "urn:x", "n": 1}, "b": {"id": "urn:x", "n": 2}}
    with pytest.raises(SafeModeError) as raised:
        check_identical_copies(document, remedy="do X")
    assert raised.value.path == "b"
    assert str(raised.value).endswith("do X")


def test_eu_samples_repeat_nodes_as_identical_copies() -> None:
    """The EU's micro-credential samples (sealed and unsigned) pass as they are."""
    unsigned = json.loads(
        (VECTORS / "edc" / "Sample-MC-Annex1-unsigned.jsonld").read_text("utf-8")
    )
    assert is_edc(unsigned)
    assert is_edc(SIGNED)
    assert find_divergent_copies(unsigned) == []
    assert find_divergent_copies(_eu_micro_credential()) == []


# --- signing and verifying -------------------------------------------------


def test_signed_eu_sample_verifies() -> None:
    """Our eddsa-rdfc-2022 signature on the EU sample verifies, copies checked."""
    result = verify(SIGNED, now=CREATED)
    assert result.valid, [c.to_dict() for c in result.failures]
    assert "identical copy" in result["context"].message


def test_property_deleted_from_one_copy_fails() -> None:
    """legalName removed from one copy of the awarding body: named, and invalid."""
    tampered = copy.deepcopy(SIGNED)
    del _at(tampered, INFLUENCED)["legalName"]
    report = verify_proof(tampered)
    assert not report.valid
    message = _failed_context(report.checks)
    assert ORG in message
    assert AWARDED in message
    assert INFLUENCED in message
    assert "legalName" in message

    result = verify(tampered, now=CREATED)
    assert not result.valid
    assert result["context"].status is CheckStatus.FAILED
    assert result["context"].outcome is Outcome.UNSAFE_JSONLD
    assert ORG in result["context"].message


def test_the_gap_is_real_without_the_check() -> None:
    """With the check switched off, the same tamper leaves the signature valid."""
    tampered = copy.deepcopy(SIGNED)
    del _at(tampered, INFLUENCED)["legalName"]
    assert verify_proof(tampered, unsafe_allow_divergent_copies=True).valid


def test_value_changed_in_one_copy_fails() -> None:
    """A value changed in one copy fails, naming the node."""
    tampered = copy.deepcopy(SIGNED)
    _at(tampered, INFLUENCED)["homepage"]["contentURL"] = "https://evil.example"
    report = verify_proof(tampered)
    assert not report.valid
    assert "urn:epass:webResource:2" in _failed_context(report.checks)


def test_copy_cut_to_a_bare_reference_fails() -> None:
    """A copy replaced by {"id": ...} fails (the RDF would be unchanged)."""
    tampered = copy.deepcopy(SIGNED)
    _at(tampered, "credentialSubject.hasClaim.influencedBy.awardedBy")[
        "awardingBody"
    ] = {"id": ORG}
    report = verify_proof(tampered)
    assert not report.valid
    assert ORG in _failed_context(report.checks)
    assert verify_proof(tampered, unsafe_allow_divergent_copies=True).valid


def _divergent_edc() -> dict[str, Any]:
    credential = _eu_micro_credential()
    del _at(credential, INFLUENCED)["legalName"]
    return credential


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "ecdsa-rdfc-2019"])
def test_signing_refuses_divergent_copies(suite: str) -> None:
    """The RDFC suites refuse an EDC with differing copies, naming them."""
    key = KEY if suite.startswith("eddsa") else PrivateKey.generate("P-256")
    did = key.did_key()
    method = f"{did}#{did.removeprefix('did:key:')}"
    with pytest.raises(SafeModeError) as raised:
        sign(_divergent_edc(), key, verification_method=method, cryptosuite=suite)
    assert raised.value.path == INFLUENCED
    assert ORG in str(raised.value)
    assert AWARDED in str(raised.value)
    assert "unsafe_allow_divergent_copies" in str(raised.value)


def test_signing_divergent_copies_by_name() -> None:
    """unsafe_allow_divergent_copies=True signs; verifying then needs it too."""
    signed = sign(
        _divergent_edc(),
        KEY,
        verification_method=METHOD,
        unsafe_allow_divergent_copies=True,
    )
    assert not verify_proof(signed).valid
    assert verify_proof(signed, unsafe_allow_divergent_copies=True).valid


def test_jcs_suites_sign_the_copies_as_written() -> None:
    """eddsa-jcs-2022 signs the exact JSON: each copy is protected as it is."""
    signed = sign(
        _divergent_edc(), KEY, verification_method=METHOD, cryptosuite="eddsa-jcs-2022"
    )
    assert verify_proof(signed).valid
    tampered = copy.deepcopy(signed)
    del _at(tampered, AWARDED)["legalName"]
    assert not verify_proof(tampered).valid


def test_open_badges_may_describe_a_node_in_parts() -> None:
    """1EdTech's complete OB 3.0 fixture (not an EDC) still verifies."""
    fixture = VECTORS / "ob3" / "validator-fixtures" / "ob30" / "complete.json"
    document = json.loads(fixture.read_text("utf-8"))
    assert find_divergent_copies(document)  # the issuer is described in parts
    method = document["proof"][0]["verificationMethod"]
    controller, fragment = method.split("#")
    resolver = OfflineResolver(
        documents=[
            {
                "@context": ["https://www.w3.org/ns/did/v1"],
                "id": controller,
                "verificationMethod": [
                    {
                        "id": method,
                        "type": "Multikey",
                        "controller": controller,
                        "publicKeyMultibase": fragment,
                    }
                ],
                "assertionMethod": [method],
            }
        ]
    )
    assert verify_proof(document, resolver=resolver).valid


# --- generated edits of one copy -------------------------------------------


def _copies(document: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Paths of every object with an id, by id (the proof left out)."""
    found: dict[str, list[tuple[Any, ...]]] = {}

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.setdefault(value["id"], []).append(path)
            for key, child in value.items():
                if key not in {"proof", "@context"}:
                    walk(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*path, index))

    walk(document, ())
    return {node: paths for node, paths in found.items() if len(paths) > 1}


REPEATED = _copies(SIGNED)


def _inner_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in items:
        if key in {"id", "@id"}:
            continue
        paths.append((*prefix, key))
        paths.extend(_inner_paths(child, (*prefix, key)))
    return paths


def _resolve(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_edit_of_one_copy_fails(data: st.DataObject) -> None:
    """Removing, changing or adding anything in one copy of a repeated node fails."""
    node = data.draw(st.sampled_from(sorted(REPEATED)), label="node")
    where = data.draw(st.sampled_from(REPEATED[node]), label="copy")
    tampered = copy.deepcopy(SIGNED)
    target = _resolve(tampered, where)
    inside = data.draw(st.sampled_from(_inner_paths(target)), label="inside")
    parent = _resolve(target, inside[:-1])
    action = data.draw(st.sampled_from(["remove", "change", "add", "bare"]))
    if action == "remove":
        del parent[inside[-1]]
    elif action == "change":
        parent[inside[-1]] = data.draw(st.text(max_size=5).map(lambda t: "~" + t))
    elif action == "add":
        target[data.draw(st.sampled_from(["note", "extra", "x"]))] = "added"
    else:
        target.clear()
        target["id"] = node
    report = verify_proof(tampered)
    assert not report.valid
    assert "is repeated with different content" in _failed_context(report.checks)
