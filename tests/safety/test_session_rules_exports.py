from __future__ import annotations

import pytest

from rollcoach.safety import discomfort, flare, pain_score, session_rules, sharp_pain


@pytest.mark.parametrize(
    "name, home",
    [
        ("DISCOMFORT_CAP", discomfort),
        ("discomfort_ok", discomfort),
        ("FlareAdvice", flare),
        ("SessionPain", flare),
        ("flare_advice", flare),
        ("PainScoreError", pain_score),
        ("validate_pain", pain_score),
        ("SHARP_PAIN_ADVICE", sharp_pain),
        ("REST_TODAY", sharp_pain),
        ("after_sharp_pain", sharp_pain),
    ],
)
def test_it_gathers_the_session_rules(name: str, home: object) -> None:
    assert name in session_rules.__all__
    assert getattr(session_rules, name) is getattr(home, name)
