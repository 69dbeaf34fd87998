# The rules that run during and after a session, gathered in one place for callers.
from rollcoach.safety.discomfort import DISCOMFORT_CAP, discomfort_ok
from rollcoach.safety.flare import FlareAdvice, SessionPain, flare_advice
from rollcoach.safety.pain_score import PainScoreError, validate_pain
from rollcoach.safety.sharp_pain import SHARP_PAIN_ADVICE, SharpPainOutcome, sharp_pain_stop

__all__ = [
    "DISCOMFORT_CAP",
    "SHARP_PAIN_ADVICE",
    "FlareAdvice",
    "PainScoreError",
    "SessionPain",
    "SharpPainOutcome",
    "discomfort_ok",
    "flare_advice",
    "sharp_pain_stop",
    "validate_pain",
]
