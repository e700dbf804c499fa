"""Atom feeds of publications: newly published reports, corrections and withdrawals.

One entry per public report version (withheld employees left out), newest change first. An
entry's id is the version's page, so a withdrawal updates the entry of the version it
withdraws (its `updated` moves) rather than adding a second one. The feed of a unit covers the
unit and all its sub-units, like the unit's performance page: a reader following a dinas also
hears about its puskesmas and UPTD.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from personnel.models import Unit
from personnel.tree import UnitNode, subtree_ids
from portal.prepared import instance, json_rows
from reports.choices import ReportStatus
from reports.models import Report, changed_at
from reports.opendata.views import MAX_AGE
from reports.performance import UNIT_FIELDS

FEED_LENGTH = 50


class ReportFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    def title(self, obj=None):
        return _("Terbitan laporan kinerja ASN Kota Tanjungpinang")

    def subtitle(self, obj=None):
        return _("Laporan yang baru terbit, koreksi dan penarikan.")

    def link(self, obj=None):
        return reverse("reports:report-list")

    def feed_url(self, obj=None):
        return reverse("reports:feed")

    def author_name(self):
        return "Pemerintah Kota Tanjungpinang"

    def feed_copyright(self):
        return "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"

    def reports(self):
        return (
            Report.objects.public()
            .not_withheld()
            .select_related("employee", "period", "unit")
            .only(
                "id",
                "version",
                "status",
                "predikat",
                "correction_reason",
                "withdrawal_reason",
                "published_at",
                "withdrawn_at",
                "employee__public_id",
                "employee__gelar_depan",
                "employee__name",
                "employee__gelar_belakang",
                "period__code",
                "period__kind",
                "period__year",
                "period__number",
                "unit__code",
                "unit__name",
            )
            # The order of the report_feed_order index: its first entries are the feed's.
            .annotate(changed_at=changed_at())
            .order_by("-changed_at", "-id")
        )

    def items(self, obj=None):
        return self.reports()[:FEED_LENGTH]

    def item_title(self, item):
        values = {
            "name": item.employee.full_name,
            "period": item.period,
            "predikat": item.get_predikat_display(),
            "version": item.version,
        }
        if item.status == ReportStatus.WITHDRAWN:
            return _("Ditarik: %(name)s, %(period)s (versi %(version)s)") % values
        if item.version > 1:
            return _("Koreksi: %(name)s, %(period)s, versi %(version)s: %(predikat)s") % values
        return _("Terbit: %(name)s, %(period)s: %(predikat)s") % values

    def item_description(self, item):
        parts = [f"{item.unit.name}."]
        if item.version > 1:
            parts.append(_("Alasan koreksi: %(reason)s") % {"reason": item.correction_reason})
        if item.status == ReportStatus.WITHDRAWN:
            parts.append(_("Alasan penarikan: %(reason)s") % {"reason": item.withdrawal_reason})
        if item.status == ReportStatus.SUPERSEDED:
            parts.append(_("Versi ini sudah digantikan koreksi."))
        return " ".join(parts)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.changed_at


class UnitReportFeed(ReportFeed):
    def get_object(self, request, code):
        """The unit, with the ids of its subtree (`subtree`) from the unit tree read with it.

        The reports are then filtered by a list of ids, which the planner estimates from the
        statistics: it walks the feed's index for a large unit and reads a small one's reports
        by unit and sorts them. Given the recursive subquery of the subtree (Unit.objects
        .subtree_of()) it cannot estimate, it walked the index for any unit, which for a unit
        with few or no reports is every public report of the city."""
        row = (
            Unit.objects.active()
            .filter(code=code)
            .annotate(tree=json_rows(Unit.objects.order_by(), *UNIT_FIELDS))
            .values(*UNIT_FIELDS, "tree")
            .first()
        )
        if row is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        unit = instance(Unit, row)
        tree = [UnitNode.from_row(node) for node in row["tree"]]
        unit.subtree = subtree_ids(tree, unit.pk)
        return unit

    def title(self, obj=None):
        return _("Terbitan laporan kinerja %(unit)s") % {"unit": obj.name}

    def subtitle(self, obj=None):
        return _("Laporan yang baru terbit, koreksi dan penarikan di unit ini dan sub-unitnya.")

    def link(self, obj=None):
        return reverse("reports:report-list") + f"?unit={obj.code}"

    def feed_url(self, obj=None):
        return reverse("reports:unit-feed", args=[obj.code])

    def items(self, obj=None):
        return self.reports().filter(unit__in=obj.subtree)[:FEED_LENGTH]
