"""Hypothesis strategies for valid micro-credentials and awards.

Reusable by other test suites (round trips, EDC and Open Badges shapes): the
values are realistic rather than adversarial. Text is printable, never blank,
with a few accented letters; identifiers are URNs or IRIs; datetimes are whole
seconds with a fixed offset; workloads keep 25-30 hours per ECTS credit, so a
generated micro-credential carries no plausibility flags.

    from tests.model.strategies import awards, micro_credentials
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from microcred.model import (
    AccreditationType,
    Assessment,
    AssessmentType,
    Award,
    AwardRoute,
    CertificationPathway,
    EQFLevel,
    EscoOccupation,
    EscoSkill,
    Evidence,
    IscoGroup,
    LanguageMap,
    Learner,
    LearningOpportunityType,
    LearningOutcome,
    LearningSetting,
    MicroCredential,
    Mode,
    NQFLevel,
    Organisation,
    OutcomeResult,
    Participation,
    PriorLearningRoute,
    QualityAssurance,
    SkillReuseLevel,
    SkillType,
    Stackability,
    StackabilityOption,
    SupervisionVerification,
    TrainingLink,
    Workload,
)

__all__ = [
    "LANGUAGES",
    "awards",
    "esco_occupations",
    "esco_skills",
    "language_maps",
    "learners",
    "learning_outcomes",
    "micro_credentials",
    "organisations",
    "outcome_results",
    "texts",
    "workloads",
]

#: Language tags drawn on; all have an EU authority language code.
LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "sv", "en-GB")
COUNTRIES = ("ES", "PT", "FR", "DE", "IT", "IE", "BE", "NL", "PL", "SE", "NO", "IS")
_WORDS = (
    "install",
    "insulation",
    "heat",
    "pump",
    "roof",
    "wall",
    "energy",
    "renovation",
    "safety",
    "site",
    "timber",
    "frame",
    "solar",
    "panel",
    "assess",
    "apply",
    "select",
    "explain",
    "plan",
    "supervise",
    "building",
    "dwelling",
    "airtight",
    "membrane",
    "thermal",
    "bridge",
    "ventilation",
    "instalación",
    "energía",
    "eficiência",
    "Wärmepumpe",
    "rénovation",
    "qualité",
)  # fmt: skip
_ISCED = ("0713", "0731", "0732", "0715", "0788", "003", "07")


_WORD = st.sampled_from(_WORDS)


def texts(min_words: int = 1, max_words: int = 10) -> st.SearchStrategy[str]:
    """Sentences of real words: printable, never blank, sometimes accented."""
    return st.lists(_WORD, min_size=min_words, max_size=max_words).map(
        lambda words: " ".join(words).capitalize()
    )


_TEXT = texts()


def language_maps(
    languages: tuple[str, ...] = LANGUAGES, max_languages: int = 3
) -> st.SearchStrategy[LanguageMap]:
    """A language map in one to ``max_languages`` languages."""
    return st.dictionaries(
        st.sampled_from(languages), _TEXT, min_size=1, max_size=max_languages
    ).map(LanguageMap)


def _build(model: Any, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # Not st.builds: pydantic's signature names fields by their camelCase alias,
    # so builds() would invent values for those names on top of ours.
    return st.fixed_dictionaries(fields).map(lambda values: model(**values))


def _urn(kind: str) -> st.SearchStrategy[str]:
    if kind == "uuid":
        return st.uuids().map(lambda u: f"urn:uuid:{u}")
    return st.uuids().map(lambda u: f"urn:microcred:test:{kind}:{u}")


# Strategies are built once, here: building them inside each draw costs far
# more than drawing from them.
_LM_ONE = language_maps(max_languages=1)
_LM_ANY = language_maps()
_MAYBE_LM_ONE = st.none() | _LM_ONE
_MAYBE_LM = st.none() | _LM_ANY
_UUIDS = st.uuids()
_MAYBE_SKILL_TYPE = st.none() | st.sampled_from(SkillType)
_MAYBE_REUSE = st.none() | st.sampled_from(SkillReuseLevel)
_MAYBE_ISCO = st.none() | st.integers(1, 9999).map(
    lambda code: IscoGroup(iri=f"http://data.europa.eu/esco/isco/C{code}")
)


def esco_skills() -> st.SearchStrategy[EscoSkill]:
    """An ESCO skill reference with a well-formed IRI, label sometimes."""
    return _build(
        EscoSkill,
        iri=_UUIDS.map(lambda u: f"http://data.europa.eu/esco/skill/{u}"),
        label=_MAYBE_LM_ONE,
        skill_type=_MAYBE_SKILL_TYPE,
        reuse_level=_MAYBE_REUSE,
    )


def esco_occupations() -> st.SearchStrategy[EscoOccupation]:
    """An ESCO occupation reference, with an ISCO group sometimes."""
    return _build(
        EscoOccupation,
        iri=_UUIDS.map(lambda u: f"http://data.europa.eu/esco/occupation/{u}"),
        label=_MAYBE_LM_ONE,
        isco_group=_MAYBE_ISCO,
    )


_SKILL_LISTS = st.lists(esco_skills(), max_size=3, unique_by=lambda s: s.iri).map(tuple)
_OCCUPATION_LISTS = st.lists(
    esco_occupations(), max_size=3, unique_by=lambda o: o.iri
).map(tuple)


def learning_outcomes(outcome_id: str = "LO1") -> st.SearchStrategy[LearningOutcome]:
    """One learning outcome with the given id."""
    return _build(
        LearningOutcome,
        id=st.just(outcome_id),
        text=_LM_ANY,
        esco_skills=_SKILL_LISTS,
        skill_type=_MAYBE_SKILL_TYPE,
        reusability_level=_MAYBE_REUSE,
        required=st.booleans(),
    )


_OUTCOMES = [learning_outcomes(f"LO{n}") for n in range(1, 7)]


@st.composite
def workloads(draw: st.DrawFn) -> Workload:
    """Hours, ECTS or both (25-30 hours per credit), sometimes as a duration.

    Durations come as ``PT<h>H`` (from_duration, or the volume alone) and in
    minutes (``PT750M``, a fixed length not written the way hours are).
    """
    ects = Decimal(draw(st.integers(1, 20))) / 2
    hours = ects * draw(st.integers(25, 30))
    kind = draw(
        st.sampled_from(("hours", "ects", "both", "duration", "volume", "minutes"))
    )
    if kind == "hours":
        return Workload(hours=hours)
    if kind == "ects":
        return Workload(ects=ects)
    if kind == "both":
        return Workload(hours=hours, ects=ects)
    if kind == "volume":
        return Workload(volume_of_learning=f"PT{hours.normalize():f}H")
    if kind == "minutes":
        minutes = (hours * 60).normalize()
        return Workload(volume_of_learning=f"PT{minutes:f}M", ects=ects)
    return Workload.from_duration(f"PT{hours.normalize():f}H")


def organisations() -> st.SearchStrategy[Organisation]:
    """An organisation with legal name and country; identifiers sometimes."""
    return _build(
        Organisation,
        id=_urn("org"),
        legal_name=language_maps(max_languages=2),
        country=st.sampled_from(COUNTRIES),
        eidas_identifier=st.none() | st.just("VATES-A00000000"),
        homepage=st.none() | st.just("https://example.org/"),
    )


_GIVEN = st.sampled_from(("Alex", "María", "Jörg", "Siobhán", "Lea"))
_FAMILY = st.sampled_from(("Example", "García", "Müller", "Ó Brien"))


@st.composite
def learners(draw: st.DrawFn) -> Learner:
    """A learner with an id and a name."""
    given, family = draw(_GIVEN), draw(_FAMILY)
    return Learner(
        id=draw(_urn("uuid")),
        given_name=given,
        family_name=family,
        full_name=draw(st.none() | st.just(f"{given} {family}")),
        email=draw(st.none() | st.just("learner@example.org")),
    )


_ORGANISATIONS = organisations()
_ASSESSMENTS = _build(
    Assessment,
    type=st.sampled_from(AssessmentType),
    description=_MAYBE_LM,
    supervision=st.none() | st.sampled_from(SupervisionVerification),
)
_PARTICIPATIONS = _build(
    Participation,
    mode=st.sampled_from(Mode),
    learning_setting=st.sampled_from(LearningSetting),
    volunteering=st.booleans(),
)
_QUALITY = _build(
    QualityAssurance,
    description=_LM_ANY,
    type=st.none() | st.sampled_from(AccreditationType),
)
_NQF = st.none() | st.just(
    NQFLevel(
        iri="http://data.europa.eu/snb/qdr/c_c392e7a2",
        label=LanguageMap.of("en", "RQF Level 6"),
    )
)
_STACKABILITY = st.none() | _build(
    Stackability, option=st.sampled_from(StackabilityOption), description=_MAYBE_LM
)
_LINKS = st.lists(
    _build(
        TrainingLink,
        title=_LM_ANY,
        url=st.just("https://example.org/mooc/1"),
        provider=st.none() | texts(1, 3),
        type=st.none() | st.just(LearningOpportunityType.MOOC),
    ),
    max_size=2,
).map(tuple)
_PATHWAYS = st.lists(
    _build(
        CertificationPathway,
        target=_LM_ANY,
        description=_MAYBE_LM,
        url=st.none() | st.just("https://example.org/pathway"),
    ),
    max_size=2,
).map(tuple)
_PRIOR = st.none() | _build(PriorLearningRoute, description=_LM_ANY)
_ENTRY_LANGUAGES = st.lists(
    st.sampled_from(LANGUAGES[:9]), min_size=1, max_size=2, unique=True
).map(tuple)
_THEMES = st.lists(st.sampled_from(_ISCED), max_size=2, unique=True).map(tuple)


def _one_description_per_skill(
    outcomes: tuple[LearningOutcome, ...],
) -> tuple[LearningOutcome, ...]:
    # A micro-credential may describe an IRI only one way (JSON-LD merges nodes
    # by id); Hypothesis repeats UUIDs freely, so reuse the first description.
    first: dict[str, EscoSkill] = {}
    result = []
    for outcome in outcomes:
        skills = tuple(first.setdefault(s.iri, s) for s in outcome.esco_skills)
        result.append(outcome.replace(esco_skills=skills))
    return tuple(result)


def _same_if_same_id(candidate: Organisation, other: Organisation) -> Organisation:
    return other if candidate.id == other.id else candidate


@st.composite
def micro_credentials(draw: st.DrawFn) -> MicroCredential:
    """A complete, valid micro-credential with one to six learning outcomes."""
    count = draw(st.integers(1, 6))
    outcomes = _one_description_per_skill(
        tuple(draw(_OUTCOMES[n]) for n in range(count))
    )
    issuer = draw(_ORGANISATIONS)
    awarding_body = _same_if_same_id(draw(st.just(issuer) | _ORGANISATIONS), issuer)
    promoter = draw(st.none() | _ORGANISATIONS)
    if promoter is not None:
        promoter = _same_if_same_id(_same_if_same_id(promoter, issuer), awarding_body)
    return MicroCredential(
        id=draw(_urn("micro-credential")),
        title=draw(_LM_ANY),
        description=draw(_LM_ANY),
        languages=draw(_ENTRY_LANGUAGES),
        learning_outcomes=outcomes,
        workload=draw(workloads()),
        assessment=draw(_ASSESSMENTS),
        participation=draw(_PARTICIPATIONS),
        quality_assurance=draw(_QUALITY),
        issuer=issuer,
        awarding_body=awarding_body,
        promoter=promoter,
        eqf_level=draw(st.none() | st.sampled_from(EQFLevel)),
        nqf_level=draw(_NQF),
        prerequisites=draw(_MAYBE_LM),
        stackability=draw(_STACKABILITY),
        further_information=draw(_MAYBE_LM),
        esco_occupations=draw(_OCCUPATION_LISTS),
        thematic_areas=draw(_THEMES),
        training_links=draw(_LINKS),
        pathways=draw(_PATHWAYS),
        prior_learning=draw(_PRIOR),
    )


@st.composite
def outcome_results(
    draw: st.DrawFn, micro_credential: MicroCredential
) -> tuple[OutcomeResult, ...]:
    """Results for some or all outcomes of ``micro_credential``, each at most once."""
    chosen = draw(st.lists(st.sampled_from(micro_credential.outcome_ids), unique=True))
    results = []
    for outcome_id in chosen:
        denominator = draw(st.integers(1, 20))
        score = Fraction(draw(st.integers(0, denominator)), denominator)
        results.append(
            OutcomeResult(
                outcome_id=outcome_id,
                achieved=score >= Fraction(3, 5),
                score=draw(st.none() | st.just(score)),
            )
        )
    return tuple(results)


_OFFSETS = (UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)))
_ISSUED = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(_OFFSETS),
).map(lambda moment: moment.replace(microsecond=0))
_EVIDENCE = st.lists(
    _build(
        Evidence,
        id=_urn("evidence"),
        description=_LM_ONE,
        url=st.none() | st.just("https://example.org/evidence/1"),
    ),
    max_size=2,
    unique_by=lambda e: e.id,
).map(tuple)
_MICRO_CREDENTIALS = micro_credentials()
_LEARNERS = learners()


@st.composite
def awards(draw: st.DrawFn, micro_credential: MicroCredential | None = None) -> Award:
    """An award of ``micro_credential`` (or a generated one) to a generated learner."""
    chosen = micro_credential or draw(_MICRO_CREDENTIALS)
    issued = draw(_ISSUED)
    days = draw(st.none() | st.integers(1, 3650))
    return Award(
        id=draw(_urn("award")),
        learner=draw(_LEARNERS),
        micro_credential=chosen,
        issued=issued,
        valid_from=draw(st.none() | st.just(issued)),
        valid_until=None if days is None else issued + timedelta(days=days),
        outcome_results=draw(outcome_results(chosen)),
        route=draw(st.sampled_from(AwardRoute)),
        grade=draw(st.none() | st.sampled_from(("pass", "merit", "8.5/10"))),
        evidence=draw(_EVIDENCE),
    )
