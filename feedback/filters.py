import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.choices import Kind, Status
from feedback.models import Routing, Submission
from personnel.models import Unit

PUBLIC_STATUSES = [
    (value, label) for value, label in Status.choices if value not in (Status.BARU, Status.DITOLAK)
]


class PublicSubmissionFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit yang menangani"),
        queryset=Unit.objects.active().only("id", "code", "name").order_by("name"),
        to_field_name="code",
        method="filter_unit",
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    kind = django_filters.ChoiceFilter(
        label=_("Jenis"),
        choices=Kind.choices,
        empty_label=_("Semua jenis"),
        error_messages={"invalid_choice": _("Jenis «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PUBLIC_STATUSES,
        empty_label=_("Semua status"),
        error_messages={"invalid_choice": _("Status «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    terlambat = django_filters.ChoiceFilter(
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
        fields = ["unit", "kind", "status", "terlambat"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(pk__in=Routing.objects.filter(unit=value).values("submission"))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate())
