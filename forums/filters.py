import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.choices import CLOSED_COMMITMENT, CommitmentStatus
from forums.models import Commitment
from personnel.models import Unit
from portal.widgets import QuickSelect


class CommitmentFilter(django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Unit penanggung jawab (termasuk sub-unit)"),
        queryset=Unit.objects.active().only("id", "code", "name").order_by("name"),
        to_field_name="code",
        method="filter_unit",
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    status = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Status"),
        choices=CommitmentStatus.choices,
        empty_label=_("Semua status"),
        error_messages={"invalid_choice": _("Status «%(value)s» tidak dikenal; filter diabaikan.")},
    )
    terlambat = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Tenggat"),
        choices=[("ya", _("Hanya yang melewati tenggat"))],
        empty_label=_("Semua"),
        method="filter_overdue",
        error_messages={
            "invalid_choice": _("Pilihan «%(value)s» tidak dikenal; filter diabaikan.")
        },
    )

    class Meta:
        model = Commitment
        fields = ["unit", "status", "terlambat"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__in=Unit.objects.subtree_of([value]).values("pk"))

    def filter_overdue(self, queryset, name, value):
        return queryset.exclude(status__in=CLOSED_COMMITMENT).filter(
            due_date__lt=timezone.localdate()
        )
