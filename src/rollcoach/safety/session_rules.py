# The rules that run during and after a session, gathered in one place for callers.
from rollcoach.safety.discomfort import DISCOMFORT_CAP, discomfort_ok
from rollcoach.safety.flare import FlareAdvice, SessionPain, flare_advice
from rollcoach.safety.pain_score import PainScoreError, validate_pain
from rollcoach.safety.sharp_pain import REST_TODAY, SHARP_PAIN_ADVICE, after_sharp_pain

__all__ = [
    "DISCOMFORT_CAP",
    "REST_TODAY",
    "SHARP_PAIN_ADVICE",
    "FlareAdvice",
    "PainScoreError",
    "SessionPain",
    "after_sharp_pain",
    "discomfort_ok",
    "flare_advice",
    "validate_pain",
]
