"""Public pages of the open selections: the list, one selection's timeline, and feeds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from feedback import ratelimit
from feedback.confirmation import ConfirmationError
from feedback.forms import HONEYPOT, rendered_error, rendered_token
from feedback.views import too_many
from selection import services
from selection.forms import CandidateInputForm
from selection.models import CandidateInput, Selection, Stage, StageResult
from selection.timeline import STATE_LABELS, named_candidates, status, timeline


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
        window = services.input_window(selection, today)
        stages = timeline(selection, today, now)
        context.update(
            timeline=stages,
            named_candidates=named_candidates(stages),
            state=state,
            state_label=STATE_LABELS[state],
            current_stage=current,
            window=window,
            today=today,
            inputs=CandidateInput.objects.confirmed()
            .filter(candidate__selection=selection)
            .count(),
            summary_public=bool(
                selection.input_summary
                and selection.input_summary_published_at
                and selection.input_summary_published_at <= now
            ),
        )
        if window.open and "form" not in context:
            context["form"] = CandidateInputForm(
                candidates=services.eligible_candidates(selection),
                initial={"rendered": rendered_token()},
            )
        return context


@never_cache
@csrf_protect
@require_POST
def give_input(request, slug):
    view = SelectionDetailView(request=request, kwargs={"slug": slug})
    view.object = selection = get_object_or_404(view.get_queryset(), slug=slug)

    def page(status, **extra):
        context = view.get_context_data(object=selection, **extra)
        return render(request, view.template_name, context, status=status)

    if request.POST.get(HONEYPOT, "").strip():
        return render(request, "selection/input_sent.html", {"selection": selection})
    verdict = ratelimit.hit(
        "selection-input-ip",
        ratelimit.address_key(request.META.get("REMOTE_ADDR", "")),
        settings.FEEDBACK_RATE_SUBMIT_IP,
    )
    if not verdict.allowed:
        return too_many(request, verdict)
    if not services.input_window(selection).open:
        return page(
            400,
            input_problem=_(
                "Masa masukan tentang calon seleksi ini sedang tidak dibuka; masukan Anda "
                "tidak disimpan."
            ),
        )
    problem = rendered_error(request.POST.get("rendered", ""))
    data = request.POST.copy()
    data["rendered"] = rendered_token()
    form = CandidateInputForm(data, candidates=services.eligible_candidates(selection))
    if not form.is_valid() or problem:
        return page(400, form=form, input_problem=problem)
    try:
        services.input_submit(
            selection=selection,
            candidate=form.cleaned_data["candidate"],
            text=form.cleaned_data["text"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            address_key=ratelimit.address_key(request.META.get("REMOTE_ADDR", "")),
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return page(400, form=form)
    return render(request, "selection/input_sent.html", {"selection": selection})


@never_cache
def confirm_input(request, token):
    try:
        candidate_input = services.input_confirm(token=token)
    except ConfirmationError as error:
        return render(request, "selection/input_confirmed.html", {"error": str(error)}, status=400)
    return render(
        request,
        "selection/input_confirmed.html",
        {"selection": candidate_input.candidate.selection},
    )
