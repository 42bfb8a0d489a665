"""Every single change to a seal fails it: named cases and generated changes."""

from __future__ import annotations

import base64
import copy
import json
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from _jades_pki import (
    SIGNING_TIME,
    SealIdentity,
    TestTsa,
    ec_key,
    rsa_key,
    seal_identity,
    test_tsa,
)
from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError
from microcred.securing import jades
from microcred.securing._jws import ALGORITHMS, b64url_encode, sign
from microcred.verification import CheckStatus, Outcome

CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/2018/credentials/v1"],
    "id": "urn:credential:1",
    "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
    "issuer": {
        "id": "urn:org:1",
        "legalName": {"en": "ORGANIZACION TEST"},
        "eIDASIdentifier": {"notation": "VATES-A00000000"},
        "location": {
            "address": {
                "countryCode": {
                    "id": "http://publications.europa.eu/resource/authority/country/ESP"
                }
            }
        },
    },
    "credentialSubject": {
        "id": "urn:person:1",
        "hasClaim": [{"title": {"en": "Timber frame basics"}, "credit": 2}],
    },
    "issued": "2025-06-01T12:00:00Z",
}


@pytest.fixture(scope="module")
def identity() -> SealIdentity:
    """An RSA-2048 seal identity for the whole module."""
    return seal_identity(rsa_key())


@pytest.fixture(scope="module")
def tsa() -> TestTsa:
    """A test TSA, so that tampering covers B-T seals too."""
    return test_tsa()


@pytest.fixture(scope="module")
def sealed(identity: SealIdentity, tsa: TestTsa) -> dict[str, Any]:
    """A B-T seal of CREDENTIAL that verifies."""
    document = jades.seal(
        CREDENTIAL,
        certificate=identity.certificate,
        private_key=identity.key,
        chain=identity.chain,
        signing_time=SIGNING_TIME,
        timestamp=tsa,
    )
    assert jades.verify_seal(document, trust=[identity.root]).valid
    return document


def _header(document: dict[str, Any]) -> dict[str, Any]:
    text = document["signatures"][0]["protected"]
    parsed: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    )
    return parsed


def _resign(
    document: dict[str, Any],
    identity: SealIdentity,
    change: Callable[[dict[str, Any]], None],
) -> dict[str, Any]:
    """Change the protected header and sign it again with the real key."""
    header = _header(document)
    change(header)
    protected = b64url_encode(json.dumps(header).encode())
    # The module's key is RSA: sign with RS256 whatever the header now claims.
    algorithm = ALGORITHMS["RS256"]
    signing_input = f"{protected}.{document['payload']}".encode()
    signature = b64url_encode(sign(algorithm, identity.key, signing_input))
    return {
        "payload": document["payload"],
        "signatures": [{"protected": protected, "signature": signature}],
    }


def _failed(document: Any, **kwargs: Any) -> list[str]:
    result = jades.verify_seal(document, **kwargs)
    assert not result.valid
    return [check.name for check in result.failures]


# --- named cases ---------------------------------------------------------------


def test_changed_payload_value_fails(sealed: dict[str, Any]) -> None:
    """One value in the credential changed."""
    credential = json.loads(sealed["payload"])
    credential["credentialSubject"]["hasClaim"][0]["credit"] = 3
    document = {**sealed, "payload": json.dumps(credential, separators=(",", ":"))}
    failed = _failed(document)
    # A payload JSON cannot carry exactly (an integer beyond 64 bits) is refused
    # when read, before the signature is even looked at; either way it fails.
    assert "signature" in failed or failed == ["parse"]


def test_removed_payload_key_fails(sealed: dict[str, Any]) -> None:
    """A key removed from the credential."""
    credential = json.loads(sealed["payload"])
    del credential["issued"]
    document = {**sealed, "payload": json.dumps(credential, separators=(",", ":"))}
    failed = _failed(document)
    # A payload JSON cannot carry exactly (an integer beyond 64 bits) is refused
    # when read, before the signature is even looked at; either way it fails.
    assert "signature" in failed or failed == ["parse"]


