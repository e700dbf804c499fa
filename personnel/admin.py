from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from personnel import scoping
from personnel.models import Assignment, Employee, Position, StaffScope, Unit

admin.site.site_header = _("Administrasi Portal Kinerja ASN Kota Tanjungpinang")
admin.site.site_title = _("Admin portal kinerja ASN")
admin.site.index_title = _("Pengelolaan data")


class ScopedChoicesMixin:
    """Limit every foreign-key choice (and so every autocomplete answer) to the user's units."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if scoping.is_scoped(db_field.related_model):
            kwargs["queryset"] = scoping.scoped_queryset(db_field.related_model, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UnitScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Changelists, forms, actions and autocompletes narrowed to the staff user's units."""

    def get_queryset(self, request):
        return scoping.scoped_queryset(self.model, request.user, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._exists_outside_scope(object_id, from_field):
            # Say "forbidden" rather than pretend it is missing: the clerk asked for a real row.
            raise PermissionDenied
        return obj

    def _exists_outside_scope(self, object_id, from_field):
        field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
        try:
            value = field.to_python(object_id)
        except ValidationError:
            return False
        return self.model._default_manager.filter(**{field.attname: value}).exists()

    def _in_scope(self, request, obj):
        return obj is None or scoping.can_access(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "order", "is_active"]

    def clean(self):
        cleaned = super().clean()
        user = self.request_user
        if not scoping.is_unrestricted(user) and cleaned.get("parent") is None:
            raise ValidationError(
                {
                    "parent": _(
                        "Pilih unit induk di dalam cakupan Anda; unit akar hanya untuk admin."
                    )
                }
            )
        return cleaned


@admin.register(Unit)
class UnitAdmin(UnitScopedAdmin):
    form = UnitAdminForm
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"code": ["name"]}
    ordering = ["name"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        request.unit_being_edited = obj  # per request: the admin instance is shared by threads
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        editing = getattr(request, "unit_being_edited", None)
        if db_field.name == "parent" and editing is not None and editing.parent_id:
            # The top unit of a clerk's scope keeps its parent, which lies outside the scope.
            field.queryset = field.queryset | Unit.objects.filter(pk=editing.parent_id)
        return field


@admin.register(Position)
class PositionAdmin(UnitScopedAdmin):
    list_display = ["title", "unit", "jabatan_type", "level", "is_head"]
    list_filter = ["jabatan_type", "level", "is_head", ("unit", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "unit__name", "unit__code"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


def search_terms(search_term: str) -> list[str]:
    """The words of an admin search box, as Django's own search splits them (quotes keep a
    phrase together)."""
    return [
        unescape_string_literal(bit) if bit.startswith(('"', "'")) and bit[0] == bit[-1] else bit
        for bit in smart_split(search_term)
    ]


SEARCH_IDS = 5_000  # matching employees or positions a staff search passes as a list of ids
SEARCH_LISTED_WORDS = 3  # words of a search whose matches are read as lists (two queries each)


def ids_or_query(queryset, *, listed: bool = True):
    """The ids of `queryset` as a list, which the planner sees, when there are at most
    SEARCH_IDS of them (one query); else, or unless `listed`, `queryset` itself, as a
    subquery."""
    if listed:
        ids = list(queryset.order_by().values_list("pk", flat=True)[: SEARCH_IDS + 1])
        if len(ids) <= SEARCH_IDS:
            return ids
    return queryset.values("pk")


def by_employee_or_position(queryset, search_term: str):
    """The rows of `queryset` (with an employee and a position) whose employee's NIP starts
    with each word of `search_term`, or whose employee's name or position's title holds it.

    The employees and the positions are found in their own tables first, through their
    indexes, and the rows by their ids, as lists (up to SEARCH_IDS of each), from the row
    table's indexes on employee and position. Matched through a join, each search tested every
    row in scope, twice (the count, then the page): ~1 s for "siti" among 1.2 million reports.
    Past SEARCH_LISTED_WORDS words, a word's matches are subqueries, so that a pasted paragraph
    costs no more queries than three words.
    """
    for index, term in enumerate(search_terms(search_term)):
        listed = index < SEARCH_LISTED_WORDS
        employees = Employee.objects.by_nip_or_name(term)
        positions = Position.objects.filter(title__icontains=term)
        queryset = queryset.filter(
            Q(employee__in=ids_or_query(employees, listed=listed))
            | Q(position__in=ids_or_query(positions, listed=listed))
        )
    return queryset


class CurrentUnitFilter(admin.SimpleListFilter):
    title = _("unit kerja (termasuk sub-unit)")
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        units = scoping.units_for(request.user).active().order_by("name")
        return [(unit.code, unit.name) for unit in units.only("code", "name")]

    def chosen_unit(self, request) -> Unit | None:
        """The unit chosen, if it is one of the staff user's; None for any other code (one with
        a NUL byte, which PostgreSQL cannot compare with a text, included)."""
        code = self.value()
        if "\x00" in code:
            return None
        return scoping.units_for(request.user).filter(code=code).first()

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        unit = self.chosen_unit(request)
        if unit is None:
            return queryset.none()
        # The subtree as a list of ids, which the planner estimates from the statistics: given
        # the recursive subquery, it walked every report of the city for the staff's report list,
        # newest first (0.4 s).
        return queryset.in_units(list(Unit.objects.subtree_of([unit]).values_list("pk", flat=True)))


class CurrentJabatanTypeFilter(admin.SimpleListFilter):
    title = _("jenis jabatan saat ini")
    parameter_name = "jabatan"

    def lookups(self, request, model_admin):
        from personnel.choices import JabatanType

        return JabatanType.choices

    def queryset(self, request, queryset):
        from personnel.choices import JabatanType

        if self.value() not in JabatanType.values:
            return queryset
        current = Assignment.objects.primary().current()
        return queryset.filter(
            pk__in=current.filter(position__jabatan_type=self.value()).values("employee_id")
        )


class AssignmentFormSet(forms.BaseInlineFormSet):
    require_primary_in_scope = False

    def clean(self):
        super().clean()
        if not self.require_primary_in_scope or any(self.errors):
            return
        has_current_primary = any(
            form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("is_primary")
            and form.cleaned_data.get("end") is None
            for form in self.forms
        )
        if not has_current_primary:
            raise ValidationError(
                _(
                    "Tambahkan penempatan jabatan utama yang masih berlaku di unit Anda; "
                    "tanpa itu pegawai ini tidak akan terlihat oleh Anda."
                )
            )


class AssignmentInline(ScopedChoicesMixin, admin.TabularInline):
    model = Assignment
    formset = AssignmentFormSet
    extra = 0
    autocomplete_fields = ["position"]
    fields = ["position", "start", "end", "is_primary", "decree"]
    ordering = ["-start"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.require_primary_in_scope = obj is None and not scoping.is_unrestricted(request.user)
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("position__unit")


@admin.register(Employee)
class EmployeeAdmin(UnitScopedAdmin):
    list_display = [
        "display_name",
        "nip",
        "employment_type",
        "golongan",
        "current_position",
        "status",
    ]
    list_filter = [
        CurrentUnitFilter,
        CurrentJabatanTypeFilter,
        "employment_type",
        "golongan",
        "status",
    ]
    search_fields = ["nip", "name"]  # get_search_results()
    search_help_text = _("Cari dengan awal NIP atau nama.")
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [AssignmentInline]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "nip",
                    "employment_type",
                    ("gelar_depan", "name", "gelar_belakang"),
                    "golongan",
                    "status",
                ]
            },
        ),
        (
            _("Data yang diturunkan dari NIP (PNS) atau diisi manual (PPPK)"),
            {"fields": ["gender", "birth_date", "tmt_cpns"]},
        ),
        (_("Kontak (tidak pernah dipublikasikan)"), {"fields": ["email", "phone"]}),
        (_("Sistem"), {"fields": ["public_id", "created_at", "updated_at"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Employees whose NIP starts with each word or whose name holds it, as the help text
        says (EmployeeQuerySet.by_nip_or_name(), through their indexes). Django's own search
        (`^nip` as UPPER(nip), and the gelar as well) made an OR no index serves: each keystroke
        in a report's employee box read all 100,000 employees of the scale data twice
        (60–130 ms)."""
        for term in search_terms(search_term):
            queryset = queryset.by_nip_or_name(term)
        return queryset, False

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_assignment()

    @admin.display(description=_("nama lengkap"), ordering="name")
    def display_name(self, employee):
        return employee.full_name

    @admin.display(description=_("jabatan saat ini"))
    def current_position(self, employee):
        current = getattr(employee, "current_assignments", None)
        if not current:
            return "—"
        return str(current[0].position)


@admin.register(Assignment)
class AssignmentAdmin(UnitScopedAdmin):
    list_display = ["employee", "position", "start", "end", "is_primary"]
    list_filter = ["is_primary", "position__jabatan_type"]
    search_fields = ["^employee__nip", "employee__name", "position__title"]  # see below
    list_select_related = ["employee", "position", "position__unit"]
    autocomplete_fields = ["employee", "position"]
    date_hierarchy = "start"
    # The latest entered first, from the primary key's index: the model's order (the latest
    # start) sorted every assignment at each load of the list (~140 ms for 100,000). An index
    # in that order served the list but drew the planner to walk it for the current head of a
    # unit, which for a unit without one is every assignment (25 ms on a unit's page).
    ordering = ["-id"]

    def get_search_results(self, request, queryset, search_term):
        return by_employee_or_position(queryset, search_term), False


class StaffScopeInline(admin.TabularInline):
    model = StaffScope
    extra = 1
    autocomplete_fields = ["unit"]
    verbose_name = _("unit yang boleh diakses")
    verbose_name_plural = _("unit yang boleh diakses (beserta sub-unitnya)")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffScopeInline]


import personnel.admin_import  # noqa: E402, F401  (registers the import history and views)
