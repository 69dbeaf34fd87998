from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rollcoach.catalog.model import NEVER_ROLLED, Density, Exercise, Position, Zone

# Condition ids a person can declare; exercises name them under `contraindications`.
CONDITIONS: dict[str, str] = {
    "open-wound": "An open wound",
    "fracture": "A fracture, or a suspected spinal fracture",
    "dvt": "A deep vein thrombosis (blood clot)",
    "local-inflammation": "Local inflammation, osteomyelitis or myositis ossificans",
    "osteoporosis": "Osteoporosis",
    "anticoagulants": "A bleeding disorder, or blood thinners (anticoagulants)",
    "reduced-sensation": "Reduced sensation (neuropathy, multiple sclerosis)",
    "pregnancy": "Pregnancy",
    "pregnancy-after-first-trimester": "Pregnancy after the first trimester",
    "varicose-veins": "Varicose veins",
    "acute-injury": "A recent (acute) injury",
}

# Shorter sets must still be long enough to do anything: the planner never scales below this.
MIN_SET_SECONDS = 30

LIMB_ZONES = frozenset({Zone.HIP_FLEXORS, Zone.QUADS, Zone.HAMSTRINGS, Zone.CALVES, Zone.FOREARMS})
# Thoracic rolling presses on the spine itself; shoulder-blade work presses right beside it.
SPINAL_ZONES = frozenset({Zone.THORACIC, Zone.SCAPULA})
LEG_VEIN_ZONES = frozenset({Zone.QUADS, Zone.HAMSTRINGS, Zone.CALVES})


@dataclass(frozen=True)
class Restrictions:
    """What a person's conditions change in their plan."""

    blocked: bool = False  # no rolling at all until cleared
    needs_clearance: bool = False  # programme waits for the person to confirm clinician clearance
    forbidden_zones: frozenset[Zone] = field(default_factory=frozenset)
    forbidden_positions: frozenset[Position] = field(default_factory=frozenset)
    max_density: Density | None = None  # None: any roller
    light_pressure: bool = False
    set_scale: float = 1.0  # multiply set length (shorter sets for reduced sensation)
    reasons: tuple[str, ...] = ()  # plain-language lines shown to the person
    conditions: frozenset[str] = field(default_factory=frozenset)  # declared condition ids
    # Conditions of one place on the body (a wound) whose place is marked: their zones are left
    # out, so an exercise that names the condition but presses elsewhere stays in.
    located: frozenset[str] = field(default_factory=frozenset)

    def permits_exercise(self, exercise: Exercise) -> bool:
        # Clearance is a pause for the whole programme, decided by the caller, not per exercise.
        if self.blocked:
            return False
        if (self.conditions - self.located) & set(exercise.contraindications):
            return False
        if (self.forbidden_zones | NEVER_ROLLED) & set(exercise.zones):
            return False
        if exercise.position in self.forbidden_positions:
            return False
        if exercise.needs_roller and self.max_density is not None:
            limit = self.max_density.rank
            return any(d.rank <= limit for d in exercise.densities)
        return True

    def set_seconds(self, seconds: int) -> int:
        scaled = round(seconds * self.set_scale)
        return min(seconds, max(scaled, MIN_SET_SECONDS))


@dataclass(frozen=True)
class Rule:
    condition: str
    effect: Restrictions
    source: str
    # The area is the person's own (a wound, an injury): the zones they mark are left out.
    uses_marked_zones: bool = False


BARTSCH = "Bartsch et al. 2021 expert consensus, J Clin Med 10:5360"
UNSOURCED = "product judgement (unsourced)"

# Applies to everyone, whatever they declare.
BASE_RULE = Rule(
    condition="(everyone)",
    effect=Restrictions(forbidden_zones=NEVER_ROLLED),
    source="physiotherapy practice advice: the lumbar spine and the neck are never rolled "
    "directly by default",
)

# Declaring the later stage also counts as the earlier one, so exercises that list the
# broader condition are left out too.
IMPLIES: dict[str, tuple[str, ...]] = {"pregnancy-after-first-trimester": ("pregnancy",)}

