"""Training figures placed on pages other apps own: the unit page and the employee page."""

from django import template
from django.utils import timezone

from training import figures

register = template.Library()


@register.inclusion_tag("training/_unit_training.html")
def unit_training(unit):
    year = timezone.localdate().year
    return {"unit": unit, "year": year, "figure": figures.unit_achievement(unit, year)}


@register.inclusion_tag("training/_employee_training.html")
def employee_training(employee, years=None):
    """`years` (figures.jp_years) when the page has read them in its own query."""
    if years is None:
        years = figures.jp_per_year(employee)
    return {"years": years, "right": figures.YEARLY_JP_RIGHT}
