import secrets

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnel import nip as nip_rules
from personnel import search
from personnel.audit import audited
from personnel.choices import (
    GOLONGAN_BY_TYPE,
    GOLONGAN_CHOICES,
    LEVELS_BY_TYPE,
    PNS_GOLONGAN,
    EmployeeStatus,
    EmploymentType,
    Gender,
    JabatanLevel,
    JabatanType,
    UnitKind,
)
from personnel.disclosure import public_employee_fields
from portal.labels import ChoiceLabels
from portal.links import Link

PUBLIC_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32, lower case
PUBLIC_ID_LENGTH = 12  # 60 bits: no collision to speak of even for every ASN in the country


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


class UnitQuerySet(models.QuerySet):
    def in_units(self, units):
        return self.filter(pk__in=units)

    def active(self):
        return self.filter(is_active=True)

    def subtree_of(self, units):
        """The given units and every unit below them, in one recursive query."""
        ids = [unit.pk if isinstance(unit, Unit) else unit for unit in units]
        return self._subtree("SELECT id FROM {unit} WHERE id = ANY(%s)", [ids])

    def in_scope_of(self, user):
        """The units a staff user was given (StaffScope) with all their sub-units."""
        return self._subtree("SELECT unit_id FROM {scope} WHERE user_id = %s", [user.pk])

    def ancestors_of(self, unit):
        """The units above `unit`, from the root down to its parent, in one query."""
        table = Unit._meta.db_table
        return self.raw(
            f"WITH RECURSIVE up(id, parent_id, depth) AS ("
            f" SELECT id, parent_id, 0 FROM {table} WHERE id = %s"
            f" UNION ALL SELECT p.id, p.parent_id, up.depth + 1"
            f" FROM {table} p JOIN up ON p.id = up.parent_id WHERE up.depth < 64"
            f") SELECT u.* FROM up JOIN {table} u ON u.id = up.id"
            f" WHERE up.depth > 0 ORDER BY up.depth DESC",
            [unit.pk],
        )

    def _subtree(self, seed_sql, params):
        unit, scope = Unit._meta.db_table, StaffScope._meta.db_table
        seed = seed_sql.format(unit=unit, scope=scope)
        return self.filter(
            pk__in=RawSQL(
                f"WITH RECURSIVE tree(id) AS ({seed}"
                f" UNION SELECT child.id FROM {unit} child JOIN tree ON child.parent_id = tree.id"
                f") SELECT id FROM tree",
                params,
            )
        )

    def for_directory(self):
        return self.active().only("id", "code", "name", "kind", "parent_id", "order")

    def search(self, terms: str, near: str = ""):
        """Active units whose name matches `terms` or `near` (see personnel.search)."""
        return search.matching(self.active(), terms, near)

    def search_rows(self, terms: str, near: str, start: int, stop: int):
        """Matches start..stop in rank order, as values (portal.search makes the units), each
        with the number of all matches (`search_total`)."""
        ranked = search.ranked(self.search(terms, near), terms, exact_field="name", near=near)
        fields = ("id", "code", "name", "kind")
        return search.counted(ranked).values(*fields, "search_total")[start:stop]


UNIT_LINK = Link("personnel:unit-detail", "code")


def full_name(gelar_depan: str, name: str, gelar_belakang: str) -> str:
    """The name with its academic titles, as it is written: "Dr. Siti Aminah, S.E."."""
    name = f"{gelar_depan} {name}".strip()
    return f"{name}, {gelar_belakang}" if gelar_belakang else name