def test_added_payload_property_fails(sealed: dict[str, Any]) -> None:
    """A property added to the credential."""
    credential = json.loads(sealed["payload"])
    credential["credentialSubject"]["grade"] = "A"
    document = {**sealed, "payload": json.dumps(credential, separators=(",", ":"))}
    failed = _failed(document)
    # A payload JSON cannot carry exactly (an integer beyond 64 bits) is refused
    # when read, before the signature is even looked at; either way it fails.
    assert "signature" in failed or failed == ["parse"]


def test_changed_protected_header_fails(sealed: dict[str, Any]) -> None:
    """A header value changed without the key: the signature no longer fits."""
    header = _header(sealed)
    header["sigT"] = "2025-06-01T11:00:00Z"
    document = copy.deepcopy(sealed)
    document["signatures"][0]["protected"] = b64url_encode(json.dumps(header).encode())
    assert "signature" in _failed(document)


def test_swapped_certificate_fails(
    sealed: dict[str, Any], identity: SealIdentity
) -> None:
    """Another certificate with the same subject, its digest updated."""
    other = seal_identity(rsa_key())
    header = _header(sealed)
    der = other.certificate.public_bytes(serialization.Encoding.DER)
    header["x5c"][0] = base64.b64encode(der).decode()
    header["x5t#S256"] = b64url_encode(__import__("hashlib").sha256(der).digest())
    del header["kid"]
    document = copy.deepcopy(sealed)
    document["signatures"][0]["protected"] = b64url_encode(json.dumps(header).encode())
    assert "signature" in _failed(document)


def test_flipped_signature_bit_fails(sealed: dict[str, Any]) -> None:
    """One bit of the signature value."""
    document = copy.deepcopy(sealed)
    raw = bytearray(
        base64.urlsafe_b64decode(document["signatures"][0]["signature"] + "==")
    )
    raw[10] ^= 1
    document["signatures"][0]["signature"] = b64url_encode(bytes(raw))
    failed = _failed(document)
    assert "signature" in failed
    assert "timestamp" in failed  # the token covered the original signature


def test_unknown_crit_is_refused(
    sealed: dict[str, Any], identity: SealIdentity
) -> None:
    """A correctly signed seal with a crit entry we do not understand is refused."""

    def add(header: dict[str, Any]) -> None:
        header["sigPl"] = {"addressCountry": "ES"}
        header["crit"] = [*header["crit"], "sigPl"]

    result = jades.verify_seal(_resign(sealed, identity, add))
    assert result["header"].status is CheckStatus.FAILED
    assert result["header"].outcome is Outcome.UNSUPPORTED
    assert "sigPl" in result["header"].message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda h: h.update(crit=["b64", "sigT", "x5c"]), "registered"),
        (lambda h: h.update(crit=["b64", "sigT", "zz"]), "does not carry"),
        (lambda h: h.update(crit=["sigT"]), "'b64' is present but not listed"),
        (lambda h: h.update(crit=[]), "non-empty"),
        (lambda h: h.pop("sigT") and h.update(crit=["b64"]), "sigT"),
        (lambda h: h.update(sigT="2025-06-01 12:00"), "sigT"),
        (lambda h: h.pop("x5t#S256"), "x5t#S256"),
        (lambda h: h.update(b64="no"), "true or false"),
    ],
)
def test_malformed_headers_fail(
    sealed: dict[str, Any], identity: SealIdentity, change: Any, words: str
) -> None:
    """Header rules: crit, b64, sigT, x5t#S256."""
    result = jades.verify_seal(_resign(sealed, identity, change))
    assert not result.valid
    assert words in result.failures[0].message


