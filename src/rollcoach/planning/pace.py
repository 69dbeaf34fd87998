"""How fast a plan builds up, and how much it asks: the project's judgement, in one place.

The clinical brief leaves the speed of progression to judgement. Its dosing section gives the
frame used here: about 3 sessions a week for more than 4 weeks (Konrad 2022), firmer rollers
optional and never forced (Cheatham & Stull 2018)."""

from __future__ import annotations

SOURCE = (
    "product judgement within the brief's dosing frame: about 3 sessions a week for more than "
    "4 weeks (Konrad 2022); firmer rollers optional (Cheatham & Stull 2018)"
)

MAX_STAGE = 4  # a week or more at each: past the 4 weeks the brief names
SESSIONS_TO_ADVANCE = 3  # well-tolerated days at a stage before the next
MIN_DAYS_AT_STAGE = 7  # and at least a week at it
FIRMER_STAGE = 2  # a firmer roller is offered from here, never required
# Someone whose only roller is firm starts with light pressure and shorter sets (start soft).
FIRM_ONLY_SET_SCALE = 0.75
# Active moves in a plan: 2, one more for each 20 minutes, one more while rolling is paused.
ACTIVE_MOVES = 2
# An easy walk each day the plan is followed, longer as the stages go up.
WALKING_MINUTES = (10, 15, 20, 25, 30)
