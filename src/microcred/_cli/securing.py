"""``microcred keygen``, ``sign``, ``seal``, ``present`` and ``verify``.

Key material is written only to the file the user names (mode 0600) and is
never printed: the commands print public keys, identifiers and results only.
The current time is read here, in the command line layer, and handed to the
library as an explicit ``now``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from microcred._jsonio import dumps, load_json
from microcred.errors import InvalidDataError, InvalidKeyError
from microcred.jsonld import ContextRegistry, default_registry
from microcred.securing import jose, keys
from microcred.verification import CheckStatus, VerificationResult, verify

__all__ = ["register"]

#: Exit status of ``verify`` for a credential that is not valid.
EXIT_INVALID = 1
DI_SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019")
SUITES = (*DI_SUITES, "jwt", "ob3-jwt", "cose", "sd-jwt")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the securing commands."""
    _register_keygen(subparsers)
    _register_sign(subparsers)
    _register_seal(subparsers)
    _register_present(subparsers)
    _register_verify(subparsers)


def _register_keygen(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "keygen",
        help="create a private key file (mode 0600) and print its public key",
    )
    parser.add_argument("out", type=Path, help="file to write the private key to")
    parser.add_argument("--type", choices=keys.KEY_TYPES, default="Ed25519")
    parser.add_argument("--format", choices=("pem", "jwk"), default="pem")
    parser.add_argument("--force", action="store_true", help="overwrite OUT")
    parser.set_defaults(handler=_keygen)


def _register_sign(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "sign", help="sign a credential (Data Integrity proof or JWT)"
    )
    parser.add_argument("credential", type=Path)
    parser.add_argument("--suite", choices=SUITES, required=True)
    parser.add_argument("--key", type=Path, required=True, help="private key file")
    parser.add_argument(
        "--verification-method", required=True, help="key URL, e.g. did:...#key-1"
    )
    parser.add_argument("--out", type=Path, help="output file (default: stdout)")
    parser.add_argument(
        "--disclose", nargs="+", default=[], metavar="PATH",
        help="sd-jwt: claims the holder may reveal, e.g. credentialSubject.name",
    )  # fmt: skip
    parser.add_argument(
        "--holder-key", type=Path,
        help="sd-jwt: the holder's public key file, bound as cnf",
    )  # fmt: skip
    parser.set_defaults(handler=_sign)


def _register_present(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "present", help="choose which SD-JWT claims to reveal (holder)"
    )
    parser.add_argument("sd_jwt", type=Path, help="the SD-JWT the issuer gave")
    parser.add_argument("--reveal", nargs="+", default=[], metavar="PATH")
    parser.add_argument(
        "--holder-key", type=Path, help="private key file: add a Key Binding JWT"
    )
    parser.add_argument("--audience", help="the verifier (KB-JWT aud)")
    parser.add_argument("--nonce", help="the verifier's nonce (KB-JWT nonce)")
    parser.add_argument("--out", type=Path, help="output file (default: stdout)")
    parser.set_defaults(handler=_present)


