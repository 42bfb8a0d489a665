"""Securing credentials: keys and identifiers, JAdES seals, Data Integrity proofs,
VC-JOSE JWTs, SD-JWT and Bitstring Status Lists.

Each mechanism lives in its own public module:

- :mod:`microcred.securing.keys`: Ed25519, P-256, P-384 and RSA keys; JWK and
  Multikey; ``did:key`` and ``did:web``.
- :mod:`microcred.securing.rdfc`: RDF Dataset Canonicalization (RDFC-1.0).
- :mod:`microcred.securing.dataintegrity`: the eddsa and ecdsa cryptosuites.
- :mod:`microcred.securing.jades`: JAdES seals, as the EU issues EDCs.
- :mod:`microcred.securing.jose`: VC-JOSE and Open Badges 3.0 JWTs.
- :mod:`microcred.securing.sd_jwt`: SD-JWT selective disclosure (``vc+sd-jwt``),
  presentations and Key Binding JWTs.
- :mod:`microcred.securing.status`: Bitstring Status Lists.

:func:`microcred.verification.verify` runs them all in order.
"""

__all__: list[str] = []