@audited(exclude=["search_document"])
class Unit(ChoiceLabels, models.Model):
    """A city agency (OPD) or one of its parts, in the organisation tree."""

    code = models.SlugField(
        _("kode"),
        max_length=40,
        unique=True,
        help_text=_(
            "Kode singkat dalam huruf kecil, angka dan tanda hubung, misalnya «dinkes». "
            "Dipakai di alamat halaman publik dan di berkas impor; jangan diubah setelah terbit."
        ),
    )
    name = models.CharField(
        _("nama"), max_length=200, help_text=_("Nama resmi lengkap, misalnya «Dinas Kesehatan».")
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=UnitKind.choices, help_text=_("Jenis perangkat daerah.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Unit tempat unit ini bernaung. Kosong hanya untuk Pemerintah Kota."),
    )
    order = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Urutan tampil di antara unit yang seinduk.")
    )
    is_active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Hapus centang bila unit dibubarkan; riwayatnya tetap tersimpan."),
    )

    # The name's full-text document, kept by PostgreSQL like the positions' titles'.
    search_document = search.stored_document("name")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")),
                name="unit_not_own_parent",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[a-z0-9]+(-[a-z0-9]+)*$"), name="unit_code_slug"
            ),
        ]
        indexes = [
            search.stored_index("unit_name_fts"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return UNIT_LINK(self.code)

    def clean(self):
        if self.code:
            self.code = self.code.strip().lower()
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("Induk tidak boleh unit ini sendiri atau salah satu sub-unitnya.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self) -> list["Unit"]:
        """From the root down to the parent; a few queries at most, as the tree is shallow."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class PositionQuerySet(models.QuerySet):
    def in_units(self, units):
        return self.filter(unit__in=units)

    def search(self, terms: str, near: str = ""):
        """Positions in active units whose title matches `terms` or `near` (see
        personnel.search)."""
        return search.matching(self.filter(unit__is_active=True), terms, near)

    def search_rows(self, terms: str, near: str, start: int, stop: int):
        """Matches start..stop in rank order with their unit, as values, each with the number of
        all matches (`search_total`)."""
        ranked = search.ranked(self.search(terms, near), terms, exact_field="title", near=near)
        fields = ("id", "title", "jabatan_type", "unit__id", "unit__code", "unit__name")
        return search.counted(ranked).values(*fields, "search_total")[start:stop]


@audited(exclude=["search_document"])
class Position(ChoiceLabels, models.Model):
    """A jabatan in a unit, held by zero or more employees through assignments."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(
        _("nama jabatan"),
        max_length=200,
        help_text=_("Nama jabatan seperti pada SK, misalnya «Kepala Dinas Kesehatan»."),
    )
    jabatan_type = models.CharField(
        _("jenis jabatan"),
        max_length=30,
        choices=JabatanType.choices,
        help_text=_("JPT, administrator, pengawas, pelaksana, atau fungsional."),
    )
    level = models.CharField(
        _("jenjang"),
        max_length=20,
        choices=JabatanLevel.choices,
        blank=True,
        default="",
        help_text=_(
            "Untuk JPT: utama, madya atau pratama. Untuk fungsional: jenjangnya. "
            "Kosongkan untuk administrator, pengawas dan pelaksana."
        ),
    )
    is_head = models.BooleanField(
        _("kepala unit"),
        default=False,
        help_text=_("Centang untuk jabatan pimpinan unit ini. Satu unit hanya punya satu."),
    )

    # The title's full-text document, kept by PostgreSQL: a common word (pelayanan) is in
    # hundreds of titles, and computing to_tsvector for each to rank them was most of the
    # positions' part of the search.
    search_document = search.stored_document("title")

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__name", "-is_head", "title"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "title"], name="position_unique_title"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(is_head=True), name="position_one_head_per_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    *[
                        Q(jabatan_type=kind, level__in=levels)
                        for kind, levels in LEVELS_BY_TYPE.items()
                    ],
                    _connector=Q.OR,
                ),
                name="position_level_fits_type",
            ),
        ]
        indexes = [
            search.stored_index("position_title_fts"),
        ]

    def __str__(self):
        return f"{self.title} ({self.unit.name})"

    def clean(self):
        allowed = LEVELS_BY_TYPE.get(self.jabatan_type, ())
        if self.jabatan_type and self.level not in allowed:
            choices = ", ".join(str(JabatanLevel(level).label) for level in allowed if level)
            raise ValidationError(
                {
                    "level": _("Jenjang tidak sesuai jenis jabatan. Pilihan: %(choices)s.")
                    % {"choices": choices or _("kosong")}
                }
            )


class EmployeeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EmployeeStatus.ACTIVE)

    def in_units(self, units, on=None):
        """Employees whose primary assignment on the day (today by default) is in `units`."""
        return self.filter(
            Exists(
                Assignment.objects.primary()
                .current(on)
                .filter(employee=OuterRef("pk"), position__unit__in=units)
            )
        )

    def with_current_assignment(self, on=None):
        return self.prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.primary()
                .current(on)
                .select_related("position", "position__unit"),
                to_attr="current_assignments",
            )
        )

    def by_nip_or_name(self, word: str):
        """Employees whose NIP starts with `word` (its pattern index: `nip LIKE '…%'`; a NIP is
        digits, so case does not matter) or whose name holds it (the trigram index on
        UPPER(name)): the staff's search in the admin."""
        return self.filter(Q(nip__startswith=word) | Q(name__icontains=word))

    def search(self, terms: str, near: str = ""):
        """Employees whose name (without gelar) matches `terms` or `near` (see
        personnel.search)."""
        return search.matching(self, terms, near)

    def ranked_matches(self, terms: str, near: str = ""):
        """search() as values: each match's id (`pk`), rank (`search_rank`) and name in lower
        case (`search_name`, which orders equal ranks), in no order.

        A common name ("siti": 1,551 of the scale data's 100,000 employees, on 1,107 pages of
        the table) is ranked among its first COUNT_CAP + 1 matches, as the indicators are
        (portal.search), not among all of them: reading and ranking every one of them was
        most of the search's time for such a name. A name typed in full has far fewer
        matches, all ranked."""
        ranked = search.ranked(self.search(terms, near), terms, exact_field="name", near=near)
        return ranked.order_by().values("pk", "search_rank", "search_name")

    def result_rows(self, ids):
        """The employees `ids` as a search result shows them, in no particular order: their
        public fields and current position and unit only, as values."""
        current = Assignment.objects.primary().current().filter(employee=OuterRef("pk"))
        current = current.order_by("-start")
        found = self.filter(pk__any_of=ids).annotate(
            position_title=Subquery(current.values("position__title")[:1]),
            unit_code=Subquery(current.values("position__unit__code")[:1]),
            unit_name=Subquery(current.values("position__unit__name")[:1]),
        )
        return found.values(*public_employee_fields(), "position_title", "unit_code", "unit_name")


