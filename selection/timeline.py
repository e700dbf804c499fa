"""Where a selection stands on a given day, and what each stage has made public."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from selection.choices import STAGES_WITH_RESULTS, Outcome

DONE, NOW, NEXT = "selesai", "berlangsung", "akan_datang"
STATE_LABELS = {DONE: _("selesai"), NOW: _("sedang berlangsung"), NEXT: _("akan datang")}


@dataclass
class StageView:
    stage: object
    state: str
    has_results: bool
    results_public: bool
    passed: list = field(default_factory=list)
    others: int = 0  # registrants with a result who did not pass: counted, never named

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


def stage_state(stage, today: date) -> str:
    if stage.end < today:
        return DONE
    if stage.start <= today:
        return NOW
    return NEXT


def timeline(selection, today: date, now) -> list[StageView]:
    """The stages in order; results (from prefetched `results`) only where announced."""
    views = []
    for stage in selection.stages.all():
        public = stage.results_published_at is not None and stage.results_published_at <= now
        view = StageView(
            stage,
            stage_state(stage, today),
            has_results=stage.kind in STAGES_WITH_RESULTS,
            results_public=public,
        )
        if public:
            for result in stage.results.all():
                if result.outcome == Outcome.PASSED:
                    view.passed.append(result)
                else:
                    view.others += 1
        views.append(view)
    return views


def named_candidates(views: list[StageView]) -> list:
    """Every candidate the timeline names (passed an announced stage), by registration number;
    the same set as Candidate.objects.named_in_public(), without a query."""
    named = {result.candidate.pk: result.candidate for view in views for result in view.passed}
    return sorted(named.values(), key=lambda candidate: candidate.registration_number)


def status(selection, today: date) -> tuple[str, object | None]:
    """(state, current stage): NEXT before the first stage, DONE after the last or at the
    appointment, NOW with the stage under way (or the one about to start between stages)."""
    stages = list(selection.stages.all())
    if selection.appointed_id or not stages:
        return (DONE, None) if selection.appointed_id else (NEXT, None)
    if today < stages[0].start:
        return NEXT, stages[0]
    if today > stages[-1].end:
        return DONE, None
    current = next(stage for stage in stages if stage.end >= today)
    return NOW, current