def _register_seal(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser("seal", help="seal an EDC with JAdES (X.509)")
    parser.add_argument("credential", type=Path)
    parser.add_argument("--cert", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--chain", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, help="output file (default: stdout)")
    parser.set_defaults(handler=_seal)


def _register_verify(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    parser = subparsers.add_parser(
        "verify", help="verify a credential; exit 0 only if it is valid"
    )
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--at",
        help="ISO 8601 time to verify at (default: now); use --at signing-time "
        "for sealed credentials whose certificate has since expired, such as "
        "the EU's samples (sealed in 2023, certificate expired in 2025)",
    )
    parser.add_argument(
        "--trust", nargs="+", default=[], metavar="CERT",
        help="trust anchors: certificate files (PEM/DER) or issuer identifiers",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--min-level", choices=("B-B", "B-T", "B-LT", "B-LTA"),
        help="lowest JAdES level accepted (fails anything else, unsealed too)",
    )  # fmt: skip
    parser.add_argument(
        "--key", type=Path, help="public key file the caller vouches for (JWT)"
    )
    parser.add_argument(
        "--did-document", type=Path, nargs="+", default=[], metavar="FILE",
        help="controller documents for offline key resolution",
    )  # fmt: skip
    parser.add_argument(
        "--status-list", nargs="+", default=[], metavar="URL=FILE",
        help="status list credentials, offline, by URL",
    )  # fmt: skip
    parser.add_argument(
        "--context", nargs="+", default=[], metavar="URL=FILE",
        help="extra JSON-LD context documents, by URL",
    )  # fmt: skip
    parser.add_argument(
        "--audience", help="SD-JWT: require a Key Binding JWT for this audience"
    )
    parser.add_argument("--nonce", help="SD-JWT: ... and this nonce")
    parser.set_defaults(handler=_verify)


# -- keygen -------------------------------------------------------------------


def _write_secret(path: Path, data: bytes, *, force: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    # Created 0600 from the start: never readable by others, not even briefly.
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        raise InvalidDataError(
            "the file exists; name another file, or pass --force to overwrite it "
            "(the key it holds is then lost)",
            path=str(path),
        ) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    path.chmod(0o600)


def _keygen(args: argparse.Namespace) -> int:
    key = keys.PrivateKey.generate(args.type)
    data = key.to_pem() if args.format == "pem" else dumps(key.to_jwk(private=True))
    _write_secret(args.out, data, force=args.force)
    print(f"private key written to {args.out} (mode 0600)")
    if args.type != "RSA":
        print(f"did:key: {key.did_key()}")
    print(f"public JWK: {json.dumps(key.public_key.to_jwk(), sort_keys=True)}")
    return 0


# -- sign and seal ----------------------------------------------------------------


def _read_private_key(path: Path) -> keys.PrivateKey:
    data = path.read_bytes()
    if data.lstrip().startswith(b"{"):
        jwk = load_json(data, what=str(path))
        if not isinstance(jwk, Mapping):
            raise InvalidKeyError("the key file is not a JWK object", path=str(path))
        return keys.PrivateKey.from_jwk(jwk)
    if b"-----BEGIN" in data:
        return keys.PrivateKey.from_pem(data)
    return keys.PrivateKey.from_der(data)


def _read_public_key(path: Path) -> keys.PublicKey:
    data = path.read_bytes()
    if data.lstrip().startswith(b"{"):
        jwk = load_json(data, what=str(path))
        if not isinstance(jwk, Mapping):
            raise InvalidKeyError("the key file is not a JWK object", path=str(path))
        if "d" in jwk:  # a private JWK: verify with its public half
            return keys.PrivateKey.from_jwk(jwk).public_key
        return keys.PublicKey.from_jwk(jwk)
    if b"PRIVATE KEY-----" in data:
        # keygen writes only the private key; its public half verifies.
        return _read_private_key(path).public_key
    if b"-----BEGIN" in data:
        return keys.PublicKey.from_pem(data)
    return keys.PublicKey.from_der(data)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _sign(args: argparse.Namespace) -> int:
    credential = load_json(args.credential)
    key = _read_private_key(args.key)
    if args.suite == "sd-jwt":
        from microcred.securing import sd_jwt

        token = sd_jwt.sign_sd_jwt(
            credential,
            key,
            kid=args.verification_method,
            disclosable=args.disclose,
            holder_key=_read_public_key(args.holder_key) if args.holder_key else None,
        )
        _emit(token, args.out)
        return 0
    if args.disclose or args.holder_key:
        raise InvalidDataError("--disclose and --holder-key need --suite sd-jwt")
    if args.suite in ("jwt", "ob3-jwt", "cose"):
        profile = {
            "jwt": jose.Profile.VC_JOSE,
            "ob3-jwt": jose.Profile.OB3_JWT,
            "cose": jose.Profile.VC_COSE,
        }[args.suite]
        token = jose.sign(
            credential, key, kid=args.verification_method, profile=profile
        )
        _emit(token, args.out)
        return 0
    signed = _sign_data_integrity(credential, key, args)
    _emit(dumps(signed).decode("utf-8"), args.out)
    return 0


def _sign_data_integrity(
    credential: Any, key: keys.PrivateKey, args: argparse.Namespace
) -> Any:
    from microcred.securing import dataintegrity

    return dataintegrity.sign(
        credential,
        key,
        cryptosuite=args.suite,
        verification_method=args.verification_method,
    )


def _seal(args: argparse.Namespace) -> int:
    from microcred.securing import jades

    # The seal text is kept exactly as read: its bytes are what gets signed.
    credential = args.credential.read_text(encoding="utf-8")
    sealed = jades.seal(
        credential,
        certificate=jades.load_certificate(args.cert),
        private_key=jades.load_private_key(args.key),
        chain=[c for path in args.chain for c in jades.load_certificates(path)],
        signing_time=dt.datetime.now(dt.UTC),
    )
    _emit(dumps(sealed).decode("utf-8"), args.out)
    return 0


def _present(args: argparse.Namespace) -> int:
    from microcred.securing import sd_jwt

    token = sd_jwt.present_sd_jwt(
        args.sd_jwt.read_text(encoding="utf-8"),
        reveal=args.reveal,
        holder_key=_read_private_key(args.holder_key) if args.holder_key else None,
        audience=args.audience,
        nonce=args.nonce,
        # The clock is read here, in the command line layer.
        issued_at=dt.datetime.now(dt.UTC),
    )
    _emit(token, args.out)
    return 0


# -- verify ---------------------------------------------------------------------


def _now(at: str | None) -> dt.datetime | Literal["signing-time"]:
    if at is None:
        return dt.datetime.now(dt.UTC)
    if at == "signing-time":
        return "signing-time"
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        raise InvalidDataError(f"{at!r} is not an ISO 8601 time", path="--at") from None
    if moment.utcoffset() is None:
        raise InvalidDataError("--at needs a time zone (for example Z)", path="--at")
    return moment


def _trust_anchors(values: list[str]) -> list[Any]:
    from microcred.securing.jades import load_certificates

    anchors: list[Any] = []
    for value in values:
        path = Path(value)
        if not path.is_file():
            anchors.append(value)  # an issuer identifier (DID or URL)
            continue
        anchors.extend(load_certificates(path, what="trust anchor"))
    return anchors


def _pairs(values: list[str], option: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for value in values:
        url, sep, file_name = value.partition("=")
        if not sep:
            raise InvalidDataError(f"expected URL=FILE, got {value!r}", path=option)
        found[url] = load_json(Path(file_name))
    return found


def _registry(values: list[str]) -> ContextRegistry | None:
    documents = _pairs(values, "--context")
    return default_registry().with_documents(documents) if documents else None


def _fetcher(values: list[str]) -> Any:
    lists = _pairs(values, "--status-list")
    if not lists:
        return None

    def fetch(url: str) -> Any:
        return lists[url]  # a KeyError becomes an "unavailable" status check

    return fetch


def _verify(args: argparse.Namespace) -> int:
    resolver = (
        keys.OfflineResolver([load_json(p) for p in args.did_document])
        if args.did_document
        else None
    )
    result = verify(
        args.file,
        now=_now(args.at),
        trust=_trust_anchors(args.trust) or None,
        resolver=resolver,
        fetch_status=_fetcher(args.status_list),
        registry=_registry(args.context),
        key=_read_public_key(args.key) if args.key else None,
        key_binding=_key_binding(args.audience, args.nonce),
        min_jades_level=args.min_level,
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print_human(result)
    return 0 if result.valid else EXIT_INVALID


def _key_binding(audience: str | None, nonce: str | None) -> Any:
    if audience is None and nonce is None:
        return None
    if audience is None or nonce is None:
        raise InvalidDataError("--audience and --nonce go together", path="--nonce")
    from microcred.securing.sd_jwt import KeyBinding

    return KeyBinding(audience=audience, nonce=nonce)


def _print_human(result: VerificationResult) -> None:
    width = max((len(check.name) for check in result), default=0)
    for check in result:
        mark = check.status.value.upper()
        outcome = "" if check.status is CheckStatus.PASSED else f" [{check.outcome}]"
        print(f"{mark:<8} {check.name:<{width}}  {check.message}{outcome}")
    print("VALID" if result.valid else "NOT VALID")
