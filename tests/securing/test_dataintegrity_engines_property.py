"""Generated documents: the fast engine and pyld always agree."""

from __future__ import annotations

from typing import Any

from di_helpers import registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import JsonLdError, SafeModeError
from microcred.securing._rdf import document_quads
from microcred.securing.rdfc import canonicalize

_CONTEXTS = [
    ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/2018/credentials/examples/v1"],
    ["https://www.w3.org/ns/credentials/v2",
     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
]  # fmt: skip
# Terms from the contexts above, a few undefined ones, and keyword-ish keys.
_KEYS = [
    "id", "type", "name", "description", "issuer", "credentialSubject", "validFrom",
    "issuanceDate", "achievement", "criteria", "narrative", "title", "prefLabel",
    "hasClaim", "awardedBy", "inScheme", "alumniOf", "degree", "image", "evidence",
    "credentialStatus", "undefinedTermXyz", "@id", "@type",
]  # fmt: skip
_TYPES = [
    "VerifiableCredential", "OpenBadgeCredential", "AchievementSubject", "Achievement",
    "Concept", "Person", "Organisation", "LearningAchievement", "UndefinedTypeXyz",
]  # fmt: skip
_IDS = ["urn:uuid:1", "https://example.org/a", "did:example:1", "_:b1", "relative/x"]

_scalars = st.one_of(
    st.text(max_size=6),
    st.integers(-5, 10**22),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.sampled_from(_IDS),
)
_LANGUAGES = st.sampled_from(["en", "ES", "pt-BR"])
_DATATYPES = st.sampled_from(
    ["http://www.w3.org/2001/XMLSchema#date", "xsd:string", "https://e.org/dt"]
)
_special = st.one_of(
    st.fixed_dictionaries({"@value": st.text(max_size=4), "@language": _LANGUAGES}),
    st.fixed_dictionaries({"@value": st.text(max_size=4), "@type": _DATATYPES}),
    st.dictionaries(
        st.sampled_from(["en", "fr", "@none"]), st.text(max_size=4), max_size=2
    ),
)


def _nodes(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    value = st.one_of(children, st.lists(children, max_size=3))
    node = st.dictionaries(st.sampled_from(_KEYS), value, max_size=5)
    typed = st.builds(
        lambda n, t, i: {**n, "type": t, **({"id": i} if i else {})},
        node,
        st.lists(st.sampled_from(_TYPES), min_size=1, max_size=2),
        st.one_of(st.none(), st.sampled_from(_IDS)),
    )
    return st.one_of(node, typed)


_documents = st.builds(
    lambda context, body: {"@context": context, **body},
    st.sampled_from(_CONTEXTS),
    _nodes(st.recursive(st.one_of(_scalars, _special), _nodes, max_leaves=12)),
)


def _outcome(document: dict[str, Any], engine: str) -> tuple[str, str]:
    try:
        quads = document_quads(document, registry=registry(), engine=engine)
    except (SafeModeError, JsonLdError):
        # Which of two faults is reported first may differ; both refuse.
        return ("rejected", "")
    return ("ok", canonicalize(quads).nquads)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents)
def test_fast_engine_matches_pyld(document: dict[str, Any]) -> None:
    """Same canonical dataset, or both refuse, on any generated document."""
    assert _outcome(document, "fast") == _outcome(document, "pyld")
