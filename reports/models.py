import calendar
import functools
from collections import Counter
from datetime import date

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest, Mod
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from personnel import search
from personnel.audit import audited
from personnel.disclosure import public_employee_fields
from personnel.models import Employee, ImportRecord, Position, Unit
from portal.labels import ChoiceLabels
from portal.links import Link
from portal.managers import BuiltOnceManager
from portal.prepared import PreparedQuery, json_values
from reports.choices import (
    IN_PROGRESS_STATUSES,
    PREDIKAT_EXPLANATION,
    PREDIKAT_MATRIX,
    PUBLIC_STATUSES,
    TRANSITIONS,
    Aspect,
    BerAkhlak,
    IndicatorKind,
    OrganisationPredikat,
    PeriodKind,
    Predikat,
    Rating,
    ReportStatus,
)

QUARTER_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTH_NAMES = {
    1: _("Januari"),
    2: _("Februari"),
    3: _("Maret"),
    4: _("April"),
    5: _("Mei"),
    6: _("Juni"),
    7: _("Juli"),
    8: _("Agustus"),
    9: _("September"),
    10: _("Oktober"),
    11: _("November"),
    12: _("Desember"),
}
PERIOD_NUMBERS = {PeriodKind.MONTHLY: 12, PeriodKind.QUARTERLY: 4, PeriodKind.ANNUAL: 1}

REPORT_LINK = Link("reports:report-detail", "public_id", "period", "version")


