"""W3C Data Integrity proofs: eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019
and ecdsa-jcs-2019 (P-256 and P-384), with proof sets and proof chains.

>>> from microcred.securing.keys import PrivateKey
>>> key = PrivateKey.generate("Ed25519")
>>> method = f"{key.did_key()}#{key.did_key()[8:]}"
>>> doc = {
...     "@context": ["https://www.w3.org/ns/credentials/v2"],
...     "type": ["VerifiableCredential"],
...     "issuer": key.did_key(),
...     "credentialSubject": {"id": "urn:example:learner"},
... }
>>> signed = sign(doc, key, verification_method=method)
>>> verify_proof(signed).valid
True

Everything is offline: contexts come from the bundled registry, DIDs from the
resolver passed in. Documents with undefined terms or types are refused
(:class:`~microcred.errors.SafeModeError`) unless the caller passes
``unsafe_allow_undefined_terms=True``.
"""

from ._di_sign import DATA_INTEGRITY_CONTEXT, sign
from ._di_verify import DataIntegrityReport, ProofReport, verify_proof
from ._suites import SUITES, Cryptosuite, HashData, hash_data

__all__ = [
    "DATA_INTEGRITY_CONTEXT",
    "SUITES",
    "Cryptosuite",
    "DataIntegrityReport",
    "HashData",
    "ProofReport",
    "hash_data",
    "sign",
    "verify_proof",
]
