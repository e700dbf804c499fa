"""`field__any_of=[…]`: `field = ANY(%s)`, the list as one array parameter.

`field__in=[…]` writes one placeholder per item, so the statement's text changes with the
list's length, and a prepared statement (portal/prepared.py) cannot take it. With one array
parameter the text stays the same whatever the list.
"""

from django.db.models import ForeignKey, IntegerField, Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def register() -> None:
    """For integer columns and foreign keys (called from PortalConfig.ready)."""
    for field in (IntegerField, ForeignKey):
        field.register_lookup(AnyOf)
