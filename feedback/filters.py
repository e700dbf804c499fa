import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback import targets
from feedback.choices import Kind, Status
from feedback.forms import resolve_target
from feedback.models import Routing, Submission
from personnel.models import Unit
from portal.widgets import QuickSelect

PUBLIC_STATUSES = [
    (value, label) for value, label in Status.choices if value not in (Status.BARU, Status.DITOLAK)
]


class LinkedTargetField(forms.CharField):
    """A token such as «forum:forum-warga-dompak-2026-11» naming a linked target's object."""

    widget = forms.HiddenInput

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        target = resolve_target(value)
        if target is None or targets.get(target[0]) is None:
            raise forms.ValidationError(
                _("Sasaran «%(value)s» tidak ditemukan; filter diabaikan."),
                params={"value": value[:80]},
            )
        return target


class LinkedTargetFilter(django_filters.Filter):
    field_class = LinkedTargetField


class PublicSubmissionFilter(django_filters.FilterSet):
    tentang = LinkedTargetFilter(label=_("Tentang"), method="filter_about", max_length=200)
    unit = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Unit yang menangani"),
        queryset=Unit.objects.active().only("id", "code", "name").order_by("name"),
        to_field_name="code",
        method="filter_unit",
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    kind = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Jenis"),
        choices=Kind.choices,
        empty_label=_("Semua jenis"),
        error_messages={"invalid_choice": _("Jenis «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    status = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Status"),
        choices=PUBLIC_STATUSES,
        empty_label=_("Semua status"),
        error_messages={"invalid_choice": _("Status «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    terlambat = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Batas waktu"),
        choices=[("ya", _("Hanya yang melewati batas waktu"))],
        empty_label=_("Semua"),
        method="filter_overdue",
        error_messages={
            "invalid_choice": _("Pilihan «%(value)s» tidak dikenal; filter diabaikan.")
        },
    )

    class Meta:
        model = Submission
        fields = ["tentang", "unit", "kind", "status", "terlambat"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(pk__in=Routing.objects.filter(unit=value).values("submission"))

    def filter_about(self, queryset, name, value):
        return queryset.about(*value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate())