@pytest.mark.parametrize("alg", ["none", "HS256", "EdDSA", None])
def test_alg_outside_the_allow_list_fails(
    sealed: dict[str, Any], identity: SealIdentity, alg: str | None
) -> None:
    """none, HMAC and unknown algorithms are never accepted."""
    result = jades.verify_seal(_resign(sealed, identity, lambda h: h.update(alg=alg)))
    assert result["header"].status is CheckStatus.FAILED


def test_alg_must_fit_the_key(sealed: dict[str, Any], identity: SealIdentity) -> None:
    """ES256 announced over an RSA certificate is a key mismatch."""
    result = jades.verify_seal(
        _resign(sealed, identity, lambda h: h.update(alg="ES256"))
    )
    assert result["certificate"].outcome is Outcome.KEY_MISMATCH


def test_x5t_mismatch(sealed: dict[str, Any], identity: SealIdentity) -> None:
    """A digest of another certificate."""
    result = jades.verify_seal(
        _resign(sealed, identity, lambda h: h.update({"x5t#S256": "AAAA"}))
    )
    assert result["certificate"].outcome is Outcome.KEY_MISMATCH


def test_kid_naming_another_certificate(
    sealed: dict[str, Any], identity: SealIdentity
) -> None:
    """A kid IssuerSerial naming another certificate is a key mismatch."""
    other = _header(
        jades.seal(
            {"id": "x"},
            certificate=(o := seal_identity(ec_key())).certificate,
            private_key=o.key,
            signing_time=SIGNING_TIME,
        )
    )
    result = jades.verify_seal(
        _resign(sealed, identity, lambda h: h.update(kid=other["kid"]))
    )
    assert result["certificate"].outcome is Outcome.KEY_MISMATCH


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        (lambda d: d.update(extra=1), Outcome.MALFORMED),
        (lambda d: d["signatures"][0].update(extra=1), Outcome.MALFORMED),
        (lambda d: d["signatures"].append(d["signatures"][0]), Outcome.UNSUPPORTED),
        (lambda d: d.update(payload=5), Outcome.MALFORMED),
        (lambda d: d.update(signatures=[]), Outcome.MALFORMED),
        (lambda d: d["signatures"][0].update(protected="***"), Outcome.MALFORMED),
        (lambda d: d["signatures"][0].update(signature="a b"), Outcome.MALFORMED),
        (lambda d: d.update(payload="[1]"), Outcome.MALFORMED),
        (lambda d: d.update(payload="{"), Outcome.MALFORMED),
    ],
)
def test_malformed_envelopes_fail_at_parse(
    sealed: dict[str, Any], change: Any, outcome: Outcome
) -> None:
    """Structure errors stop at the parse check with a clear outcome."""
    document = copy.deepcopy(sealed)
    change(document)
    result = jades.verify_seal(document)
    assert result["parse"].status is CheckStatus.FAILED
    assert result["parse"].outcome is outcome


@pytest.mark.parametrize(
    ("change", "name"),
    [
        (lambda h: h.update(extra=1), "header"),
        (lambda h: h.update(etsiU="x"), "header"),
        (lambda h: h.update(etsiU=["***"]), "header"),
        (lambda h: h.update(alg="RS256"), "header"),
        (lambda h: h["etsiU"].append(h["etsiU"][0]), None),
        (
            lambda h: h.update(
                etsiU=[b64url_encode(b'{"sigTst": {"tstTokens": [{"val": "AAAA"}]}}')]
            ),
            "timestamp",
        ),
        (lambda h: h.update(etsiU=[b64url_encode(b'{"zzz": 1}')]), None),
    ],
)
def test_unprotected_header_changes(
    sealed: dict[str, Any], change: Any, name: str | None
) -> None:
    """Unsigned additions are refused or reported, never silently accepted."""
    document = copy.deepcopy(sealed)
    change(document["signatures"][0]["header"])
    result = jades.verify_seal(document)
    if name is None:
        # A repeated or unknown unsigned property is reported, not trusted.
        statuses = {c.name: c.status for c in result}
        assert statuses.get("validation-data") is CheckStatus.WARNING or (
            result["timestamp"].status is CheckStatus.PASSED
        )
        return
    assert result[name].status is CheckStatus.FAILED