@audited(exclude=["search_document"])
class Employee(ChoiceLabels, models.Model):
    """An ASN (PNS or PPPK). The NIP and contact data are private; public pages use public_id."""

    nip = models.CharField(
        _("NIP"),
        max_length=18,
        unique=True,
        validators=[RegexValidator(r"^\d{18}$", _("NIP harus terdiri dari tepat 18 angka."))],
        help_text=_(
            "18 angka tanpa spasi. Untuk PNS, tanggal lahir, TMT CPNS dan jenis kelamin "
            "dibaca dari NIP. Tidak pernah tampil di halaman publik."
        ),
    )
    employment_type = models.CharField(
        _("jenis ASN"), max_length=4, choices=EmploymentType.choices, default=EmploymentType.PNS
    )
    gelar_depan = models.CharField(
        _("gelar depan"), max_length=30, blank=True, help_text=_("Misalnya «dr.» atau «Drs.».")
    )
    name = models.CharField(
        _("nama"), max_length=150, help_text=_("Nama tanpa gelar, seperti pada SK.")
    )
    gelar_belakang = models.CharField(
        _("gelar belakang"),
        max_length=60,
        blank=True,
        help_text=_("Misalnya «S.Kom., M.Si.»."),
    )
    gender = models.CharField(
        _("jenis kelamin"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_("Untuk PNS boleh dikosongkan: diisi dari NIP."),
    )
    birth_date = models.DateField(
        _("tanggal lahir"),
        null=True,
        blank=True,
        help_text=_("Untuk PNS boleh dikosongkan: diisi dari NIP. Tidak pernah dipublikasikan."),
    )
    tmt_cpns = models.DateField(
        _("TMT CPNS"),
        null=True,
        blank=True,
        help_text=_("Bulan pengangkatan CPNS, diisi dari NIP. Kosong untuk PPPK."),
    )
    golongan = models.CharField(
        _("golongan"),
        max_length=6,
        choices=GOLONGAN_CHOICES,
        help_text=_("PNS: I/a sampai IV/e. PPPK: I sampai XVII."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Kontak dinas; tidak pernah dipublikasikan.")
    )
    phone = models.CharField(
        _("telepon"), max_length=30, blank=True, help_text=_("Tidak pernah dipublikasikan.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EmployeeStatus.choices, default=EmployeeStatus.ACTIVE
    )
    public_id = models.CharField(
        _("ID publik"),
        max_length=PUBLIC_ID_LENGTH,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text=_("Pengenal acak yang dipakai di alamat halaman publik, pengganti NIP."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    # The name's full-text document, kept by PostgreSQL: a common name (siti) has thousands of
    # candidates to recheck and rank, and computing to_tsvector for each was half the search.
    search_document = search.stored_document("name")

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(nip__regex=r"^[0-9]{18}$"), name="employee_nip_18"),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(employment_type=kind, golongan__in=golongan)
                        for kind, golongan in GOLONGAN_BY_TYPE.items()
                    ],
                    _connector=Q.OR,
                ),
                name="employee_golongan_fits_type",
            ),
            # A PNS NIP carries the gender in its 15th digit.
            models.CheckConstraint(
                condition=Q(employment_type=EmploymentType.PPPK)
                | Q(gender=Gender.MALE, nip__regex=r"^[0-9]{14}1")
                | Q(gender=Gender.FEMALE, nip__regex=r"^[0-9]{14}2"),
                name="employee_pns_gender_matches_nip",
            ),
            models.CheckConstraint(
                condition=Q(employment_type=EmploymentType.PPPK)
                | Q(birth_date__isnull=False, tmt_cpns__isnull=False),
                name="employee_pns_dates_from_nip",
            ),
        ]
        indexes = [
            models.Index(fields=["name"], name="employee_name_idx"),
            search.stored_index("employee_name_fts"),
            # The report list's name filter (icontains: UPPER(name) LIKE '%…%') reads this one.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="employee_name_upper_trgm"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name(self.gelar_depan, self.name, self.gelar_belakang)

    @property
    def pangkat(self) -> str:
        return PNS_GOLONGAN.get(self.golongan, "")

    def clean_fields(self, exclude=None):
        self.nip = nip_rules.normalize_nip(self.nip)
        super().clean_fields(exclude)

    def clean(self):
        errors = {}
        if self.employment_type == EmploymentType.PNS:
            try:
                decoded = nip_rules.decode_pns_nip(self.nip)
            except ValidationError as error:
                errors["nip"] = error.messages
            else:
                for field in ("birth_date", "tmt_cpns", "gender"):
                    value, expected = getattr(self, field), getattr(decoded, field)
                    if value in (None, ""):
                        setattr(self, field, expected)
                    elif value != expected:
                        errors[field] = _("Tidak sesuai dengan NIP (menurut NIP: %(value)s).") % {
                            "value": expected
                        }
        else:
            try:
                nip_rules.check_digits(self.nip)
            except ValidationError as error:
                errors["nip"] = error.messages
            self.tmt_cpns = None
            if not self.gender:
                errors["gender"] = _("Jenis kelamin wajib diisi untuk PPPK.")
        allowed = GOLONGAN_BY_TYPE.get(self.employment_type, ())
        if self.golongan and self.golongan not in allowed:
            errors["golongan"] = _(
                "Golongan %(golongan)s tidak berlaku untuk %(type)s. Pilihan: %(choices)s."
            ) % {
                "golongan": self.golongan,
                "type": self.get_employment_type_display(),
                "choices": ", ".join(allowed),
            }
        if errors:
            raise ValidationError(errors)


class DateRange(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class AssignmentQuerySet(models.QuerySet):
    def in_units(self, units):
        return self.filter(position__unit__in=units)

    def primary(self):
        return self.filter(is_primary=True)

    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)


@audited()
class Assignment(models.Model):
    """An employee holding a position from `start` to `end` (inclusive; open when empty)."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="assignments"
    )
    start = models.DateField(_("TMT jabatan"), help_text=_("Tanggal mulai menjabat (TMT)."))
    end = models.DateField(
        _("tanggal selesai"),
        null=True,
        blank=True,
        help_text=_("Hari terakhir menjabat. Kosongkan bila masih menjabat."),
    )
    is_primary = models.BooleanField(
        _("jabatan utama"),
        default=True,
        help_text=_(
            "Seorang pegawai hanya boleh memiliki satu jabatan utama pada satu waktu; "
            "hapus centang untuk Plt./Plh. atau tugas tambahan."
        ),
    )
    decree = models.CharField(
        _("nomor SK"), max_length=100, blank=True, help_text=_("Nomor SK pengangkatan, bila ada.")
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penempatan jabatan")
        verbose_name_plural = _("penempatan jabatan")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="assignment_end_after_start",
            ),
            ExclusionConstraint(
                name="assignment_no_overlapping_primary",
                expressions=[
                    ("employee", RangeOperators.EQUAL),
                    (DateRange("start", "end", Value("[]")), RangeOperators.OVERLAPS),
                ],
                condition=Q(is_primary=True),
                violation_error_message=_(
                    "Pegawai ini sudah memiliki jabatan utama pada rentang tanggal tersebut. "
                    "Isi tanggal selesai jabatan sebelumnya terlebih dahulu."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.employee} – {self.position.title}"


@audited()
class StaffScope(models.Model):
    """Which units (with their sub-units) a staff user may see and change in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="unit_scopes",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="staff_scopes",
        help_text=_(
            "Pengguna melihat dan mengubah data unit ini beserta seluruh sub-unitnya. "
            "Pilih «Pemerintah Kota Tanjungpinang» untuk akses seluruh kota (BKPSDM)."
        ),
    )

    class Meta:
        verbose_name = _("cakupan unit staf")
        verbose_name_plural = _("cakupan unit staf")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="staffscope_unique_pair")
        ]

    def __str__(self):
        return f"{self.user} → {self.unit}"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Pratinjau")
    APPLIED = "applied", _("Diterapkan")
    REJECTED = "rejected", _("Ditolak karena galat")


class ImportRecord(models.Model):
    """One uploaded file of an import and what became of it; each import keeps its own table.

    Kept so an auditor sees who imported what, and when. Subclasses add their own counts and
    `COUNT_FIELDS`, the counts their plan's `record_counts()` fills in.
    """

    file_name = models.CharField(_("nama berkas"), max_length=255)
    content = models.BinaryField(_("isi berkas"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)
    error_count = models.PositiveIntegerField(_("galat"), default=0)
    errors = models.JSONField(_("daftar galat"), default=list, blank=True)

    COUNT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"


class PersonnelImport(ImportRecord):
    """One upload of a personnel file."""

    created_count = models.PositiveIntegerField(_("pegawai baru"), default=0)
    updated_count = models.PositiveIntegerField(_("pegawai diperbarui"), default=0)
    unchanged_count = models.PositiveIntegerField(_("tanpa perubahan"), default=0)

    COUNT_FIELDS = ("created_count", "updated_count", "unchanged_count")

    class Meta(ImportRecord.Meta):
        verbose_name = _("impor data pegawai")
        verbose_name_plural = _("impor data pegawai")
        permissions = [("import_personnel", _("Dapat mengimpor data pegawai dari berkas"))]
