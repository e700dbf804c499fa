"""Unit scoping of staff users: what each one may see and change.

A superuser sees everything. Any other staff user sees the units given to them in StaffScope
and all their sub-units, and the positions, employees and assignments in those units. A staff
user with no scope sees nothing. Every admin queryset, form choice and autocomplete goes
through these functions; templates never decide.
"""

from django.db.models import QuerySet

from personnel.models import Unit


def is_scoped(model) -> bool:
    """A model is unit-scoped when its queryset can narrow itself to units (`in_units`)."""
    return hasattr(model._default_manager.get_queryset(), "in_units")


def is_unrestricted(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def units_for(user) -> QuerySet:
    if is_unrestricted(user):
        return Unit.objects.all()
    if not (user.is_active and user.is_staff):
        return Unit.objects.none()
    return Unit.objects.in_scope_of(user)


def scoped_queryset(model, user, queryset=None) -> QuerySet:
    """`queryset` (all rows of `model` by default) narrowed to what `user` may see."""
    queryset = model._default_manager.all() if queryset is None else queryset
    if is_unrestricted(user):
        return queryset
    if not is_scoped(model):
        raise TypeError(f"no unit scope is defined for {model.__name__}")
    # The ids are read first, in their own query: a recursive CTE nested inside the EXISTS of
    # the employee scope leaves the planner guessing, and on freshly loaded tables it guessed
    # a plan that ran for minutes.
    return queryset.in_units(list(units_for(user).values_list("pk", flat=True)))


def can_access(user, obj) -> bool:
    return scoped_queryset(type(obj), user).filter(pk=obj.pk).exists()