RULES: dict[str, Rule] = {
    rule.condition: rule
    for rule in (
        Rule(
            "open-wound",
            Restrictions(reasons=("Never roll over an open wound.",)),
            BARTSCH,
            uses_marked_zones=True,
        ),
        Rule(
            "fracture",
            Restrictions(
                blocked=True,
                needs_clearance=True,
                reasons=(
                    "With a fracture, or a possible fracture of the spine, no rolling at all "
                    "until a clinician says it is safe.",
                ),
            ),
            BARTSCH,
        ),
        Rule(
            "dvt",
            Restrictions(
                needs_clearance=True,
                forbidden_zones=LIMB_ZONES,
                reasons=(
                    "With a blood clot (DVT), arms and legs are never rolled, and you need a "
                    "doctor's go-ahead before any rolling.",
                ),
            ),
            BARTSCH + " (rated among the gravest risks)",
        ),
        Rule(
            "local-inflammation",
            Restrictions(reasons=("Never roll over an inflamed area.",)),
            BARTSCH,
            uses_marked_zones=True,
        ),
        Rule(
            "osteoporosis",
            Restrictions(
                needs_clearance=True,
                forbidden_zones=SPINAL_ZONES,
                reasons=(
                    "With osteoporosis, the spine and the shoulder blades are not rolled, "
                    "and other areas only once a clinician has approved them.",
                ),
            ),
            BARTSCH + "; patient-organisation guidance (no spinal rolling, other areas "
            "with clinician approval); shoulder blades added as " + UNSOURCED,
        ),
        Rule(
            "anticoagulants",
            Restrictions(
                max_density=Density.SOFT,
                light_pressure=True,
                reasons=(
                    "With a bleeding disorder or blood thinners: soft roller only, light "
                    "pressure, and never over a bruise or anywhere that is bleeding.",
                ),
            ),
            BARTSCH + "; supervised haemophilia protocol (n=25, no bleeds)",
        ),
        Rule(
            "reduced-sensation",
            Restrictions(
                max_density=Density.SOFT,
                set_scale=0.5,
                reasons=(
                    "With reduced feeling you may not notice too much pressure: soft roller "
                    "only and shorter sets.",
                ),
            ),
            BARTSCH + " (caution); the halved set length is " + UNSOURCED,
        ),
        Rule(
            "pregnancy",
            Restrictions(
                needs_clearance=True,
                reasons=("In pregnancy, check with your midwife or doctor before you start.",),
            ),
            BARTSCH,
        ),
        Rule(
            "pregnancy-after-first-trimester",
            Restrictions(
                needs_clearance=True,
                forbidden_positions=frozenset({Position.SUPINE, Position.PRONE}),
                reasons=(
                    "After the first 3 months of pregnancy: check with your midwife or doctor "
                    "first, no lying on your back, and nothing that presses on your belly "
                    "(so no lying face down).",
                ),
            ),
            BARTSCH,
        ),
        Rule(
            "varicose-veins",
            Restrictions(
                forbidden_zones=LEG_VEIN_ZONES,
                reasons=("With varicose veins, the legs are not rolled.",),
            ),
            UNSOURCED + ": no direct pressure over varicose veins",
        ),
        Rule(
            "acute-injury",
            Restrictions(reasons=("Never roll over a recent injury.",)),
            BARTSCH,
            uses_marked_zones=True,
        ),
    )
}

UNMARKED_AREA_REASON = (
    "Mark where it is so your plan can leave out only that area; until then, what could press "
    "on it is left out and the rest goes gently."
)


def declared_conditions(conditions: Iterable[str]) -> set[str]:
    """The condition ids declared, checked, with what each implies (a later stage of pregnancy
    counts as pregnancy too)."""
    if isinstance(conditions, str):
        # A lone id would otherwise be read letter by letter.
        raise TypeError(f"conditions must be a collection of ids, got the string {conditions!r}")
    declared = set(conditions)
    unknown = sorted(declared - CONDITIONS.keys())
    if unknown:
        raise ValueError(f"unknown condition id {unknown[0]!r}; known ids: {', '.join(CONDITIONS)}")
    for condition in list(declared):
        declared.update(IMPLIES.get(condition, ()))
    return declared


def restrictions_for(conditions: Iterable[str], avoid_zones: Iterable[Zone] = ()) -> Restrictions:
    declared = declared_conditions(conditions)
    marked = frozenset(avoid_zones)
    # Table order, not input order, so the same conditions always read the same way.
    rules = [RULES[c] for c in CONDITIONS if c in declared]
    result = replace(BASE_RULE.effect, conditions=frozenset(declared))
    for rule in rules:
        result = _combine(result, rule.effect)
    if marked:
        names = ", ".join(z.label for z in Zone if z in marked)
        local = frozenset(rule.condition for rule in rules if rule.uses_marked_zones)
        result = _combine(
            result,
            Restrictions(
                forbidden_zones=marked,
                reasons=(f"Left out as you asked: {names}.",),
                located=local,
            ),
        )
    elif any(rule.uses_marked_zones for rule in rules):
        # Without a place to leave out, the whole plan goes gently.
        result = _combine(
            result, Restrictions(light_pressure=True, reasons=(UNMARKED_AREA_REASON,))
        )
    return result


def _combine(a: Restrictions, b: Restrictions) -> Restrictions:
    densities = [d for d in (a.max_density, b.max_density) if d is not None]
    return Restrictions(
        blocked=a.blocked or b.blocked,
        needs_clearance=a.needs_clearance or b.needs_clearance,
        forbidden_zones=a.forbidden_zones | b.forbidden_zones,
        forbidden_positions=a.forbidden_positions | b.forbidden_positions,
        max_density=min(densities, key=lambda d: d.rank) if densities else None,
        light_pressure=a.light_pressure or b.light_pressure,
        set_scale=min(a.set_scale, b.set_scale),
        reasons=a.reasons + tuple(r for r in b.reasons if r not in a.reasons),
        conditions=a.conditions | b.conditions,
        located=a.located | b.located,
    )


def needing_clearance(conditions: Iterable[str]) -> tuple[str, ...]:
    """The declared conditions whose rule waits for a clinician's go-ahead, in table order. A
    blocking condition is left out: no clearance lifts it here."""
    declared = declared_conditions(conditions)
    return tuple(
        c
        for c in CONDITIONS
        if c in declared and RULES[c].effect.needs_clearance and not RULES[c].effect.blocked
    )
