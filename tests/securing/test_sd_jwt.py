"""SD-JWT (RFC 9901) credentials: issue, present, bind to a holder, verify."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import pytest
from _jose_support import JOSE_SUITE, load, make_examples_registry
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    MicrocredError,
    ParseError,
    SafeModeError,
    UnsupportedError,
)
from microcred.jsonld import ContextRegistry
from microcred.securing import jose, keys, sd_jwt
from microcred.securing._jose_jws import b64url_encode
from microcred.securing._sd_jwt import digest, parse_path
from microcred.verification import CheckStatus, Outcome, verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
REGISTRY: ContextRegistry = make_examples_registry()
ISSUER_KEY = keys.PrivateKey.generate("Ed25519")
ISSUER = ISSUER_KEY.did_key()
KID = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
HOLDER_KEY = keys.PrivateKey.generate("P-256")
BINDING = sd_jwt.KeyBinding(audience="https://verifier.example", nonce="n-0S6_WzA2Mj")
#: Every claim the tests make selectively disclosable, nested ones included.
DISCLOSABLE = [
    "credentialSubject.employmentStatus",
    "credentialSubject.salary",
    "credentialSubject.address",
    "credentialSubject.address.street",
    "credentialSubject.address.city",
    "credentialSubject.phoneNumbers[0]",
    "credentialSubject.phoneNumbers[1]",
]


def _credential() -> dict[str, Any]:
    document = load(JOSE_SUITE / "credential-nested-selective.json")
    document["issuer"] = ISSUER
    return dict(document)


def _issue(**options: Any) -> str:
    options.setdefault("disclosable", DISCLOSABLE)
    return sd_jwt.sign_sd_jwt(
        _credential(), ISSUER_KEY, kid=KID, registry=REGISTRY, **options
    )


ISSUED = _issue(holder_key=HOLDER_KEY.public_key)


def _verify(token: str, **options: Any) -> Any:
    options.setdefault("registry", REGISTRY)
    return verify(token, now=NOW, **options)


def _claims(token: str) -> dict[str, Any]:
    return sd_jwt.unverified_claims(token)


# -- issuing --------------------------------------------------------------------


def test_rfc_example_disclosure_digest() -> None:
    """The digest of RFC 9901's example disclosure is the one the RFC prints."""
    encoded = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"
    assert digest(encoded) == "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"


def test_header_and_layout_follow_vc_jose_cose() -> None:
    """typ vc+sd-jwt, cty vc, _sd_alg, sorted _sd arrays and array digests."""
    header = jose.unverified_header(ISSUED.split("~")[0])
    assert (header["typ"], header["cty"], header["alg"]) == ("vc+sd-jwt", "vc", "EdDSA")
    payload = jose.unverified_claims(ISSUED.split("~")[0])
    assert payload["_sd_alg"] == "sha-256"
    subject = payload["credentialSubject"]
    assert "salary" not in subject
    assert "address" not in subject
    assert subject["_sd"] == sorted(subject["_sd"])
    assert all(set(item) == {"..."} for item in subject["phoneNumbers"])
    assert payload["cnf"]["jwk"] == HOLDER_KEY.public_key.to_jwk()
    assert ISSUED.endswith("~")
    assert ISSUED.count("~") == len(DISCLOSABLE) + 1


def test_disclosures_have_the_spec_shape() -> None:
    """Properties disclose [salt, name, value]; array elements [salt, value]."""
    salts = iter(f"salt-{n}" for n in range(100))
    token = _issue(
        salt=lambda: next(salts),
        disclosable=["credentialSubject.salary", "credentialSubject.phoneNumbers[1]"],
    )
    decoded = [json.loads(_b64decode(part)) for part in token.split("~")[1:-1] if part]
    assert ["salt-0", "salary", "100000"] in decoded
    assert ["salt-1", {"number": "+1-555-987-6543", "type": "mobile"}] in decoded


