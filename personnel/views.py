from collections import Counter

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from personnel.choices import GOLONGAN_ORDER, EmployeeStatus, EmploymentType, JabatanType
from personnel.disclosure import name_withheld, public_employee_fields, suppress, suppressed_table
from personnel.models import Assignment, Position, Unit
from personnel.tree import ancestors_in, subtree_ids


def _staff(units):
    """Current primary assignments of active employees in `units` (a queryset of units)."""
    return (
        Assignment.objects.primary()
        .current()
        .filter(position__unit__in=units, employee__status=EmployeeStatus.ACTIVE)
    )


class UnitDirectoryView(TemplateView):
    template_name = "personnel/unit_directory.html"

    def get_context_data(self, **kwargs):
        units = list(Unit.objects.for_directory())
        own_counts = dict(
            _staff(Unit.objects.active())
            .values_list("position__unit_id")
            .annotate(n=Count("employee_id", distinct=True))
        )
        children: dict[int | None, list[Unit]] = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)

        def subtree_total(unit):
            return own_counts.get(unit.pk, 0) + sum(
                subtree_total(child) for child in children.get(unit.pk, [])
            )

        def build(parent_id, depth):
            return [
                {
                    "unit": unit,
                    "staff": suppress(subtree_total(unit)),
                    "children": build(unit.pk, depth + 1),
                    "depth": depth,
                }
                for unit in children.get(parent_id, [])
            ]

        known = {unit.pk for unit in units}
        roots = [unit.parent_id for unit in units if unit.parent_id not in known]
        tree = [node for root in dict.fromkeys(roots) for node in build(root, 0)]
        return super().get_context_data(tree=tree, unit_count=len(units), **kwargs)


class UnitDetailView(DetailView):
    template_name = "personnel/unit_detail.html"
    context_object_name = "unit"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_object(self, queryset=None):
        # The whole tree is read once (a city has a few hundred units at most): the unit, its
        # parent, the breadcrumb, the sub-units and the subtree's ids all come from it.
        self.tree = list(Unit.objects.all())
        by_id = {unit.pk: unit for unit in self.tree}
        code = self.kwargs[self.slug_url_kwarg]
        unit = next((u for u in self.tree if u.code == code and u.is_active), None)
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        if unit.parent_id in by_id:
            unit.parent = by_id[unit.parent_id]
        return unit

    def get_context_data(self, **kwargs):
        unit, tree = self.object, self.tree
        staff = _staff(subtree_ids(tree, unit.pk))
        # One GROUP BY over the three columns, summed three ways here.
        by_type, by_golongan, by_employment = Counter(), Counter(), Counter()
        for jabatan_type, golongan, employment, n in staff.values_list(
            "position__jabatan_type", "employee__golongan", "employee__employment_type"
        ).annotate(n=Count("employee_id")):
            by_type[jabatan_type] += n
            by_golongan[golongan] += n
            by_employment[employment] += n
        type_cells, total = suppressed_table(by_type, JabatanType.choices)
        golongan_cells, _total = suppressed_table(
            by_golongan, [(code, code) for code in GOLONGAN_ORDER], skip_empty=True
        )
        employment_cells, _total = suppressed_table(by_employment, EmploymentType.choices)
        head = (
            _staff(Unit.objects.filter(pk=unit.pk))
            .filter(position__is_head=True)
            .select_related("employee", "position")
            .only("employee_id", "position__title", *public_employee_fields("employee__"))
            .annotate(name_withheld=name_withheld("employee_id"))
            .first()
        )
        return super().get_context_data(
            ancestors=ancestors_in(tree, unit),
            children=[node for node in tree if node.parent_id == unit.pk and node.is_active],
            head=head,
            type_cells=type_cells,
            golongan_cells=golongan_cells,
            employment_cells=employment_cells,
            total=total,
            positions=Position.objects.filter(unit=unit).order_by(
                "-is_head", "jabatan_type", "title"
            ),
            **kwargs,
        )
