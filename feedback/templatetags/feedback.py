"""Feedback placed on pages other apps own: the unit page, and any linked target's page."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import assessments, figures, targets
from feedback.models import Routing, Submission
from personnel.charts import share_bars

register = template.Library()

RECENT = 5


@register.inclusion_tag("feedback/_unit_feedback.html")
def unit_feedback(unit):
    recent = list(
        Submission.objects.published()
        .filter(pk__in=Routing.objects.filter(unit=unit).values("submission"))
        .only("id", "subject", "public_subject", "kind", "status", "created_at")
        .order_by("-created_at", "-id")[:RECENT]
    )
    figure, trend = figures.unit_figures_and_trend(unit, timezone.localdate())
    return {
        "unit": unit,
        "figure": figure,
        "trend": trend,
        "trend_chart": share_bars(
            trend,
            title=_("Masukan yang ditanggapi tepat waktu per triwulan, %(unit)s")
            % {"unit": unit.name},
            chart_id="grafik-ketanggapan",
        )
        if figure.enough
        else "",
        "recent": recent,
        "minimum": figures.MIN_SUBMISSIONS,
    }


@register.inclusion_tag("feedback/_assessment_summary.html")
def unit_assessment(unit):
    """The unit's penilaian masyarakat (one query)."""
    return {"summary": assessments.summary(unit=unit), "query": f"unit={unit.code}"}


@register.inclusion_tag("feedback/_assessment_summary.html")
def employee_assessment(employee, summary=None):
    """The employee's penilaian masyarakat (one query, none when the page has read `summary`)."""
    return {
        "summary": assessments.summary(employee=employee) if summary is None else summary,
        "query": f"asn={employee.public_id}",
    }


@register.inclusion_tag("feedback/_about.html")
def feedback_about(target_type, obj):
    """What residents said in public about `obj` (a selection, forum, commitment…) and the
    link to say more (two queries at most)."""
    linked = targets.get(target_type)
    published = Submission.objects.published().about(target_type, obj)
    recent = list(
        published.only("id", "subject", "public_subject", "kind", "status", "created_at").order_by(
            "-created_at", "-id"
        )[: RECENT + 1]
    )
    return {
        "recent": recent[:RECENT],
        "count": published.count() if len(recent) > RECENT else len(recent),
        "more": len(recent) > RECENT,
        "param": linked.param,
        "key": linked.key(obj),
        "about": f"{linked.type}:{linked.key(obj)}",
        "noun": linked.noun,
    }
