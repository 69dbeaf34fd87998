from django import template

from rollcoach.catalog.model import Exercise
from rollcoach.web.library import labels

register = template.Library()


@register.filter
def roller_short(exercise: Exercise) -> str:
    return labels.roller_short(exercise)