def test_removing_the_timestamp_downgrades_to_b_b(sealed: dict[str, Any]) -> None:
    """Unsigned properties can be stripped; the report then says B-B, not B-T."""
    document = copy.deepcopy(sealed)
    del document["signatures"][0]["header"]
    result = jades.verify_seal(document)
    assert result["timestamp"].status is CheckStatus.SKIPPED
    assert "B-B" in result["timestamp"].message


def test_not_a_document() -> None:
    """Text that is not JSON, a list, or a naive `at` are reported clearly."""
    assert jades.verify_seal("not json")["parse"].outcome is Outcome.MALFORMED
    assert jades.verify_seal(b"[]")["parse"].outcome is Outcome.MALFORMED
    assert jades.verify_seal(42)["parse"].outcome is Outcome.MALFORMED
    with pytest.raises(InvalidDataError, match="time-zone"):
        jades.verify_seal({}, at=SIGNING_TIME.replace(tzinfo=None))
    with pytest.raises(InvalidDataError, match="signing-time"):
        jades.verify_seal({}, at="today")


# --- generated changes -------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


PATHS = _paths(CREDENTIAL)
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)


def _apply(value: Any, path: tuple[Any, ...], action: str, new: Any) -> bool:
    """Change ``value`` in place at ``path``; False when nothing would change."""
    *parents, last = path
    for step in parents:
        value = value[step]
    if action == "remove":
        del value[last]
        return True
    if action == "add" and isinstance(value, dict):
        key = f"added{len(value)}"
        value[key] = new
        return True
    if value[last] == new:
        return False
    value[last] = new
    return True


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(PATHS),
    action=st.sampled_from(["set", "remove", "add"]),
    new=JSON_SCALARS,
)
def test_any_payload_change_fails(
    sealed: dict[str, Any], path: tuple[Any, ...], action: str, new: Any
) -> None:
    """Setting, removing or adding anything anywhere in the credential fails."""
    credential = json.loads(sealed["payload"])
    if not _apply(credential, path, action, new):
        return
    document = {**sealed, "payload": json.dumps(credential, separators=(",", ":"))}
    failed = _failed(document)
    # A payload JSON cannot carry exactly (an integer beyond 64 bits) is refused
    # when read, before the signature is even looked at; either way it fails.
    assert "signature" in failed or failed == ["parse"]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_character_change_fails(
    sealed: dict[str, Any], data: st.DataObject
) -> None:
    """Replacing one character of the payload, header or signature text fails."""
    member = data.draw(st.sampled_from(["payload", "protected", "signature"]))
    document = copy.deepcopy(sealed)
    holder = document if member == "payload" else document["signatures"][0]
    text: str = holder[member]
    index = data.draw(st.integers(0, len(text) - 1))
    alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ {}":,'
    character = data.draw(st.sampled_from(alphabet).filter(lambda c: c != text[index]))
    holder[member] = text[:index] + character + text[index + 1 :]
    _failed(document)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(["alg", "cty", "kid", "typ", "sigT", "x5t#S256", "new"]),
    value=JSON_SCALARS,
)
def test_any_header_change_fails(sealed: dict[str, Any], name: str, value: Any) -> None:
    """Setting any protected header parameter to another value fails."""
    header = _header(sealed)
    if header.get(name, object()) == value:
        return
    header[name] = value
    document = copy.deepcopy(sealed)
    document["signatures"][0]["protected"] = b64url_encode(json.dumps(header).encode())
    _failed(document)


# --- keys stay secret ----------------------------------------------------------------


def _secrets(identity: SealIdentity) -> list[str]:
    numbers = identity.key.private_numbers()  # type: ignore[union-attr]
    pem = identity.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    body = "".join(pem.splitlines()[1:-1])
    return [str(numbers.d), format(numbers.d, "x"), body[:40], body[-40:]]


