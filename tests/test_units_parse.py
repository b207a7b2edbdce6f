"""parse_length: a length typed in any unit, in inches; a bare number in the display units' base."""

from __future__ import annotations

import pytest

from app.units import format_length, parse_length


@pytest.mark.parametrize("text, inches", [
    ("6'", 72.0), ("6' 3\"", 75.0), ("6'3\"", 75.0), ("6'-3\"", 75.0), ("6' 3", 75.0), ("6 ft 3 in", 75.0),
    ("6 feet 3 inches", 75.0), ("6ft3in", 75.0), ("72 in", 72.0), ("72\"", 72.0), ("72 IN", 72.0),
    ("6′ 3″", 75.0), (" 72 in ", 72.0), ("-6'-3\"", -75.0), ("1.8 m", 1.8 / 0.0254), ("180 cm", 180 / 2.54),
    ("1800 mm", 1800 / 25.4), (".5 m", 0.5 / 0.0254), ("3.5\"", 3.5),
])
def test_every_form_a_teacher_types(text, inches):
    assert parse_length(text, "ft-in") == pytest.approx(inches)
    assert parse_length(text, "metric") == pytest.approx(inches)  # a unit says what it is in either


def test_a_bare_number_is_in_the_display_units_base():
    assert parse_length("72", "ft-in") == pytest.approx(72.0)
    assert parse_length("180", "metric") == pytest.approx(180 / 2.54)


@pytest.mark.parametrize("inches", [0.0, 5.0, 72.0, 75.0, 100.0, 383.0, -75.0])
@pytest.mark.parametrize("units", ["ft-in", "metric"])
def test_what_the_plan_writes_reads_back(inches, units):
    shown = format_length(inches, units)
    tolerance = 0.5 if units == "ft-in" else 0.2  # format_length rounds: whole inches, cm, or cm-ish metres
    assert parse_length(shown, units) == pytest.approx(inches, abs=tolerance)


@pytest.mark.parametrize("text", ["abc", "6'' 3", "-", "", "   ", "6 3", "6\" 3", "1 m 20", "72-", "6'-", "1e3",
                                  "6 min", "3 1/2", "6' 3 cm", "72 in\n3"])
def test_refusals_are_one_line_naming_the_text(text):
    with pytest.raises(ValueError) as refusal:
        parse_length(text, "ft-in")
    message = str(refusal.value)
    assert "\n" not in message and repr(text) in message and "not a length" in message
