"""Forums and commitments on the unit page, which the personnel app owns."""

from django import template
from django.utils import timezone

from forums.models import Commitment, Forum
from personnel.models import Unit

register = template.Library()

SHOWN = 10


@register.inclusion_tag("forums/_unit_forums.html")
def unit_forums(unit):
    """The unit's (and its sub-units') next forums and open commitments: two queries."""
    subtree = Unit.objects.subtree_of([unit]).values("pk")
    forums = list(Forum.objects.public().upcoming().filter(unit__in=subtree)[:3])
    commitments = list(
        Commitment.objects.open()
        .filter(unit__in=subtree)
        .select_related("unit")
        .order_by("due_date", "id")[:SHOWN]
    )
    return {
        "unit": unit,
        "forums": forums,
        "commitments": commitments,
        "today": timezone.localdate(),
    }