def _b64decode(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_default_salts_are_random_and_128_bits() -> None:
    """Two issuances differ, and each salt carries at least 16 random bytes."""
    first, second = _issue(), _issue()
    assert first.split("~")[1:] != second.split("~")[1:]
    salt = json.loads(_b64decode(first.split("~")[1]))[0]
    assert len(_b64decode(salt)) >= 16


def test_decoys_are_added_and_do_not_break_verification() -> None:
    """decoys=2 adds two digests to every _sd array; the result still verifies."""
    token = _issue(decoys=2, disclosable=["credentialSubject.salary"])
    payload = jose.unverified_claims(token.split("~")[0])
    assert len(payload["credentialSubject"]["_sd"]) == 3
    assert _verify(token, key=ISSUER_KEY.public_key).valid


@pytest.mark.parametrize(
    "path",
    ["@context", "credentialSubject.nothing", "credentialSubject.phoneNumbers[5]"],
)
def test_bad_disclosable_paths_are_refused(path: str) -> None:
    """@context cannot be hidden, and a path to nothing names itself."""
    with pytest.raises(InvalidDataError) as caught:
        _issue(disclosable=[path])
    assert caught.value.path


def test_unknown_hash_algorithm_is_refused_by_name() -> None:
    """An _sd_alg microcred does not know is an UnsupportedError naming it."""
    with pytest.raises(UnsupportedError, match="md5"):
        _issue(hash_alg="md5")


def test_undefined_terms_are_refused_before_signing() -> None:
    """The credential passes the same JSON-LD safety checks as a vc+jwt."""
    document = _credential() | {"madeUpTerm": 1}
    with pytest.raises(SafeModeError):
        sd_jwt.sign_sd_jwt(document, ISSUER_KEY, kid=KID, registry=REGISTRY)


def test_jose_sign_offers_the_sd_jwt_profile() -> None:
    """jose.sign(profile='vc+sd-jwt', disclosable=...) gives the same format."""
    token = jose.sign(
        _credential(),
        ISSUER_KEY,
        kid=KID,
        profile=jose.Profile.VC_SD_JWT,
        disclosable=["credentialSubject.salary"],
        registry=REGISTRY,
    )
    assert _verify(token).valid
    with pytest.raises(InvalidDataError, match="vc\\+sd-jwt"):
        jose.sign(_credential(), ISSUER_KEY, kid=KID, disclosable=["a"])


def test_paths_parse_dots_and_indices() -> None:
    """Dotted paths with [n] become parts; malformed ones are refused."""
    assert parse_path("a.b[2].c") == ("a", "b", 2, "c")
    assert parse_path(["a", 0]) == ("a", 0)
    for bad in ("", ".a", "a..b", "a[x]"):
        with pytest.raises(InvalidDataError):
            parse_path(bad)


# -- round trips ------------------------------------------------------------------

_P521 = ec.generate_private_key(ec.SECP521R1())
_KEYS: list[Any] = [
    keys.PrivateKey.generate("Ed25519"),
    keys.PrivateKey.generate("P-256"),
    keys.PrivateKey.generate("P-384"),
    _P521,
    keys.PrivateKey.generate("RSA"),
]


@pytest.mark.parametrize(
    "key", _KEYS, ids=["Ed25519", "P-256", "P-384", "P-521", "RSA"]
)
def test_round_trip_with_each_key_type(key: Any) -> None:
    """Issue, present with key binding, verify: valid for every key type."""
    token = sd_jwt.sign_sd_jwt(
        _credential(),
        key,
        kid="did:example:issuer#key-1",
        disclosable=DISCLOSABLE,
        holder_key=key,
        registry=REGISTRY,
    )
    presented = sd_jwt.present_sd_jwt(
        token,
        reveal=["credentialSubject.address.street"],
        holder_key=key,
        audience=BINDING.audience,
        nonce=BINDING.nonce,
        issued_at=NOW,
    )
    public = key.public_key
    result = _verify(
        presented, key=public() if callable(public) else public, key_binding=BINDING
    )
    assert result.valid, result.to_dict()
    assert result["key-binding"].status is CheckStatus.PASSED


def test_presentation_reveals_exactly_the_chosen_claims() -> None:
    """Revealing street brings its enclosing address, but not city or salary."""
    presented = sd_jwt.present_sd_jwt(
        ISSUED, reveal=["credentialSubject.address.street"]
    )
    result = _verify(presented)
    assert result.valid
    subject = _claims(presented)["credentialSubject"]
    assert subject["address"] == {
        "street": "123 Main St",
        "country": "USA",
        "postalCode": "12345",
    }
    assert "salary" not in subject
    assert "employmentStatus" not in subject
    assert subject["phoneNumbers"] == []


def test_revealing_a_parent_reveals_what_it_holds() -> None:
    """Revealing address reveals the street and city nested in it."""
    presented = sd_jwt.present_sd_jwt(ISSUED, reveal=["credentialSubject.address"])
    address = _claims(presented)["credentialSubject"]["address"]
    assert {"street", "city"} <= set(address)


def test_array_elements_are_revealed_one_by_one() -> None:
    """Revealing phoneNumbers[1] keeps only that element."""
    presented = sd_jwt.present_sd_jwt(
        ISSUED, reveal=["credentialSubject.phoneNumbers[1]"]
    )
    phones = _claims(presented)["credentialSubject"]["phoneNumbers"]
    assert phones == [{"number": "+1-555-987-6543", "type": "mobile"}]


def test_revealing_an_unknown_claim_names_it() -> None:
    """A reveal path to nothing is an error naming the path."""
    with pytest.raises(InvalidDataError) as caught:
        sd_jwt.present_sd_jwt(ISSUED, reveal=["credentialSubject.shoeSize"])
    assert caught.value.path == "credentialSubject.shoeSize"


_SUBSETS = st.sets(st.sampled_from(DISCLOSABLE))


@settings(max_examples=30, deadline=None)
@given(_SUBSETS)
def test_any_selection_reveals_exactly_its_claims(chosen: set[str]) -> None:
    """For any set of paths, the verifier sees those claims and no hidden one."""
    presented = sd_jwt.present_sd_jwt(ISSUED, reveal=sorted(chosen))
    result = _verify(presented)
    assert result.valid
    subject = _claims(presented)["credentialSubject"]
    full = _credential()["credentialSubject"]
    for path in DISCLOSABLE:
        parts = parse_path(path)[1:]
        wanted = any(
            parse_path(c)[: len(parse_path(path))] == parse_path(path)
            or parse_path(path)[: len(parse_path(c))] == parse_path(c)
            for c in chosen
        )
        if parts[0] == "phoneNumbers":
            element = full["phoneNumbers"][parts[1]]
            assert (element in subject["phoneNumbers"]) is wanted
        elif len(parts) == 1:
            assert (parts[0] in subject) is wanted
        else:
            present = parts[0] in subject and parts[1] in subject[parts[0]]
            assert present is wanted


# -- verification failures --------------------------------------------------------


def _parts(token: str) -> list[str]:
    return token.split("~")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_single_change_to_the_issuer_jwt_fails(data: st.DataObject) -> None:
    """Changing one character of the issuer-signed JWT never verifies."""
    parts = _parts(ISSUED)
    jwt = parts[0]
    position = data.draw(st.integers(0, len(jwt) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    replacement = data.draw(
        st.sampled_from(alphabet).filter(lambda c: c != jwt[position])
    )
    parts[0] = jwt[:position] + replacement + jwt[position + 1 :]
    # The last base64url character of a signature has spare bits; a change
    # there that decodes to the same bytes changes nothing that is signed.
    assume(not _same_bytes(jwt, parts[0]))
    assert not _verify("~".join(parts)).valid


def _same_bytes(first: str, second: str) -> bool:
    from microcred.securing._jose_jws import split_compact

    try:
        return split_compact(first) == split_compact(second)
    except MicrocredError:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_altered_disclosure_fails(data: st.DataObject) -> None:
    """Changing one character of any disclosure never verifies."""
    parts = _parts(ISSUED)
    index = data.draw(st.integers(1, len(parts) - 2))
    text = parts[index]
    position = data.draw(st.integers(0, len(text) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    replacement = data.draw(
        st.sampled_from(alphabet).filter(lambda c: c != text[position])
    )
    parts[index] = text[:position] + replacement + text[position + 1 :]
    assert not _verify("~".join(parts)).valid


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_a_duplicated_disclosure_fails(data: st.DataObject) -> None:
    """Sending any disclosure twice is refused, naming the repeat."""
    parts = _parts(ISSUED)
    index = data.draw(st.integers(1, len(parts) - 2))
    parts.insert(index, parts[index])
    result = _verify("~".join(parts))
    assert result["disclosures"].status is CheckStatus.FAILED
    assert "repeats" in result["disclosures"].message


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=20), st.text(max_size=20))
def test_an_added_disclosure_fails(salt: str, name: str) -> None:
    """A disclosure the issuer never signed is refused as unvouched-for."""
    extra = b64url_encode(json.dumps([salt, name or "x", "forged"]).encode())
    parts = _parts(ISSUED)
    parts.insert(1, extra)
    result = _verify("~".join(parts))
    assert not result.valid
    assert result["disclosures"].status is CheckStatus.FAILED


def test_unreferenced_disclosure_counts_as_a_forgery() -> None:
    """A well-formed disclosure with no digest fails as an invalid signature."""
    extra = b64url_encode(b'["c2FsdA","salary","999999"]')
    result = _verify(ISSUED.replace("~", f"~{extra}~", 1))
    assert result["disclosures"].outcome is Outcome.INVALID_SIGNATURE
    assert "disclosures[0]" in result["disclosures"].message


def _forge(payload: dict[str, Any], disclosures: list[str]) -> str:
    """An issuer-signed SD-JWT with a payload built by hand (for bad layouts)."""
    header = {"alg": "EdDSA", "typ": "vc+sd-jwt", "cty": "vc", "kid": KID}
    from microcred._jsonio import dumps
    from microcred.securing._jose_jws import sign_input

    head = b64url_encode(dumps(header, indent=False))
    body = b64url_encode(dumps(payload, indent=False))
    signature = sign_input(
        "EdDSA", ISSUER_KEY.cryptography_key, f"{head}.{body}".encode()
    )
    return "~".join([f"{head}.{body}.{b64url_encode(signature)}", *disclosures]) + "~"


def _disclosure(*items: Any) -> str:
    return b64url_encode(json.dumps(list(items)).encode())


def _payload(**subject: Any) -> dict[str, Any]:
    document = _credential()
    document["credentialSubject"] = {"id": "did:example:s", **subject}
    return document


def test_a_digest_used_twice_fails() -> None:
    """The same digest in two places is refused (RFC 9901 section 7.1)."""
    first = _disclosure("s1", "salary", "1")
    value = digest(first)
    token = _forge(_payload(_sd=[value], address={"_sd": [value]}), [first])
    result = _verify(token)
    assert "more than once" in result["disclosures"].message


def test_a_disclosure_may_not_overwrite_a_claim() -> None:
    """A disclosed name that already exists in the object is refused."""
    first = _disclosure("s1", "salary", "1")
    token = _forge(_payload(salary="2", _sd=[digest(first)]), [first])
    result = _verify(token)
    assert "overwrite" in result["disclosures"].message
    assert "credentialSubject.salary" in result["disclosures"].message


@pytest.mark.parametrize(
    ("encoded", "problem"),
    [
        ("not*base64", "base64url"),
        (b64url_encode(b"{not json"), "not valid JSON"),
        (_disclosure("s", "a", "b", "c"), "2 (array element) or 3"),
        (_disclosure(1, "a", "b"), "salt"),
        (_disclosure("s", 7, "b"), "claim name"),
        (_disclosure("s", "_sd", "b"), "reserved"),
        (_disclosure("s", "...", "b"), "reserved"),
    ],
)
def test_malformed_disclosures_name_index_and_problem(
    encoded: str, problem: str
) -> None:
    """Each malformed disclosure is refused with its index and what is wrong."""
    parts = _parts(ISSUED)
    parts.insert(2, encoded)
    result = _verify("~".join(parts))
    check = (
        result["disclosures"]
        if "disclosures" in [c.name for c in result]
        else result["parse"]
    )
    assert check.status is CheckStatus.FAILED
    assert problem in check.message
    assert "disclosures[1]" in check.message or "disclosure 1" in check.message


def test_an_unknown_sd_alg_fails_as_unsupported() -> None:
    """An _sd_alg outside the list is unsupported, not silently SHA-256."""
    token = _forge(_payload() | {"_sd_alg": "md5"}, [])
    result = _verify(token)
    assert result["disclosures"].outcome is Outcome.UNSUPPORTED


def test_too_deep_nesting_is_a_resource_limit() -> None:
    """Disclosures nested in disclosures beyond the depth bound are refused."""
    disclosures = [_disclosure("s0", "x", "leaf")]
    for level in range(1, 300):
        inner = {"_sd": [digest(disclosures[-1])]}
        disclosures.append(_disclosure(f"s{level}", "x", inner))
    token = _forge(_payload(_sd=[digest(disclosures[-1])]), disclosures)
    result = _verify(token)
    assert result["disclosures"].status is CheckStatus.FAILED
    assert "deeper than 256" in result["disclosures"].message


def test_too_many_disclosures_is_a_resource_limit() -> None:
    """More disclosures than the shared node bound is refused before parsing."""
    from microcred.errors import ResourceLimitError
    from microcred.securing._sd_jwt import MAX_DISCLOSURES, split_sd_jwt

    text = ISSUED.split("~")[0] + "~" + "WyJhIiwiYiJd~" * (MAX_DISCLOSURES + 1)
    with pytest.raises(ResourceLimitError, match="disclosures"):
        split_sd_jwt(text)


def test_media_type_is_checked() -> None:
    """A vc+jwt typ on an SD-JWT fails the header check."""
    from microcred._jsonio import dumps

    jwt = ISSUED.split("~")[0]
    head, rest = jwt.split(".", 1)
    header = jose.unverified_header(jwt) | {"typ": "vc+jwt"}
    forged = b64url_encode(dumps(header, indent=False)) + "." + rest
    result = _verify(ISSUED.replace(jwt, forged))
    assert result["header"].status is CheckStatus.FAILED
    assert head != forged.split(".", 1)[0]


# -- key binding ----------------------------------------------------------------


def _bound(**options: Any) -> str:
    defaults: dict[str, Any] = {
        "reveal": ["credentialSubject.salary"],
        "holder_key": HOLDER_KEY,
        "audience": BINDING.audience,
        "nonce": BINDING.nonce,
        "issued_at": NOW,
    }
    return sd_jwt.present_sd_jwt(ISSUED, **(defaults | options))


def test_key_binding_passes_for_the_right_audience_and_nonce() -> None:
    """The holder's KB-JWT for this verifier and nonce passes."""
    result = _verify(_bound(), key_binding=BINDING)
    assert result.valid
    assert result["key-binding"].status is CheckStatus.PASSED


@pytest.mark.parametrize(
    ("options", "outcome"),
    [
        ({"audience": "https://other.example"}, Outcome.BINDING_MISMATCH),
        ({"nonce": "replayed"}, Outcome.BINDING_MISMATCH),
        ({"issued_at": NOW - dt.timedelta(hours=1)}, Outcome.EXPIRED),
        ({"issued_at": NOW + dt.timedelta(hours=1)}, Outcome.NOT_YET_VALID),
    ],
)
def test_key_binding_for_another_transaction_fails(
    options: dict[str, Any], outcome: Outcome
) -> None:
    """Wrong aud, wrong nonce, stale or future iat: the presentation fails."""
    result = _verify(_bound(**options), key_binding=BINDING)
    assert not result.valid
    assert result["key-binding"].outcome is outcome


def test_sd_hash_covers_the_disclosures() -> None:
    """Adding a disclosure after key binding breaks sd_hash."""
    presented = _bound()
    extra = ISSUED.split("~")[1]
    issuer_jwt, rest = presented.split("~", 1)
    tampered = f"{issuer_jwt}~{extra}~{rest}"
    result = _verify(tampered, key_binding=BINDING)
    assert not result.valid
    assert result["key-binding"].outcome is Outcome.INVALID_SIGNATURE
    assert "sd_hash" in result["key-binding"].message


def test_key_binding_by_another_key_fails() -> None:
    """A KB-JWT not signed with the cnf key fails; presenting refuses it first."""
    other = keys.PrivateKey.generate("P-256")
    with pytest.raises(InvalidKeyError, match="cnf"):
        _bound(holder_key=other)
    presented = _bound()
    kb = presented.rsplit("~", 1)[1]
    head, body, _ = kb.split(".")
    from microcred.securing._jose_jws import sign_input

    signature = sign_input("ES256", other.cryptography_key, f"{head}.{body}".encode())
    forged = presented.rsplit("~", 1)[0] + f"~{head}.{body}.{b64url_encode(signature)}"
    result = _verify(forged, key_binding=BINDING)
    assert result["key-binding"].outcome is Outcome.INVALID_SIGNATURE


def test_required_key_binding_must_be_present() -> None:
    """With key_binding=, a presentation without a KB-JWT fails."""
    presented = sd_jwt.present_sd_jwt(ISSUED, reveal=["credentialSubject.salary"])
    result = _verify(presented, key_binding=BINDING)
    assert not result.valid
    assert result["key-binding"].outcome is Outcome.UNSIGNED
    unbound = _verify(presented)
    assert unbound.valid
    assert unbound["key-binding"].status is CheckStatus.SKIPPED


def test_key_binding_without_expectations_is_a_warning() -> None:
    """A KB-JWT checked without aud/nonce expectations says so."""
    result = _verify(_bound())
    assert result.valid
    assert result["key-binding"].status is CheckStatus.WARNING


def test_key_binding_needs_audience_nonce_and_time() -> None:
    """Presenting with a holder key but no aud/nonce/iat is refused."""
    with pytest.raises(InvalidDataError):
        _bound(nonce=None)
    with pytest.raises(InvalidDataError):
        _bound(issued_at=dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_keys_never_appear_in_errors_or_reprs() -> None:
    """Neither the holder's private key nor its JWK leaks into messages."""
    secret = HOLDER_KEY.to_jwk(private=True)["d"]
    other = keys.PrivateKey.generate("P-256")
    with pytest.raises(InvalidKeyError) as caught:
        _bound(holder_key=other)
    assert other.to_jwk(private=True)["d"] not in str(caught.value)
    assert secret not in repr(BINDING)
    result = _verify(_bound(), key_binding=BINDING)
    assert secret not in json.dumps(result.to_dict())


# -- presentations ----------------------------------------------------------------


def _presentation(credential_token: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": ISSUER,
        "verifiableCredential": [
            {
                "@context": "https://www.w3.org/ns/credentials/v2",
                "type": "EnvelopedVerifiableCredential",
                "id": f"data:application/vc+sd-jwt,{credential_token}",
            }
        ],
    }


def test_vp_sd_jwt_with_an_enveloped_sd_jwt_verifies_both() -> None:
    """A vp+sd-jwt carrying a vc+sd-jwt: both checked, both valid."""
    inner = sd_jwt.present_sd_jwt(ISSUED, reveal=["credentialSubject.salary"])
    token = sd_jwt.sign_sd_jwt(
        _presentation(inner), ISSUER_KEY, kid=KID, disclosable=["holder"]
    )
    assert jose.unverified_header(token.split("~")[0])["typ"] == "vp+sd-jwt"
    result = _verify(token)
    assert result.valid, result.to_dict()
    assert result["credentials"].status is CheckStatus.PASSED


def test_vp_sd_jwt_with_a_tampered_credential_fails() -> None:
    """A forged disclosure inside the enveloped credential fails the presentation."""
    extra = b64url_encode(b'["c2FsdA","salary","999999"]')
    inner = ISSUED.split("~")[0] + f"~{extra}~"
    token = sd_jwt.sign_sd_jwt(_presentation(inner), ISSUER_KEY, kid=KID)
    result = _verify(token)
    assert not result.valid
    assert result["credentials"].status is CheckStatus.FAILED
    assert "verifiableCredential[0]" in result["credentials"].message


def test_vp_sd_jwt_suite_vector_carries_what_it_says() -> None:
    """The suite's vp+sd-jwt discloses holder and type, and they are rebuilt."""
    text = (JOSE_SUITE / "presentation-sdjwt-selective.txt").read_text()
    claims = sd_jwt.unverified_claims(text)
    assert claims["holder"] == "https://example.issuer/vc-jose-cose"
    assert claims["type"] == "VerifiablePresentation"
    with pytest.raises(ParseError):
        sd_jwt.unverified_claims(text.split("~")[0])


def test_vp_sd_jwt_with_an_unenveloped_credential_fails() -> None:
    """A credential that is not an enveloped, secured media type fails."""
    document = _presentation("x")
    document["verifiableCredential"][0]["id"] = "bad-credential"
    token = sd_jwt.sign_sd_jwt(document, ISSUER_KEY, kid=KID)
    result = _verify(token)
    assert result["credentials"].status is CheckStatus.FAILED
    assert "not a data: URL" in result["credentials"].message


@pytest.mark.parametrize(
    "subject",
    [
        {"_sd": ["looks like a digest"]},
        {"nested": {"_sd_alg": "sha-256"}},
        {"list": [{"...": "looks like a digest"}]},
    ],
)
def test_reserved_names_in_the_credential_are_refused(subject: dict[str, Any]) -> None:
    """Plain data a verifier would read as SD-JWT structure is refused."""
    document = _credential()
    document["credentialSubject"] = subject
    with pytest.raises(InvalidDataError, match="reserved"):
        sd_jwt.sign_sd_jwt(document, ISSUER_KEY, kid=KID, registry=REGISTRY)


def test_bad_salt_and_decoy_options_are_refused() -> None:
    """salt() must give text, and decoys a count."""
    with pytest.raises(InvalidDataError, match="salt"):
        _issue(salt=lambda: 7)
    with pytest.raises(InvalidDataError, match="decoys"):
        _issue(decoys=-1)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=4), st.text(max_size=40))
def test_arbitrary_disclosures_never_crash(disclosures: list[str], tail: str) -> None:
    """Any text after the issuer JWT gives a failed result, never a traceback."""
    issuer_jwt = ISSUED.split("~")[0]
    text = "~".join([issuer_jwt, *disclosures, tail])
    result = _verify(text)
    if result.valid:
        # Only the issuer's own disclosures (or none), as the issuer sent them.
        assert all(part in ISSUED.split("~") for part in disclosures)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes_the_holder_side(text: str) -> None:
    """present_sd_jwt and unverified_claims raise only MicrocredError."""
    for function in (sd_jwt.unverified_claims, sd_jwt.present_sd_jwt):
        with contextlib.suppress(MicrocredError):
            function(text)


def test_signing_with_a_public_key_is_refused() -> None:
    """A public key cannot sign; the error says so without key material."""
    with pytest.raises(InvalidKeyError, match="private key"):
        sd_jwt.sign_sd_jwt(
            _credential(),
            ISSUER_KEY.public_key.cryptography_key,  # type: ignore[arg-type]
            kid=KID,
            registry=REGISTRY,
        )


def test_signing_time_is_the_issuer_jwt_iat() -> None:
    """verify(now='signing-time') reads iat from the issuer-signed JWT."""
    document = _credential() | {"iat": 1767225600}  # 2026-01-01T00:00:00Z
    token = sd_jwt.sign_sd_jwt(document, ISSUER_KEY, kid=KID, registry=REGISTRY)
    result = verify(token, now="signing-time", registry=REGISTRY)
    assert result.valid
    assert "2026-01-01T00:00:00+00:00" in result["validity"].message


def test_percent_encoded_enveloped_credential_is_read() -> None:
    """A data: URL that escapes '~' (RFC 2397) still carries the SD-JWT."""
    inner = sd_jwt.present_sd_jwt(ISSUED, reveal=["credentialSubject.salary"])
    document = _presentation(inner.replace("~", "%7E"))
    token = sd_jwt.sign_sd_jwt(document, ISSUER_KEY, kid=KID)
    result = _verify(token)
    assert result.valid, result.to_dict()
    assert result["credentials"].status is CheckStatus.PASSED


def test_vp_jwt_with_a_tampered_sd_jwt_credential_fails() -> None:
    """In a vp+jwt a faulty enveloped credential fails the presentation, naming
    the fault; only the caller's unsafe option turns it into a warning."""
    extra = b64url_encode(b'["c2FsdA","salary","999999"]')
    inner = ISSUED.split("~")[0] + f"~{extra}~"
    token = jose.sign(_presentation(inner), ISSUER_KEY, kid=KID)
    result = _verify(token)
    assert not result.valid
    assert result["credentials"].status is CheckStatus.FAILED
    assert "disclosures" in result["credentials"].message
    lenient = verify(
        token,
        now=NOW,
        registry=REGISTRY,
        unsafe_allow_faulty_enveloped_credentials=True,
    )
    assert lenient.valid
    assert lenient["credentials"].status is CheckStatus.WARNING