def period_bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    if kind == PeriodKind.MONTHLY:
        first_month, last_month = number, number
    elif kind == PeriodKind.QUARTERLY:
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        first_month, last_month = 1, 12
    return (
        date(year, first_month, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def period_code(kind: str, year: int, number: int) -> str:
    if kind == PeriodKind.MONTHLY:
        return f"{year}-{number:02d}"
    if kind == PeriodKind.QUARTERLY:
        return f"{year}-t{number}"
    return f"{year}"


@functools.lru_cache(maxsize=4096)
def period_label(kind: str, number: int, year: int, language: str | None) -> str:
    """A period's name in `language`, the active one (part of the key: a page names the same
    few dozen periods many times, each a translation lookup and a format)."""
    if kind == PeriodKind.MONTHLY:
        return f"{MONTH_NAMES[number]} {year}"
    if kind == PeriodKind.QUARTERLY:
        return _("Triwulan %(roman)s %(year)s") % {"roman": QUARTER_ROMAN[number], "year": year}
    return _("Tahun %(year)s") % {"year": year}


class PeriodQuerySet(models.QuerySet):
    def for_listing(self):
        return self.order_by("-year", "kind", "-number")


@audited()
class Period(ChoiceLabels, models.Model):
    """An evaluation period: a month, a quarter (triwulan) or a year."""

    kind = models.CharField(_("jenis"), max_length=12, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(
        _("nomor"),
        default=1,
        help_text=_("Bulan (1–12) untuk periode bulanan, triwulan (1–4), atau 1 untuk tahunan."),
    )
    code = models.SlugField(
        _("kode"),
        max_length=10,
        unique=True,
        editable=False,
        help_text=_("Dipakai di alamat publik: 2025-01, 2025-t1, 2025."),
    )
    start = models.DateField(_("mulai"), editable=False)
    end = models.DateField(_("selesai"), editable=False)
    is_open = models.BooleanField(
        _("terbuka"),
        default=True,
        help_text=_("Hapus centang untuk menutup periode: tidak ada laporan baru yang dibuat."),
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="period_unique"),
            models.CheckConstraint(
                condition=Q(kind=PeriodKind.MONTHLY, number__gte=1, number__lte=12)
                | Q(kind=PeriodKind.QUARTERLY, number__gte=1, number__lte=4)
                | Q(kind=PeriodKind.ANNUAL, number=1),
                name="period_number_fits_kind",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_order"),
        ]

    def __str__(self):
        return period_label(self.kind, self.number, self.year, get_language())

    def save(self, *args, **kwargs):
        # The code and dates follow from kind, year and number; no one types them.
        self.start, self.end = period_bounds(self.kind, self.year, self.number)
        self.code = period_code(self.kind, self.year, self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:report-list") + f"?periode={self.code}"

    def clean(self):
        if self.kind and self.year:
            if not 1 <= (self.number or 0) <= PERIOD_NUMBERS[self.kind]:
                raise ValidationError({"number": _("Nomor periode tidak sesuai dengan jenisnya.")})
            if not 2000 <= self.year <= 2100:
                raise ValidationError({"year": _("Tahun di luar rentang 2000–2100.")})


# What a row of the public report list shows (reports.listing): no private field.
LISTED_FIELDS = (
    "id",
    "version",
    "predikat",
    "position_title",
    "period_id",
    "unit_id",
    "employee__public_id",
    "employee__gelar_depan",
    "employee__name",
    "employee__gelar_belakang",
)


def changed_at():
    """When a public report version last changed: its withdrawal, else its publication (the
    order of the Atom feeds, reports.feeds, and of their index, report_feed_order)."""
    return Greatest("published_at", Coalesce("withdrawn_at", "published_at"))


class ReportQuerySet(models.QuerySet):
    def in_units(self, units):
        return self.filter(unit__in=units)

    def public(self):
        """Every version citizens may read: published, superseded by a correction, or withdrawn."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def published(self):
        """The current published version of each report."""
        return self.filter(status=ReportStatus.PUBLISHED)

    def not_withheld(self):
        return self.exclude(
            Exists(Withholding.objects.active().filter(employee_id=OuterRef("employee_id")))
        )

    def disclosed(self):
        """Published reports an individual page may show (withheld employees left out)."""
        return self.published().not_withheld()

    def for_listing(self):
        """The values a row of the public report list shows (reports.listing)."""
        return self.values(*LISTED_FIELDS)


class ReportManager(BuiltOnceManager.from_queryset(ReportQuerySet)):
    def disclosed(self):
        return self.built_once("disclosed")


class FrozenUnless(pgtrigger.ReadOnly):
    """ReadOnly, but only for rows whose old status is one of `statuses`."""

    def __init__(self, *, statuses, **kwargs):
        self.statuses = list(statuses)
        super().__init__(**kwargs)

    def get_condition(self, model):
        changed = super().get_condition(model)
        if isinstance(changed, pgtrigger.Q):
            return pgtrigger.Q(old__status__in=self.statuses) & changed
        listed = ", ".join(f"'{status}'" for status in self.statuses)
        return pgtrigger.Condition(f'OLD."status" IN ({listed}) AND ({changed.sql})')


def actor(label):
    """The staff user who took a step of the workflow (kept even if the account is retired)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )


WORKFLOW_FIELDS = [
    "status",
    "updated_at",
    "submitted_at",
    "submitted_by",
    "approved_at",
    "approved_by",
    "published_at",
    "published_by",
    "withdrawn_at",
    "withdrawn_by",
    "withdrawal_reason",
]


@audited(exclude=["updated_at"])
class Report(ChoiceLabels, models.Model):
    """One SKP evaluation of an employee for a period; corrections are new versions."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        Period,
        verbose_name=_("periode"),
        on_delete=models.PROTECT,
        related_name="reports",
        db_index=False,  # report_period_then_id serves it
    )
    version = models.PositiveSmallIntegerField(_("versi"), default=1, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    # What the employee was at evaluation time, kept as it was then.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="reports",
        help_text=_("Unit kerja pegawai pada periode ini; diisi dari jabatan utamanya."),
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
    )
    position_title = models.CharField(_("nama jabatan"), max_length=200, blank=True)
    jabatan_type = models.CharField(_("jenis jabatan"), max_length=30, blank=True)
    golongan = models.CharField(_("golongan"), max_length=6, blank=True)
    evaluator = models.ForeignKey(
        Employee,
        verbose_name=_("pejabat penilai"),
        on_delete=models.PROTECT,
        related_name="evaluated_reports",
        null=True,
        blank=True,
        help_text=_("Atasan langsung yang menilai."),
    )
    evaluator_superior = models.ForeignKey(
        Employee,
        verbose_name=_("atasan pejabat penilai"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    hasil_kerja = models.CharField(
        _("rating hasil kerja"),
        max_length=10,
        choices=Rating.choices,
        help_text=_("Penilaian pejabat penilai atas capaian seluruh RHK."),
    )
    perilaku = models.CharField(
        _("rating perilaku kerja"),
        max_length=10,
        choices=Rating.choices,
        help_text=_("Penilaian atas tujuh nilai BerAKHLAK."),
    )
    predikat = models.CharField(
        _("predikat kinerja"),
        max_length=16,
        choices=Predikat.choices,
        editable=False,
        help_text=_("Diturunkan dari kedua rating menurut matriks PermenPANRB 6/2022."),
    )
    evaluator_notes = models.TextField(
        _("catatan pejabat penilai"), blank=True, help_text=_("Umpan balik umum; dipublikasikan.")
    )
    correction_reason = models.TextField(
        _("alasan koreksi"),
        blank=True,
        help_text=_("Wajib untuk versi kedua dan seterusnya; dipublikasikan bersama riwayat."),
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("versi sebelumnya"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        editable=False,
    )
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True, editable=False)

    created_by = actor(_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, editable=False)
    submitted_by = actor(_("diajukan oleh"))
    approved_at = models.DateTimeField(_("disetujui"), null=True, editable=False)
    approved_by = actor(_("disetujui oleh"))
    published_at = models.DateTimeField(_("diterbitkan"), null=True, editable=False)
    published_by = actor(_("diterbitkan oleh"))
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, editable=False)
    withdrawn_by = actor(_("ditarik oleh"))

    objects = ReportManager()

    class Meta:
        verbose_name = _("laporan kinerja (SKP)")
        verbose_name_plural = _("laporan kinerja (SKP)")
        ordering = ["-period__year", "employee__name"]
        permissions = [
            ("submit_report", _("Dapat mengajukan laporan kinerja")),
            ("approve_report", _("Dapat menyetujui laporan kinerja")),
            ("publish_report", _("Dapat menerbitkan, mengoreksi dan menarik laporan kinerja")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "period", "version"], name="report_one_per_version"
            ),
            models.UniqueConstraint(
                fields=["employee", "period"],
                condition=Q(status=ReportStatus.PUBLISHED),
                name="report_one_published",
            ),
            models.UniqueConstraint(
                fields=["employee", "period"],
                condition=Q(status__in=IN_PROGRESS_STATUSES),
                name="report_one_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(hasil_kerja=hasil, perilaku=perilaku, predikat=predikat)
                        for (hasil, perilaku), predikat in PREDIKAT_MATRIX.items()
                    ],
                    _connector=Q.OR,
                ),
                name="report_predikat_matches_matrix",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_reason=""),
                name="report_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="report_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(published_at__isnull=False),
                name="report_published_has_date",
            ),
        ]
        indexes = [
            # A period's reports, the latest entered first: the staff's report list filtered to
            # a period (reports.admin.ReportAdmin.ordering). Walking the primary key instead
            # passed every later period's reports first (0.2 s for an old one on the scale
            # data). It serves the period's foreign key as well.
            models.Index(fields=["period", "id"], name="report_period_then_id"),
            models.Index(fields=["period", "status", "unit"], name="report_period_status_unit"),
            models.Index(fields=["employee", "status"], name="report_employee_status"),
            # The counts of the dashboards and of the report list read only this index (an
            # index-only scan of one period's published reports), never the table.
            models.Index(
                fields=["period", "unit", "predikat"],
                include=["employee", "jabatan_type", "golongan"],
                condition=Q(status=ReportStatus.PUBLISHED),
                name="report_published_counts",
            ),
            # The report list sorted by publication (urut=terbit / -terbit): an index scan that
            # stops after a page instead of sorting a period's reports. It holds every column
            # the list filters by, so a filtered page's ids come from the index alone
            # (reports.filters.filtered_page()).
            models.Index(
                models.F("period"),
                models.F("published_at").desc(),
                models.F("id").desc(),
                include=["unit", "predikat", "jabatan_type", "golongan", "employee"],
                condition=Q(status=ReportStatus.PUBLISHED),
                name="report_published_at_filters",
            ),
            # The report list filtered by name: the matching employees' reports of one period
            # in one index scan (period_id = … AND employee_id = ANY(…)), their ids read from
            # the index alone (reports.filters.in_name_order()).
            models.Index(
                fields=["period", "employee"],
                include=["id"],
                condition=Q(status=ReportStatus.PUBLISHED),
                name="report_published_employee",
            ),
            # The report list sorted by predikat reads one predikat's reports at a time
            # (reports.paging): a rare one (Kurang, 2 %) in one index scan, not a walk of
            # every name.
            models.Index(
                fields=["period", "predikat", "employee"],
                condition=Q(status=ReportStatus.PUBLISHED),
                name="report_published_predikat",
            ),
            # The Atom feeds: the latest changes of public versions, an index scan that stops
            # after a feed's entries. Without it each request sorted every public report (1.2 s
            # on the scale data, and the feeds are not in the page cache). The unit last, as a
            # key that does not change the order: a unit's feed tests it in the index (one
            # kelurahan's feed 10 → 0.3 ms).
            models.Index(
                changed_at().desc(),
                models.F("id").desc(),
                models.F("unit"),
                condition=Q(status__in=PUBLIC_STATUSES),
                name="report_feed_order",
            ),
        ]
        triggers = [
            pgtrigger.FSM(name="report_workflow", field="status", transitions=TRANSITIONS),
            # Once out of draft, the evaluation itself never changes: only the workflow moves.
            FrozenUnless(
                name="report_content_frozen",
                statuses=[s for s in ReportStatus.values if s != ReportStatus.DRAFT],
                exclude=WORKFLOW_FIELDS,
            ),
            # Once published, not even the publication stamps change; it may only be superseded
            # by a correction or withdrawn with a reason.
            FrozenUnless(
                name="report_publication_frozen",
                statuses=list(PUBLIC_STATUSES),
                exclude=[
                    "status",
                    "updated_at",
                    "withdrawn_at",
                    "withdrawn_by",
                    "withdrawal_reason",
                ],
            ),
            FrozenUnless(
                name="report_history_frozen",
                statuses=[ReportStatus.SUPERSEDED, ReportStatus.WITHDRAWN],
            ),
            pgtrigger.Protect(
                name="report_only_drafts_deleted",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status__df=ReportStatus.DRAFT),
            ),
        ]

    def __str__(self):
        return f"{self.employee} – {self.period} (v{self.version})"

    def save(self, *args, **kwargs):
        self.derive_predikat()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return REPORT_LINK(self.employee.public_id, self.period.code, self.version)

    def derive_predikat(self) -> None:
        """Set the predikat from the two ratings (also before a bulk write, which skips save)."""
        self.predikat = PREDIKAT_MATRIX.get((self.hasil_kerja, self.perilaku), "")

    @property
    def predikat_explanation(self):
        return PREDIKAT_EXPLANATION.get(self.predikat, "")

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


# Children of a report change only while it is a draft; the database checks the parent.
CHILD_FROZEN_SQL = """
    IF EXISTS (
        SELECT 1 FROM reports_report
        WHERE id = COALESCE(NEW.report_id, OLD.report_id) AND status <> 'draft'
    ) OR (TG_OP = 'UPDATE' AND EXISTS (
        SELECT 1 FROM reports_report WHERE id = OLD.report_id AND status <> 'draft'
    )) THEN
        RAISE EXCEPTION 'reports: % of a report that is no longer a draft cannot change',
            TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN COALESCE(NEW, OLD);
"""


def child_frozen_trigger(name: str) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=CHILD_FROZEN_SQL,
    )


class IndicatorQuerySet(models.QuerySet):
    def disclosed(self):
        """Indicators of reports an individual page may show (Report.objects.disclosed()).

        The withheld employees as NOT IN, which PostgreSQL tests against a hash of the few active
        withholdings: a NOT EXISTS probed their index once per indicator (the site search read
        up to 1,001 matches: ~0.4 ms of its ~2.5)."""
        return self.filter(report__status=ReportStatus.PUBLISHED).exclude(
            report__employee_id__in=Withholding.objects.active().values("employee_id")
        )

    def search(self, terms: str, *, also: str = "", indexed: bool = True):
        """Disclosed indicators whose RHK or IKI matches `terms` (or `also`) by full text.

        `also` is the same search with misspelt words corrected (portal.search): not the words
        near each typed one, as names and titles have (see personnel.search), which over
        millions of texts would widen a common word's matches further. `indexed`: see
        personnel.search.matching()."""
        return search.matching(self.disclosed(), terms, also=also, indexed=indexed)

    def ranked(self, terms: str, *, also: str = ""):
        """The indicators as values: each one's id (`pk`) and rank for `terms` (`search_rank`),
        in no order.

        Ranked as each match is read, from the row the match was tested on: ranking afterwards
        read each row again by its id (portal.search ranks the first COUNT_CAP + 1 matches)."""
        rank = search.rank(terms, exact_field="iki", also=also)
        return self.annotate(search_rank=rank).order_by().values("pk", "search_rank")

    def ranked_matches(self, terms: str, *, also: str = "", indexed: bool = True):
        """search() as ranked() values."""
        return self.search(terms, also=also, indexed=indexed).ranked(terms, also=also)

    def result_rows(self, ids):
        """The disclosed ones of the indicators `ids`, as the values a search result shows, in
        no particular order."""
        return self.disclosed().filter(pk__any_of=ids).values(*SEARCH_RESULT_FIELDS)


# What a search result shows of an indicator (portal.search.indicator_item).
SEARCH_RESULT_FIELDS = (
    "id",
    "rhk",
    "iki",
    "report__id",
    "report__version",
    "report__period__id",
    "report__period__code",
    "report__period__kind",
    "report__period__year",
    "report__period__number",
    *public_employee_fields("report__employee__"),
)


class IndicatorManager(BuiltOnceManager.from_queryset(IndicatorQuerySet)):
    def disclosed(self):
        return self.built_once("disclosed")


# The indicators' full-text index is in SEARCH_BUCKETS parts, each holding runs of SEARCH_BLOCK
# consecutive reports (report ids 0-4095 in the first, 4096-8191 in the second… then the first
# again). A GIN index gives all of a word's matches at once, as a bitmap of every one of them:
# for a word in one indicator in a hundred (33,000 of 3.6 million) that took 2.7 ms before the
# first match was read, and a plan that walked the indicators instead, when the planner guessed
# the matches spread evenly, read 280,000 rows for a word of some units only (~100 ms). A
# bucket holds a thirty-second of them, and runs of reports keep a unit's indicators together,
# which makes its bitmap cheaper still (bench/README.md).
SEARCH_BUCKETS = 32
SEARCH_BLOCK = 4096


@audited(exclude=["search_document", "search_bucket"])
class Indicator(ChoiceLabels, models.Model):
    """A planned work result (RHK) with its individual indicator (IKI), target and realisasi."""

    report = models.ForeignKey(
        Report, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(
        _("jenis RHK"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.UTAMA
    )
    superior_rhk = models.ForeignKey(
        "self",
        verbose_name=_("RHK atasan yang diintervensi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("RHK pejabat penilai yang didukung oleh RHK ini, bila ada."),
    )
    rhk = models.TextField(_("rencana hasil kerja (RHK)"))
    aspect = models.CharField(_("aspek"), max_length=10, choices=Aspect.choices)
    iki = models.TextField(_("indikator kinerja individu (IKI)"))
    target = models.CharField(_("target"), max_length=200)
    realisasi = models.CharField(_("realisasi"), max_length=200, blank=True)
    feedback = models.TextField(_("umpan balik"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # The full-text document of RHK and IKI, kept by PostgreSQL: a search for a frequent word
    # (pelayanan) filters thousands of candidate rows, and computing to_tsvector for each one
    # was most of the search's database time.
    search_document = search.stored_document("rhk", "iki")
    # Which of the full-text index's SEARCH_BUCKETS parts holds the document: runs of
    # SEARCH_BLOCK reports in turn (portal.search.bucketed_sql()).
    search_bucket = models.GeneratedField(
        expression=Mod(F("report_id") / SEARCH_BLOCK, SEARCH_BUCKETS),
        output_field=models.IntegerField(),
        db_persist=True,
        verbose_name=_("bagian indeks pencarian"),
    )

    objects = IndicatorManager()

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["report", "kind", "order", "id"]
        triggers = [child_frozen_trigger("indicator_frozen_with_report")]
        # One full-text index for each bucket: a search reads the buckets in turn and stops at
        # the matches it needs, so a word of middling frequency never has all its matches
        # collected first (portal.search.bucketed_sql()).
        indexes = [
            # The whole of it, for a rare word (portal.search.Words.rare): one bitmap of a few
            # matches, where the buckets' scans cost ~1 ms to start.
            search.stored_index("indicator_text_fts"),
            *(
                GinIndex(
                    fields=["search_document"],
                    name=f"indicator_fts_{bucket:02d}",
                    condition=Q(search_bucket=bucket),
                )
                for bucket in range(SEARCH_BUCKETS)
            ),
        ]

    def __str__(self):
        return self.iki[:80]


@audited()
class BehaviourRating(ChoiceLabels, models.Model):
    """The evaluator's note on one BerAKHLAK value, with the leader's specific expectation."""

    report = models.ForeignKey(
        Report, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="behaviours"
    )
    value = models.CharField(_("nilai BerAKHLAK"), max_length=12, choices=BerAkhlak.choices)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    notes = models.TextField(_("catatan"), blank=True)
    leader_expectation = models.TextField(
        _("ekspektasi khusus pimpinan"),
        blank=True,
        help_text=_("Ekspektasi khusus yang disampaikan pimpinan untuk nilai ini, bila ada."),
    )

    class Meta:
        verbose_name = _("penilaian perilaku kerja")
        verbose_name_plural = _("penilaian perilaku kerja (BerAKHLAK)")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "value"], name="behaviour_once_per_value")
        ]
        triggers = [child_frozen_trigger("behaviour_frozen_with_report")]

    def __str__(self):
        return f"{self.get_value_display()}: {self.get_rating_display()}"


class WithholdingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


@audited()
class Withholding(models.Model):
    """The PPID's decision to withhold an employee's individual reports from the public."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="withholdings"
    )
    reason = models.TextField(
        _("alasan (uji konsekuensi)"),
        help_text=_(
            "Hasil uji konsekuensi PPID: informasi apa yang dikecualikan, dasar hukumnya, dan "
            "mengapa membukanya lebih merugikan daripada menutupnya."
        ),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = WithholdingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengecualian informasi")
        verbose_name_plural = _("pengecualian informasi (PPID)")
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(lifted_at__isnull=True),
                name="withholding_one_active",
            )
        ]

    def __str__(self):
        return str(self.employee)


@audited()
class UnitRating(ChoiceLabels, models.Model):
    """A unit's own performance rating for a year (predikat kinerja organisasi)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    predikat = models.CharField(
        _("predikat organisasi"), max_length=16, choices=OrganisationPredikat.choices
    )
    basis = models.CharField(
        _("dasar penetapan"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya nomor keputusan Wali Kota atau hasil evaluasi SAKIP."),
    )

    class Meta:
        verbose_name = _("predikat organisasi")
        verbose_name_plural = _("predikat organisasi")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unitrating_one_per_year")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.get_predikat_display()}"


@audited()
class DistributionRule(ChoiceLabels, models.Model):
    """How much of a unit's staff may (or must) hold a predikat, given the unit's own rating."""

    organisation_predikat = models.CharField(
        _("predikat organisasi"), max_length=16, choices=OrganisationPredikat.choices
    )
    employee_predikat = models.CharField(
        _("predikat pegawai"), max_length=16, choices=Predikat.choices
    )
    max_percent = models.PositiveSmallIntegerField(_("paling banyak (%)"), null=True, blank=True)
    min_percent = models.PositiveSmallIntegerField(_("paling sedikit (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("aturan distribusi predikat")
        verbose_name_plural = _("aturan distribusi predikat")
        ordering = ["organisation_predikat", "employee_predikat"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_predikat", "employee_predikat"], name="distribution_unique"
            ),
            models.CheckConstraint(
                condition=Q(max_percent__isnull=True) | Q(max_percent__lte=100),
                name="distribution_max_percent",
            ),
            models.CheckConstraint(
                condition=Q(min_percent__isnull=True) | Q(min_percent__lte=100),
                name="distribution_min_percent",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_organisation_predikat_display()} → {self.get_employee_predikat_display()}"
        )


class SkpImport(ImportRecord):
    """One upload of SKP evaluation results exported from e-Kinerja (see docs/import.md)."""

    report_count = models.PositiveIntegerField(_("laporan baru"), default=0)
    replaced_count = models.PositiveIntegerField(_("draf diganti"), default=0)
    indicator_count = models.PositiveIntegerField(_("indikator"), default=0)

    COUNT_FIELDS = ("report_count", "replaced_count", "indicator_count")

    class Meta(ImportRecord.Meta):
        verbose_name = _("impor hasil SKP")
        verbose_name_plural = _("impor hasil SKP")
        permissions = [("import_skp", _("Dapat mengimpor hasil penilaian SKP dari berkas"))]


def withheld_published(**filters):
    """The published reports, under `filters`, of employees whose reports are withheld: what
    the counts include and the public totals leave out."""
    return (
        Report.objects.published()
        .filter(**filters)
        .filter(Exists(Withholding.objects.active().filter(employee_id=OuterRef("employee_id"))))
        .order_by()
    )


# Example values no row has, for each filter the prepared totals take (portal/prepared.py).
TOTAL_EXAMPLES = {
    "unit__any_of": [-7_102],
    "predikat": "\x1fpredikat",
    "jabatan_type": "\x1fjabatan",
    "golongan": "\x1fgolongan",
}


def prepared_filters(filters: dict) -> tuple[int, dict] | None:
    """The period's id and the other `filters` as prepared statements take them (the units as
    an array under "unit__any_of", every name one of TOTAL_EXAMPLES), or None when they
    cannot: no period, or another filter."""
    prepared = dict(filters)
    if "unit__in" in prepared:
        prepared["unit__any_of"] = list(prepared.pop("unit__in"))
    period = prepared.pop("period", None)
    if period is None or not prepared.keys() <= TOTAL_EXAMPLES.keys():
        return None
    return getattr(period, "pk", period), prepared


def preparable(counts, filters: dict) -> tuple[int, dict] | None:
    """prepared_filters(), for the prepared totals: None too for counts already filtered."""
    return None if counts.query.where else prepared_filters(filters)


def totals_parts(counts, field: str, **filters):
    """The `counts` under `filters` summed per value of `field`, and the withheld employees'
    published reports counted the same way and negated: what `disclosed_by()` adds up."""
    counted = counts.filter(**filters).order_by().values(field).annotate(n=models.Sum("total"))
    withheld = withheld_published(**filters).values(field).annotate(n=models.Count("*") * -1)
    return counted, withheld


def totals_by_values(counts, field: str, **filters):
    """`totals_parts()` as one query (UNION ALL)."""
    counted, withheld = totals_parts(counts, field, **filters)
    return counted.union(withheld, all=True)


UNIT_COUNT_FIELDS = {"period", "unit", "unit__any_of", "unit__in", "predikat"}
GRADE_COUNT_FIELDS = {"period", "jabatan_type", "golongan", "predikat"}


def counts_for(field: str, filters) -> models.QuerySet:
    """The smallest counts that can answer `field` under the filters: the sums per unit or per
    jabatan type and golongan (a period's ~350 or ~250 rows) when no other field is involved,
    the full counts (~5,000) otherwise."""
    used = {field, *filters}
    if used <= UNIT_COUNT_FIELDS:
        return PublishedUnitCount.objects.all()
    if used <= GRADE_COUNT_FIELDS:
        return PublishedGradeCount.objects.all()
    return PublishedCount.objects.all()


def period_totals_by_values(field: str, period: int, **filters):
    """`totals_parts()` of a period's counts as one SELECT, the period's row with both parts as
    arrays of [value, n] (json_values()): a prepared statement cannot be a UNION
    (django-pghistory puts its context in front of any statement not starting with SELECT)."""
    counted, withheld = totals_parts(
        counts_for(field, filters), field, period=OuterRef("pk"), **filters
    )
    return (
        Period.objects.filter(pk=period)
        .annotate(
            counted=json_values(counted, field, "n"), withheld=json_values(withheld, field, "n")
        )
        .values("counted", "withheld")
        .order_by()
    )


@functools.cache
def period_totals_by(field: str, names: tuple[str, ...]) -> PreparedQuery:
    """The prepared `period_totals_by_values(field, period, **filters)` for the filters
    `names`."""

    def build(period, *values):
        return period_totals_by_values(field, period, **dict(zip(names, values, strict=True)))

    # Opaque (portal.prepared.opaqued): the same plan for any period and filters, which the
    # report list then does not plan again at every request.
    return PreparedQuery(build, -7_101, *(TOTAL_EXAMPLES[name] for name in names), opaque=True)


class PublishedCountQuerySet(models.QuerySet):
    def disclosed_by(self, field: str, **filters) -> dict:
        """`disclosed_total()` for each value of `field` (predikat or unit), in one query.

        The counts grouped by the field, and the withheld employees' published reports grouped
        the same way and negated, in one UNION ALL; values without a disclosed report are left
        out. Like `disclosed_total()`, one prepared statement per field and set of filters.
        """
        prepared = preparable(self, filters)
        if prepared is not None:
            period, others = prepared
            names = tuple(sorted(others))
            row = period_totals_by(field, names).row(period, *map(others.get, names))
            pairs = [*row["counted"], *row["withheld"]] if row else []
        else:
            rows = totals_by_values(self, field, **filters)
            pairs = [(row[field], row["n"]) for row in rows]
        totals = Counter()
        for value, n in pairs:
            totals[value] += n
        return {value: n for value, n in totals.items() if n > 0}

    def disclosed_total(self, **filters) -> int:
        """`Report.objects.disclosed().filter(**filters).count()`, from the counts, in one query.

        The counts include withheld employees; their few published reports are counted
        directly (by employee, from the active withholdings) and subtracted. `filters` may use
        period, unit, predikat, jabatan_type and golongan, the fields both tables have.

        With a period, and the units (if any) as `unit__in`, it is `disclosed_by("period")`: one
        prepared statement per set of filters used. The report list asks this at every request.
        """
        if preparable(self, filters) is not None:
            return sum(self.disclosed_by("period", **filters).values())
        withheld = (
            withheld_published(**filters).values("status").annotate(n=models.Count("*")).values("n")
        )
        return self.filter(**filters).aggregate(
            n=Coalesce(models.Sum("total"), 0) - Coalesce(models.Subquery(withheld), 0)
        )["n"]


class Tally(models.Model):
    """Published reports counted per group: a period, a predikat and the model's own `KEY`.

    Derived data, never written by Python: statement-level triggers on reports_report keep the
    tallies exact through every insert, status change and delete (reports/migrations/0008
    _published_counts.py, 0014_published_sums.py), and `manage.py rebuild_published_counts`
    (SQL function `reports_published_count_rebuild()`) recounts them from scratch. Withheld
    employees are counted, as in every aggregate; the list subtracts them. Not audited: every
    change is a report's own, which is.
    """

    KEY: tuple[str, ...] = ()  # the fields of a group, in the order of its unique constraint

    period = models.ForeignKey(Period, on_delete=models.DO_NOTHING, related_name="+")
    predikat = models.CharField(max_length=16)
    # Not PositiveIntegerField: ON CONFLICT checks the proposed row (a -1) before the conflict.
    total = models.IntegerField()  # a group that reaches 0 is deleted by the trigger

    class Meta:
        abstract = True
        indexes = [
            # Lets the trigger find the groups that just reached zero without reading the table.
            models.Index(fields=["id"], condition=Q(total=0), name="%(class)s_zero"),
        ]

    def __str__(self):
        key = "/".join(str(getattr(self, self._meta.get_field(name).attname)) for name in self.KEY)
        return f"{key}: {self.total}"


COUNT_KEY = ("period", "unit", "predikat", "jabatan_type", "golongan")


class PublishedCount(Tally):
    """How many reports are published, per period, unit, predikat, jabatan type and golongan.

    The aggregate pages and the report list's page count read these few thousand rows a period
    instead of a period's ~100,000 reports (or the two sums of them below, smaller still).
    """

    KEY = COUNT_KEY

    unit = models.ForeignKey(Unit, on_delete=models.DO_NOTHING, related_name="+")
    jabatan_type = models.CharField(max_length=30)
    golongan = models.CharField(max_length=6)

    objects = PublishedCountQuerySet.as_manager()

    class Meta(Tally.Meta):
        verbose_name = _("jumlah laporan terbit")
        verbose_name_plural = _("jumlah laporan terbit")
        constraints = [models.UniqueConstraint(fields=COUNT_KEY, name="%(class)s_one_per_group")]
        indexes = [
            *Tally.Meta.indexes,
            # The unit page's trend: a unit's subtree over twelve periods, read from the index
            # alone (0.17 ms instead of 1.4 ms through the period index on the scale data).
            models.Index(
                fields=["unit", "period"],
                include=["predikat", "total"],
                name="publishedcount_unit_period",
            ),
        ]


UNIT_COUNT_KEY = ("period", "unit", "predikat")


class PublishedUnitCount(Tally):
    """`PublishedCount` summed over jabatan type and golongan: per period, unit and predikat.

    A period has ~5,000 counts on the scale data and ~350 of these; the pages that group or
    filter by unit and predikat only (the unit page, the list's totals without a jabatan type
    or golongan filter, the dashboard's units) read these instead of summing those.
    """

    KEY = UNIT_COUNT_KEY

    unit = models.ForeignKey(Unit, on_delete=models.DO_NOTHING, related_name="+")

    class Meta(Tally.Meta):
        verbose_name = _("jumlah laporan terbit per unit")
        verbose_name_plural = _("jumlah laporan terbit per unit")
        constraints = [
            models.UniqueConstraint(fields=UNIT_COUNT_KEY, name="%(class)s_one_per_group")
        ]
        indexes = [
            *Tally.Meta.indexes,
            models.Index(
                fields=["unit", "period"],
                include=["predikat", "total"],
                name="publishedunitcount_unit_period",
            ),
        ]


GRADE_COUNT_KEY = ("period", "jabatan_type", "golongan", "predikat")


class PublishedGradeCount(Tally):
    """`PublishedCount` summed over the units: per period, jabatan type, golongan and predikat.

    About 250 rows a period on the scale data, from which the city dashboard's tables by
    jabatan type and by golongan are summed.
    """

    KEY = GRADE_COUNT_KEY

    jabatan_type = models.CharField(max_length=30)
    golongan = models.CharField(max_length=6)

    class Meta(Tally.Meta):
        verbose_name = _("jumlah laporan terbit per jenis jabatan dan golongan")
        verbose_name_plural = _("jumlah laporan terbit per jenis jabatan dan golongan")
        constraints = [
            models.UniqueConstraint(fields=GRADE_COUNT_KEY, name="%(class)s_one_per_group")
        ]


class NameWordKeys(models.Func):
    """The words of a name (lower case, split at anything not a letter, as the search's word
    list splits them), each prefixed with a period's id: ARRAY['3:siti', '3:aminah']. An
    SQL function (reports/migrations/0019_listing_name_words.py), IMMUTABLE so that it can be
    indexed."""

    function = "reports_name_word_keys"
    output_field = ArrayField(models.TextField())


class ListingKey(models.Model):
    """A published report as the public list orders it: by the employee's name, within a period,
    a period and predikat, or a period and unit.

    The name lives on the employee, so no index of reports_report gives a period's ~100,000
    reports in name order: a page deep in the list walked or sorted tens of thousands of joined
    rows (0.05–0.2 s on the scale data). Here each published report has its period, predikat,
    unit, employee and name in one row, with an index in name order for each of those three
    prefixes that holds every column a page's filters read: any page is an index-only scan to its
    first row, then its 50 reports read by primary key (reports.filters.keyed_page).

    Derived data, like the tallies: statement-level triggers on reports_report add the row when a
    report is published and remove it when the report stops being the published version or is
    deleted; a trigger on personnel_employee follows a change of name (reports/migrations/
    0015_listingkey.py). `manage.py rebuild_published_counts` rebuilds it as well. Not audited.
    """

    report = models.OneToOneField(
        Report,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # the triggers keep it; a report's delete removes its row
        related_name="+",
    )
    period = models.ForeignKey(
        Period, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    predikat = models.CharField(max_length=16)
    unit = models.ForeignKey(
        Unit, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    # Indexed: the trigger on a change of name finds the employee's rows by it.
    employee = models.ForeignKey(
        Employee, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    name = models.CharField(max_length=150)  # Employee.name, the list's sort key

    class Meta:
        verbose_name = _("urutan daftar laporan terbit")
        verbose_name_plural = _("urutan daftar laporan terbit")
        indexes = [
            models.Index(
                fields=["period", "name", "report"],
                include=["employee"],
                name="listingkey_by_name",
            ),
            models.Index(
                fields=["period", "predikat", "name", "report"],
                include=["employee", "unit"],
                name="listingkey_by_predikat",
            ),
            models.Index(
                fields=["period", "unit", "name", "report"],
                include=["employee", "predikat"],
                name="listingkey_by_unit",
            ),
            # The words of the name, each keyed by the period ("3:siti"): a name search of one
            # word finds a period's matching reports here (reports.filters.name_words_statement()).
            GinIndex(NameWordKeys(F("period"), F("name")), name="listingkey_name_words"),
        ]

    def __str__(self):
        return f"{self.name} · {self.period_id} · {self.report_id}"
