"""Safe mode refuses keywords that would carry data no RDFC proof covers."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from microcred.errors import SafeModeError
from microcred.securing._rdf import document_quads
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
