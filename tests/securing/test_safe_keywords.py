"""Safe mode refuses keywords that would carry data no RDFC proof covers."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import SafeModeError
from microcred.jsonld import refuse_inline_contexts
from microcred.securing._rdf import (
    document_quads,
    refuse_keyword_like,
    refuse_unsafe_keys,
)
from microcred.securing.dataintegrity import sign, verify_proof
from microcred.securing.keys import PrivateKey

KEY = PrivateKey.generate("Ed25519")
METHOD = f"{KEY.did_key()}#{KEY.did_key().removeprefix('did:key:')}"
CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": KEY.did_key(),
    "credentialSubject": {"id": "did:example:learner", "name": "Ada"},
}
SIGNED = sign(CREDENTIAL, KEY, verification_method=METHOD)

#: (key, value, words of the message): each would be ignored by JSON-LD or
#: become no RDF, so it could be added to a signed credential unseen.
SILENT = [
    ("@vocab", "https://attacker.example/", "belongs in a @context"),
    ("@vocab", False, "belongs in a @context"),
    ("@base", "https://attacker.example/", "belongs in a @context"),
    ("@version", 1.1, "belongs in a @context"),
    ("@protected", True, "belongs in a @context"),
    ("@index", "note", "becomes no RDF"),
    ("@direction", "rtl", "becomes no RDF"),
    ("@language", "en", "outside a value object"),
    ("@foo", 1, "looks like a JSON-LD keyword"),
]


@pytest.mark.parametrize("engine", ["fast", "pyld"])
@pytest.mark.parametrize(("key", "value", "words"), SILENT)
def test_both_engines_refuse_silent_keywords_where_they_are(
    engine: str, key: str, value: Any, words: str
) -> None:
    """The error names the path of the keyword, whichever engine runs."""
    document = copy.deepcopy(CREDENTIAL)
    document["credentialSubject"][key] = value
    with pytest.raises(SafeModeError, match=words) as caught:
        document_quads(document, engine=engine)
    assert caught.value.path == f"credentialSubject.{key}"


@pytest.mark.parametrize(("key", "value", "words"), SILENT)
def test_a_silent_keyword_added_to_a_signed_credential_fails(
    key: str, value: Any, words: str
) -> None:
    """Added after signing, the keyword leaves the RDF alone but fails the proof."""
    tampered = copy.deepcopy(SIGNED)
    tampered[key] = value
    report = verify_proof(tampered)
    assert not report.valid
    assert any(words in check.message for check in report.checks)


def test_language_and_direction_in_a_value_object_are_data() -> None:
    """A value object's @language is RDF (a language-tagged string): accepted."""
    document = copy.deepcopy(CREDENTIAL)
    document["credentialSubject"]["name"] = {"@value": "Ada", "@language": "en"}
    quads = document_quads(document)
    assert any('"Ada"@en' in str(quad) for quad in quads)


_KEYS = st.sampled_from(
    ["name", "@id", "@type", "@value", "@language", "@index", "@vocab", "@context",
     "@foo", "@list", "@direction", "@none", "id"]
)  # fmt: skip
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(_KEYS, children, max_size=4)
    ),
    max_leaves=25,
)


def _refused(check: Any, document: Any) -> bool:
    try:
        check(document)
    except SafeModeError:
        return True
    return False


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_the_quick_pass_refuses_exactly_what_the_path_checks_refuse(
    document: Any,
) -> None:
    """The one-pass check and the path-keeping checks agree on every document."""
    slow = _refused(refuse_inline_contexts, document) or _refused(
        lambda d: refuse_keyword_like(d, []), document
    )
    assert _refused(refuse_unsafe_keys, document) is slow
