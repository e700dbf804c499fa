from itertools import pairwise

from django import forms
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selection.choices import STAGE_ORDER, StageKind
from selection.models import (
    Candidate,
    CandidateInput,
    PanelMember,
    Selection,
    Stage,
    StageResult,
)


class StageFormSet(forms.BaseInlineFormSet):
    """The schedule as a whole: each stage once, in the fixed order, none overlapping."""

    def clean(self):
        # Before the formset's own unique check, whose message names the field's code.
        stages = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            if data.get("kind") and data.get("start") and data.get("end"):
                stages.append((STAGE_ORDER[data["kind"]], data["kind"], data["start"], data["end"]))
        stages.sort()
        kinds = [kind for _position, kind, _start, _end in stages]
        duplicated = sorted({kind for kind in kinds if kinds.count(kind) > 1})
        if duplicated:
            raise forms.ValidationError(
                _("Setiap tahap hanya sekali: %(stages)s tercantum lebih dari sekali.")
                % {"stages": ", ".join(str(StageKind(kind).label) for kind in duplicated)}
            )
        for before, after in pairwise(stages):
            if after[2] <= before[3]:
                raise forms.ValidationError(
                    _(
                        "Tahap «%(after)s» mulai %(start)s, padahal tahap sebelumnya «%(before)s» "
                        "baru selesai %(end)s. Tahap harus berurutan dan tidak tumpang tindih."
                    )
                    % {
                        "after": StageKind(after[1]).label,
                        "start": date_format(after[2]),
                        "before": StageKind(before[1]).label,
                        "end": date_format(before[3]),
                    }
                )
        super().clean()


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["kind", "start", "end", "venue", "results_published_at"]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class StageInline(admin.TabularInline):
    model = Stage
    form = StageForm
    formset = StageFormSet
    extra = 0

    def get_extra(self, request, obj=None, **kwargs):
        return len(StageKind.values) if obj is None else 0


class PanelInline(admin.TabularInline):
    model = PanelMember
    extra = 0


@admin.register(Selection)
class SelectionAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "published_at", "appointed_on"]
    list_filter = ["unit"]
    search_fields = ["title", "announcement_number"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["unit", "positions", "appointed"]
    inlines = [StageInline, PanelInline]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, StageInline) and obj.pk is None and request.method == "GET":
            # A new selection offers the whole schedule, each stage ready for its dates.
            kwargs["initial"] = [{"kind": kind} for kind in StageKind.values]
        return kwargs

    fieldsets = [
        (None, {"fields": ["title", "slug", "unit", "positions", "announcement_number"]}),
        (None, {"fields": ["legal_basis", "description", "published_at"]}),
        (
            gettext_lazy("Hasil akhir"),
            {"fields": ["appointed", "appointed_on", "appointment_decree"]},
        ),
        (
            gettext_lazy("Masukan warga"),
            {"fields": ["input_summary", "input_summary_published_at"]},
        ),
    ]


class ResultInline(admin.TabularInline):
    model = StageResult
    extra = 0
    fields = ["stage", "outcome", "score", "rank"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            # Only the stages of the candidate's own selection.
            candidate_id = request.resolver_match.kwargs.get("object_id")
            selection = Candidate.objects.filter(pk=candidate_id).values("selection")
            kwargs["queryset"] = Stage.objects.filter(selection__in=selection)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["registration_number", "name", "current_position", "selection"]
    list_filter = ["selection"]
    search_fields = ["name", "registration_number"]
    autocomplete_fields = ["employee"]
    list_select_related = ["selection"]
    inlines = [ResultInline]


@admin.register(CandidateInput)
class CandidateInputAdmin(admin.ModelAdmin):
    """The panel reads every input with its author; nothing of it is public but the count."""

    list_display = ["candidate", "author_name", "created_at", "confirmed_at"]
    list_filter = ["candidate__selection", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["candidate__name", "author_name", "author_email", "text"]
    list_select_related = ["candidate"]
    readonly_fields = ["candidate", "text", "author_name", "author_email", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
