"""Public pages of the open selections: the list, one selection's timeline, and feeds."""

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import DetailView, ListView

from selection.models import Selection, Stage, StageResult
from selection.timeline import STATE_LABELS, status, timeline


def public_selections():
    return (
        Selection.objects.public()
        .filter(published_at__lte=timezone.now())
        .select_related("unit")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("position")))
    )


class SelectionListView(ListView):
    template_name = "selection/selection_list.html"
    context_object_name = "selections"
    paginate_by = 20

    def get_queryset(self):
        return public_selections().with_schedule().order_by("-first_day", "title")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for selection in context["selections"]:
            selection.state, selection.current_stage = status(selection, today)
            selection.state_label = STATE_LABELS[selection.state]
        return context


class SelectionDetailView(DetailView):
    template_name = "selection/selection_detail.html"
    context_object_name = "selection"

    def get_queryset(self):
        results = StageResult.objects.select_related("candidate").order_by(
            "rank", "candidate__name"
        )
        stages = Stage.objects.order_by("position").prefetch_related(
            Prefetch("results", queryset=results)
        )
        return (
            Selection.objects.public()
            .filter(published_at__lte=timezone.now())
            .select_related("unit", "appointed")
            .prefetch_related("positions", "panel", Prefetch("stages", queryset=stages))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today, now = timezone.localdate(), timezone.now()
        selection = self.object
        state, current = status(selection, today)
        context.update(
            timeline=timeline(selection, today, now),
            state=state,
            state_label=STATE_LABELS[state],
            current_stage=current,
        )
        return context