def test_keys_never_appear_in_output_errors_or_logs(
    identity: SealIdentity, caplog: pytest.LogCaptureFixture, tmp_path: Any
) -> None:
    """Nothing a caller can print or log contains private key material."""
    caplog.set_level(logging.DEBUG, logger="microcred")
    sealed = jades.seal(
        CREDENTIAL,
        certificate=identity.certificate,
        private_key=identity.key,
        signing_time=SIGNING_TIME,
    )
    result = jades.verify_seal(sealed)
    texts = [
        json.dumps(sealed),
        repr(result),
        json.dumps(result.to_dict()),
        caplog.text,
    ]
    try:
        jades.seal(
            CREDENTIAL,
            certificate=seal_identity(ec_key()).certificate,
            private_key=identity.key,
            signing_time=SIGNING_TIME,
        )
    except Exception as error:  # noqa: BLE001 - the message is what is checked
        texts += [str(error), repr(error)]
    bad = tmp_path / "key.pem"
    pem = identity.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw"),
    )
    bad.write_bytes(pem)
    for password in (None, b"wrong"):
        try:
            jades.load_private_key(bad, password=password)
        except Exception as error:  # noqa: BLE001 - the message is what is checked
            texts += [str(error), repr(error)]
    assert len(texts) == 10
    joined = "\n".join(texts)
    for secret in _secrets(identity):
        assert secret not in joined


def test_encoded_payload_and_flattened_form(
    sealed: dict[str, Any], identity: SealIdentity
) -> None:
    """b64 true (payload base64url-encoded) and the flattened JWS form verify."""

    def encoded(header: dict[str, Any]) -> None:
        del header["b64"]
        header["crit"] = ["sigT"]

    document = _resign(sealed, identity, encoded)
    payload = b64url_encode(document["payload"].encode())
    protected = document["signatures"][0]["protected"]
    signing_input = f"{protected}.{payload}".encode()
    signature = b64url_encode(sign(ALGORITHMS["RS256"], identity.key, signing_input))
    flattened = {"payload": payload, "protected": protected, "signature": signature}
    assert jades.unseal(flattened) == CREDENTIAL
    flattened["extra"] = 1
    assert jades.verify_seal(flattened)["parse"].status is CheckStatus.FAILED


def test_resource_bounds(sealed: dict[str, Any], identity: SealIdentity) -> None:
    """Oversized x5c, etsiU and token lists are refused before any work on them."""
    many = _resign(sealed, identity, lambda h: h.update(x5c=h["x5c"] * 9))
    assert "more than 16" in jades.verify_seal(many)["certificate"].message

    document = copy.deepcopy(sealed)
    entries = document["signatures"][0]["header"]["etsiU"]
    document["signatures"][0]["header"]["etsiU"] = entries * 33
    assert "more than 32" in jades.verify_seal(document)["header"].message

    token = {"val": "AAAA"}
    tokens = b64url_encode(json.dumps({"sigTst": {"tstTokens": [token] * 5}}).encode())
    document["signatures"][0]["header"]["etsiU"] = [tokens]
    assert "more than 4" in jades.verify_seal(document)["timestamp"].message


