"""Notional workload: hours, ECTS, and ISO 8601 durations read faithfully."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, ModelValidationError
from microcred.model import IsoDuration, Workload


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("PT60H", Decimal(60)),
        ("PT90M", Decimal("1.5")),
        ("P2DT4H", Decimal(52)),
        ("P1W", Decimal(168)),
        ("PT1,5H", Decimal("1.5")),
        ("PT3600S", Decimal(1)),
        ("P1DT2.5H", Decimal("26.5")),
    ],
)
def test_durations_convert_to_hours(text: str, hours: Decimal) -> None:
    """Fixed-length components convert exactly: days are 24 h, weeks 168 h."""
    duration = IsoDuration.parse(text)
    assert duration.to_hours() == hours
    assert str(duration) == text


@pytest.mark.parametrize(
    "text",
    ["P", "PT", "P1", "PT1H2", "P1H", "PT-1H", "P1DT", "60H", "pt60h", "P1.5DT2H"],
)
def test_malformed_durations_are_refused(text: str) -> None:
    """Strings that are not ISO 8601 durations raise ValueError."""
    with pytest.raises(ValueError, match=r"duration|fraction"):
        IsoDuration.parse(text)


def test_hours_become_a_duration() -> None:
    """Sixty hours are written PT60H, and 7.50 hours PT7.5H."""
    assert str(IsoDuration.from_hours(60)) == "PT60H"
    assert str(IsoDuration.from_hours(Decimal("7.50"))) == "PT7.5H"
    assert Workload.from_hours(60).duration == IsoDuration.parse("PT60H")


def test_sixty_months_stay_months_and_are_flagged() -> None:
    """P60M (one EU sample's slip) is kept as sixty months, with a flag, no hours."""
    workload = Workload.from_duration("P60M")
    assert workload.hours is None
    assert workload.volume_of_learning is not None
    assert workload.volume_of_learning.months == 60
    assert workload.model_dump(mode="json")["volumeOfLearning"] == "P60M"
    assert any("PT60H" in flag for flag in workload.flags)
    assert workload.estimated_hours() is None


def test_pt60h_sets_hours_without_flags() -> None:
    """PT60H is sixty hours and raises no flag."""
    workload = Workload.from_duration("PT60H")
    assert workload.hours == 60
    assert workload.flags == ()


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"hours": 0}, "hours"),
        ({"hours": -5}, "hours"),
        ({"ects": "-1.5"}, "ects"),
        ({"ects": 0}, "ects"),
        ({"hours": True}, "hours"),
        ({"hours": "many"}, "hours"),
        ({"hours": "NaN"}, "hours"),
        ({"hours": float("inf")}, "hours"),
        ({}, ""),
        ({"volumeOfLearning": "P0D"}, "volumeOfLearning"),
        ({"volumeOfLearning": "sixty hours"}, "volumeOfLearning"),
        ({"volumeOfLearning": "PT60H", "hours": 50}, "volumeOfLearning"),
        ({"hours": 10, "minutes": 5}, "minutes"),
    ],
)
def test_bad_workloads_name_the_field(data: dict[str, object], path: str) -> None:
    """Zero, negative, non-numeric, missing or contradictory workloads fail."""
    with pytest.raises(ModelValidationError) as caught:
        Workload.model_validate(data)
    assert caught.value.path == path


def test_conversion_uses_the_rate_given() -> None:
    """ECTS and hours convert at 25 hours per credit unless told 25-30."""
    assert Workload(ects=Decimal("1.5")).estimated_hours() == Decimal("37.5")
    assert Workload(ects=Decimal(2)).estimated_hours(30) == 60
    assert Workload(hours=Decimal(60)).estimated_ects() == Decimal("2.4")
    assert Workload(hours=Decimal(60)).estimated_ects(30) == 2
    with pytest.raises(InvalidDataError, match="25 to 30"):
        Workload(hours=Decimal(60)).estimated_ects(40)


def test_implausible_ratio_is_flagged() -> None:
    """Forty hours for one ECTS credit is flagged, not refused."""
    assert Workload(hours=Decimal(40), ects=Decimal(1)).flags
    assert Workload(hours=Decimal(40), ects=Decimal("1.5")).flags == ()


def test_decimal_is_exact_through_json() -> None:
    """1.5 ECTS stays Decimal('1.5') through a JSON round trip."""
    workload = Workload.model_validate_json('{"ects": 1.5, "hours": 40}')
    assert workload.ects == Decimal("1.5")
    dumped = workload.model_dump(mode="json")
    assert dumped["ects"] == "1.5"
    assert Workload.model_validate(dumped) == workload


@given(st.integers(1, 10_000), st.integers(0, 59))
def test_hours_and_minutes_round_trip(hours: int, minutes: int) -> None:
    """PT<h>H<m>M converts to hours and back to the same length."""
    duration = IsoDuration.parse(f"PT{hours}H{minutes}M" if minutes else f"PT{hours}H")
    total = duration.to_hours()
    assert total is not None
    assert IsoDuration.from_hours(total).to_hours() == total


def test_hours_and_their_duration_are_one_workload() -> None:
    """Hours, PT<hours>H and from_duration of it are equal (an EDC has one duration)."""
    by_hours = Workload(hours=25)
    assert by_hours == Workload(volume_of_learning="PT25H")
    assert by_hours == Workload.from_duration("PT25H")
    assert by_hours == Workload(hours=25, volume_of_learning="PT25H")
    assert Workload(volume_of_learning="PT25H").volume_of_learning is None
    assert Workload(volume_of_learning="PT25H").duration == IsoDuration.parse("PT25H")


def test_a_fixed_length_volume_sets_hours_and_keeps_its_text() -> None:
    """P2DT4H is 52 hours and stays P2DT4H; PT25.0H is not PT25H and stays too."""
    workload = Workload(volume_of_learning="P2DT4H")
    assert workload.hours == 52
    assert str(workload.duration) == "P2DT4H"
    assert workload == Workload(hours=52, volume_of_learning="P2DT4H")
    assert str(Workload(volume_of_learning="PT25.0H").duration) == "PT25.0H"
    assert Workload.from_duration("P60M").hours is None