def test_anchors_must_be_certificates(sealed: dict[str, Any]) -> None:
    """A PEM string or a single certificate passed as anchors is a caller error."""
    with pytest.raises(InvalidDataError, match="trust"):
        jades.verify_seal(sealed, trust="-----BEGIN CERTIFICATE-----")  # type: ignore[arg-type]
    with pytest.raises(InvalidDataError, match="timestamp_trust"):
        jades.verify_seal(sealed, timestamp_trust=[b"der"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    "unsigned",
    [
        {"xVals": [{"x509Cert": {"val": "not base64!"}}]},
        {"xVals": [{"x509Cert": {"val": "AAAA"}}]},
        {"xVals": "x"},
        {"rVals": {"ocspVals": [{"val": "AAAA"}]}},
        {"rVals": {"crlVals": [{"val": "AAAA"}]}},
        {"rVals": []},
    ],
)
def test_malformed_validation_data_fails(
    sealed: dict[str, Any], unsigned: dict[str, Any]
) -> None:
    """Validation data that does not parse is a failure, not a silent skip."""
    document = copy.deepcopy(sealed)
    encoded = b64url_encode(json.dumps(unsigned).encode())
    document["signatures"][0]["header"]["etsiU"].append(encoded)
    result = jades.verify_seal(document)
    assert result["validation-data"].status is CheckStatus.FAILED
    assert result["validation-data"].outcome is Outcome.MALFORMED


def test_content_timestamp_order(
    sealed: dict[str, Any], identity: SealIdentity, tsa: TestTsa
) -> None:
    """adoTst verifies over the payload and must not be later than sigTst."""
    for offset, expected in ((0, CheckStatus.PASSED), (3600, CheckStatus.FAILED)):
        later = TestTsa(
            tsa.key,
            tsa.certificate,
            tsa.root,
            time=tsa.time + timedelta(seconds=offset),
        )
        content = later(sealed["payload"].encode())

        def with_ado(header: dict[str, Any], content: bytes = content) -> None:
            value = base64.b64encode(content).decode()
            header["adoTst"] = {"tstTokens": [{"val": value}]}
            header["crit"] = [*header["crit"], "adoTst"]

        document = _resign(sealed, identity, with_ado)
        entry = document["signatures"][0]
        stamp = tsa(entry["signature"].encode())
        unsigned = {
            "sigTst": {"tstTokens": [{"val": base64.b64encode(stamp).decode()}]}
        }
        entry["header"] = {"etsiU": [b64url_encode(json.dumps(unsigned).encode())]}
        result = jades.verify_seal(document)
        assert result["content-timestamp"].status is CheckStatus.PASSED
        assert result["timestamp"].status is expected, result["timestamp"].message


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(credential=st.dictionaries(TEXT, JSON_VALUES, max_size=6))
def test_any_credential_round_trips(
    identity: SealIdentity, credential: dict[str, Any]
) -> None:
    """Whatever JSON object is sealed verifies and unseals to an equal object."""
    sealed = jades.seal(
        credential,
        certificate=identity.certificate,
        private_key=identity.key,
        signing_time=SIGNING_TIME,
    )
    assert jades.unseal(sealed, check_issuer=False) == credential


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, "\ud800", {1, 2}])
def test_values_json_cannot_carry_are_refused(
    identity: SealIdentity, value: Any
) -> None:
    """Huge integers, lone surrogates and sets are refused, never sealed altered."""
    with pytest.raises(InvalidDataError, match=r"JSON|64 bits|Unicode"):
        jades.seal(
            {"value": value},
            certificate=identity.certificate,
            private_key=identity.key,
            signing_time=SIGNING_TIME,
        )


HEADER_NAMES = ["alg", "kid", "x5c", "x5t#S256", "sigT", "crit", "b64", "adoTst"]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.dictionaries(st.sampled_from(HEADER_NAMES), JSON_VALUES, max_size=4),
    unsigned=JSON_VALUES,
)
def test_hostile_headers_give_results_not_crashes(
    sealed: dict[str, Any],
    identity: SealIdentity,
    changes: dict[str, Any],
    unsigned: Any,
) -> None:
    """Any header values and unsigned data yield a result, never a foreign error."""
    document = _resign(sealed, identity, lambda header: header.update(changes))
    document["signatures"][0]["header"] = {"etsiU": [unsigned]}
    # Re-signed with the real key, some changes are legitimately valid (an opaque
    # kid, say); what matters is an answer for every input.
    result = jades.verify_seal(document)
    assert result.valid in (True, False)
    assert result.checks[0].name == "parse"
