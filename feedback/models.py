"""What residents say (Submission), its public timeline (TimelineEvent), and the rate limits.

Contact data (name, e-mail, telephone) live only on Submission and are left out of the audit
trail's snapshots, so the purge command really removes them. Public pages read submissions
through `Submission.objects.for_status_page()`, which never loads them.
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from feedback import codes, targets
from feedback.choices import (
    CLOSED_STATUSES,
    TARGET_FIELDS,
    TRANSITIONS,
    EventKind,
    Kind,
    Privacy,
    Status,
    TargetType,
)
from personnel.audit import audited

CONTACT_FIELDS = ("name", "email", "phone")


class SubmissionQuerySet(models.QuerySet):
    def in_units(self, units):
        """Submissions routed to any of `units` (a Routing row each)."""
        return self.filter(
            models.Exists(Routing.objects.filter(submission=models.OuterRef("pk"), unit__in=units))
        )

    def overdue(self, today):
        """Past a service deadline on `today`: verification, or a unit's response."""
        return self.filter(self._overdue_condition(today))

    def with_overdue(self, today):
        return self.annotate(
            is_overdue=models.ExpressionWrapper(
                self._overdue_condition(today), output_field=models.BooleanField()
            )
        )

    @staticmethod
    def _overdue_condition(today):
        late_routing = Routing.objects.filter(
            submission=models.OuterRef("pk"), responded_at__isnull=True, respond_due__lt=today
        )
        return Q(status=Status.BARU, verify_due__lt=today) | Q(
            models.Exists(late_routing), status=Status.DITERUSKAN
        )

    def due_to_close(self, today):
        """Answered, not objected to, and past the closing date."""
        return self.filter(status=Status.DITANGGAPI, close_due__lte=today)

    def published(self):
        """Public pages: publik or anonim, verified or later, not rejected, not hidden by flags."""
        return self.filter(
            privacy__in=[Privacy.PUBLIK, Privacy.ANONIM], hidden_at__isnull=True
        ).exclude(status__in=[Status.BARU, Status.DITOLAK])

    def about(self, target_type, obj):
        """Submissions about `obj`, a target a later app links (feedback.targets)."""
        linked = targets.get(target_type)
        if linked is None:
            raise ValueError(f"not a linked target type: {target_type!r}")
        return self.filter(target_type=target_type, **{linked.related: obj})

    def for_public_list(self, today):
        """Published submissions with what the list shows: units, responses, overdue flag."""
        responses = TimelineEvent.objects.filter(kind=EventKind.RESPONSE, is_public=True)
        return (
            self.published()
            .with_overdue(today)
            .select_related("unit", "employee", "report__employee", "report__period")
            .defer(*[f for f in CONTACT_FIELDS if f != "name"], "sender_key")
            .prefetch_related(
                models.Prefetch(
                    "routings",
                    queryset=Routing.objects.select_related("unit").only(
                        "id", "submission_id", "unit__id", "unit__code", "unit__name"
                    ),
                ),
                models.Prefetch(
                    "timeline",
                    queryset=responses.select_related("unit").only(
                        "id", "submission_id", "kind", "note", "created_at", "unit__name"
                    ),
                    to_attr="responses",
                ),
            )
            .order_by("-created_at", "-id")
        )

    def moderation_queue(self):
        """New submissions, oldest first: what a moderator reads next."""
        return self.filter(status=Status.BARU).order_by("created_at", "id")

    def for_status_page(self):
        """The shape of the public status page: no contact data is ever loaded."""
        return self.select_related("unit", "employee", "report__employee", "report__period").only(
            "id",
            "code",
            "kind",
            "target_type",
            "subject",
            "body",
            "public_subject",
            "public_body",
            "rejection_reason",
            "duplicate_of_id",
            "hidden_at",
            "clarification_requested_at",
            "verify_due",
            "close_due",
            "objected_at",
            "privacy",
            "status",
            "created_at",
            "unit__code",
            "unit__name",
            "employee__public_id",
            "employee__gelar_depan",
            "employee__name",
            "employee__gelar_belakang",
            "report__version",
            "report__employee__public_id",
            "report__employee__gelar_depan",
            "report__employee__name",
            "report__employee__gelar_belakang",
            "report__period__code",
            "report__period__kind",
            "report__period__year",
            "report__period__number",
        )

    def for_admin(self):
        return self.select_related(
            "unit", "employee", "report__employee", "report__period", *targets.related_paths()
        )

    def purgeable(self, before):
        """Closed before `before` and still holding contact data."""
        return self.filter(
            status__in=CLOSED_STATUSES, closed_at__lt=before, contact_purged_at__isnull=True
        )


def _target_condition():
    """Each type fills its own key and no other; a type with no key (a target kept by a later
    app's link model, or the portal itself) leaves every key empty."""
    keys = sorted({field for field in TARGET_FIELDS.values() if field})
    keyless = sorted(target_type for target_type, field in TARGET_FIELDS.items() if not field)
    return Q(
        *[
            Q(target_type=target_type, **{f"{key}__isnull": key != field for key in keys})
            for target_type, field in TARGET_FIELDS.items()
            if field
        ],
        Q(target_type__in=keyless, **{f"{key}__isnull": True for key in keys}),
        _connector=Q.OR,
    )


@audited(exclude=list(CONTACT_FIELDS))
class Submission(models.Model):
    """A critique, suggestion, aspiration, complaint or appreciation sent by a resident."""

    code = models.CharField(
        _("kode pelacakan"),
        max_length=codes.LENGTH,
        unique=True,
        editable=False,
        help_text=_("Kode yang diterima pengirim untuk melacak masukannya."),
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    target_type = models.CharField(
        _("sasaran"), max_length=12, choices=TargetType.choices, default=TargetType.PORTAL
    )
    unit = models.ForeignKey(
        "personnel.Unit",
        verbose_name=_("unit yang dituju"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employee = models.ForeignKey(
        "personnel.Employee",
        verbose_name=_("pegawai yang dituju"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan yang dituju"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("judul"), max_length=150)
    body = models.TextField(_("isi"))
    body_hash = models.CharField(
        _("sidik isi"),
        max_length=64,
        editable=False,
        help_text=_("SHA-256 dari isi yang dinormalkan, untuk mengenali kiriman ganda."),
    )
    privacy = models.CharField(
        _("mode privasi"), max_length=8, choices=Privacy.choices, default=Privacy.PUBLIK
    )
    name = models.CharField(_("nama pengirim"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail pengirim"), blank=True)
    phone = models.CharField(_("telepon pengirim"), max_length=30, blank=True)
    consent_at = models.DateTimeField(
        _("persetujuan pemrosesan data"),
        help_text=_("Saat pengirim menyetujui pemberitahuan privasi."),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.BARU
    )
    public_subject = models.CharField(
        _("judul publik (disunting)"),
        max_length=150,
        blank=True,
        help_text=_("Judul dengan data pribadi disamarkan; kosong bila tidak perlu disunting."),
    )
    public_body = models.TextField(
        _("isi publik (disunting)"),
        blank=True,
        help_text=_(
            "Isi dengan data pribadi disamarkan; kosong bila tidak perlu disunting. Isi asli "
            "hanya dilihat moderator."
        ),
    )
    rejection_reason = models.TextField(
        _("alasan penolakan"), blank=True, help_text=_("Tampil di halaman status.")
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplikat dari"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    sender_key = models.CharField(
        _("sidik alamat pengirim"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("HMAC alamat IP pengirim, untuk memblokir; bukan alamatnya."),
    )
    verify_due = models.DateField(
        _("batas verifikasi"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Tiga hari kerja sesudah diterima."),
    )
    close_due = models.DateField(
        _("ditutup otomatis pada"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Sepuluh hari kerja sesudah tanggapan, bila pengirim tidak keberatan."),
    )
    objected_at = models.DateTimeField(
        _("keberatan diajukan"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Pengirim boleh keberatan sekali atas tanggapan; masukan dibuka kembali."),
    )
    clarification_requested_at = models.DateTimeField(
        _("klarifikasi diminta"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Unit menunggu jawaban pengirim; pengirim menjawab dari halaman status."),
    )
    hidden_at = models.DateTimeField(
        _("disembunyikan"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Disembunyikan dari publik setelah dilaporkan; menunggu tinjauan moderator."),
    )
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True, editable=False)
    contact_purged_at = models.DateTimeField(
        _("data kontak dihapus"), null=True, blank=True, editable=False
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("masukan")
        verbose_name_plural = _("masukan")
        ordering = ["-created_at"]
        permissions = [
            ("moderate_submission", _("Dapat memoderasi semua masukan dan melihat identitas")),
            ("respond_submission", _("Dapat menanggapi masukan atas nama unitnya")),
        ]
        constraints = [
            models.CheckConstraint(condition=_target_condition(), name="submission_one_target"),
            models.CheckConstraint(
                condition=Q(code__regex=f"^[{codes.ALPHABET}]{{{codes.LENGTH}}}$"),
                name="submission_code_format",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CLOSED_STATUSES, closed_at__isnull=False)
                | (~Q(status__in=CLOSED_STATUSES) & Q(closed_at__isnull=True)),
                name="submission_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(contact_purged_at__isnull=True) | Q(name="", email="", phone=""),
                name="submission_purged_has_no_contact",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")), name="submission_not_own_duplicate"
            ),
            # What residents say about a person competing for a post is never published.
            models.CheckConstraint(
                condition=~Q(target_type=TargetType.CANDIDATE) | Q(privacy=Privacy.RAHASIA),
                name="submission_candidate_confidential",
            ),
        ]
        indexes = [
            models.Index(fields=["body_hash", "created_at"], name="submission_body_hash"),
            models.Index(fields=["status", "closed_at"], name="submission_status_closed"),
        ]
        triggers = [
            pgtrigger.FSM(name="submission_lifecycle", field="status", transitions=TRANSITIONS),
        ]

    def __str__(self):
        return f"{self.display_code} · {self.subject}"

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def target(self):
        """The unit, employee or report, or the object a later app links (feedback.targets)."""
        field = TARGET_FIELDS.get(self.target_type)
        if field:
            return getattr(self, field)
        linked = targets.get(self.target_type)
        return linked.of(self) if linked else None

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def shown_subject(self) -> str:
        """The title as public pages show it: the redacted one when a moderator made it."""
        return self.public_subject or self.subject

    @property
    def shown_body(self) -> str:
        return self.public_body or self.body

    @property
    def public_name(self) -> str:
        """The sender's name as a public page may show it: only in publik mode."""
        return self.name if self.privacy == Privacy.PUBLIK else ""


def exactly_one(*fields: str) -> Q:
    """A check that exactly one of the nullable `fields` is filled."""
    return Q(
        *[
            Q(**{field: name != chosen for field, name in ((f"{n}__isnull", n) for n in fields)})
            for chosen in fields
        ],
        _connector=Q.OR,
    )


def link_target(model, verbose_name):
    """One kind of object a SubmissionLink may point to: a nullable key, kept while feedback
    points to it."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_links",
    )


class SubmissionLink(models.Model):
    """What a later app keeps to say what a submission is about (see feedback.targets).

    The app's subclass adds one link_target() per target type it registers and checks with
    exactly_one() that one is filled. The submission reaches its link as `<app_label>_link`.
    """

    submission = models.OneToOneField(
        Submission,
        verbose_name=_("masukan"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_link",
    )

    class Meta:
        abstract = True

    def __str__(self):
        keys = (field for field in self._meta.concrete_fields if field.many_to_one)
        filled = (getattr(self, key.name) for key in keys if getattr(self, key.attname))
        return str(next(filled, ""))


@audited()
class TimelineEvent(models.Model):
    """One line of a submission's timeline; public lines are shown on the status page."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("masukan"), on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=EventKind.choices)
    status = models.CharField(
        _("status sesudahnya"), max_length=14, choices=Status.choices, blank=True
    )
    note = models.TextField(
        _("catatan"), blank=True, help_text=_("Tampil di halaman status bila peristiwa publik.")
    )
    is_public = models.BooleanField(_("publik"), default=True)
    unit = models.ForeignKey(
        "personnel.Unit",
        verbose_name=_("atas nama unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Unit yang menandatangani tanggapan atau permintaan klarifikasi."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Petugas yang mencatat; tidak pernah ditampilkan ke publik."),
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("peristiwa masukan")
        verbose_name_plural = _("linimasa masukan")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["submission", "created_at"], name="event_submission")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


@audited()
class Routing(models.Model):
    """A submission handed to one unit; a submission may go to several units."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("masukan"), on_delete=models.CASCADE, related_name="routings"
    )
    unit = models.ForeignKey(
        "personnel.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    routed_at = models.DateTimeField(_("diteruskan"), auto_now_add=True)
    respond_due = models.DateField(
        _("batas tanggapan"),
        null=True,
        blank=True,
        help_text=_("Lima hari kerja sesudah diteruskan."),
    )
    responded_at = models.DateTimeField(
        _("ditanggapi"),
        null=True,
        blank=True,
        help_text=_("Tanggapan resmi pertama unit ini."),
    )

    class Meta:
        verbose_name = _("penerusan masukan")
        verbose_name_plural = _("penerusan masukan")
        ordering = ["routed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "unit"], name="routing_once_per_unit")
        ]

    def __str__(self):
        return f"{self.submission_id} → {self.unit_id}"


class BanKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    ADDRESS = "alamat", _("Alamat IP")


@audited()
class Ban(models.Model):
    """A sender whose submissions are thanked and dropped, like a bot's.

    `key` is the same HMAC the rate limits use (`feedback.ratelimit.email_key` /
    `address_key`), so neither the e-mail nor the address is stored here.
    """

    kind = models.CharField(_("jenis"), max_length=8, choices=BanKind.choices)
    key = models.CharField(_("sidik"), max_length=64)
    reason = models.TextField(_("alasan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemblokiran pengirim")
        verbose_name_plural = _("pemblokiran pengirim")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="ban_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key[:8]}…"


class Flag(models.Model):
    """A visitor's report that a published submission is abusive; one per address."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("masukan"), on_delete=models.CASCADE, related_name="flags"
    )
    address_key = models.CharField(_("sidik alamat"), max_length=64)
    created_at = models.DateTimeField(_("dilaporkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("laporan pengunjung")
        verbose_name_plural = _("laporan pengunjung")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "address_key"], name="flag_once_per_address"
            )
        ]

    def __str__(self):
        return f"{self.submission_id} {self.created_at:%Y-%m-%d %H:%M}"


@audited()
class Holiday(models.Model):
    """A public holiday or collective leave day: not a working day for service deadlines."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class RateCounter(models.Model):
    """Hits of one key in one fixed time window, shared by every process through PostgreSQL.

    The key is an HMAC of the address or e-mail with the secret key, never the value itself.
    """

    scope = models.CharField(_("lingkup"), max_length=20)
    key = models.CharField(_("kunci"), max_length=64)
    window_start = models.DateTimeField(_("awal jendela"))
    hits = models.PositiveIntegerField(_("jumlah"), default=0)

    class Meta:
        verbose_name = _("penghitung batas permintaan")
        verbose_name_plural = _("penghitung batas permintaan")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="ratecounter_one_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="ratecounter_window")]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M} ×{self.hits}"


# --------------------------------------------------------------------------- citizen assessment


class AssessmentTarget(models.TextChoices):
    UNIT = "unit", _("Unit kerja")
    EMPLOYEE = "pegawai", _("Pegawai ASN")


class AssessmentQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


@audited(exclude=["email", "email_key", "address_key"])
class Assessment(models.Model):
    """A resident's 1–5 rating of the service of a unit or an employee ("penilaian
    masyarakat"). It counts once confirmed by e-mail, one per e-mail per target per quarter,
    and is shown beside the official predikat, never mixed into it."""

    target_type = models.CharField(
        _("yang dinilai"), max_length=8, choices=AssessmentTarget.choices
    )
    unit = models.ForeignKey(
        "personnel.Unit",
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    employee = models.ForeignKey(
        "personnel.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    period = models.CharField(
        _("periode"), max_length=7, help_text=_("Triwulan penilaian, misalnya 2026-T4.")
    )
    rating = models.PositiveSmallIntegerField(_("nilai (1–5)"))
    comment = models.TextField(_("komentar"), max_length=1000, blank=True)
    email = models.EmailField(_("e-mail"))
    email_key = models.CharField(max_length=64, editable=False)
    address_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian masyarakat")
        verbose_name_plural = _("penilaian masyarakat")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="assessment_rating_1_5"
            ),
            models.CheckConstraint(
                condition=Q(target_type="unit", unit__isnull=False, employee__isnull=True)
                | Q(target_type="pegawai", employee__isnull=False, unit__isnull=True),
                name="assessment_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["unit", "period", "email_key"],
                condition=Q(confirmed_at__isnull=False, target_type="unit"),
                name="assessment_once_per_unit_period_email",
            ),
            models.UniqueConstraint(
                fields=["employee", "period", "email_key"],
                condition=Q(confirmed_at__isnull=False, target_type="pegawai"),
                name="assessment_once_per_employee_period_email",
            ),
        ]

    def __str__(self):
        return f"{self.get_target_type_display()} {self.period}: {self.rating}"

    @property
    def target(self):
        return self.unit if self.target_type == AssessmentTarget.UNIT else self.employee


class AssessmentValue(models.Model):
    """The optional rating of one BerAKHLAK value within an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    value = models.CharField(_("nilai BerAKHLAK"), max_length=12)
    rating = models.PositiveSmallIntegerField(_("nilai (1–5)"))

    class Meta:
        verbose_name = _("penilaian nilai BerAKHLAK")
        verbose_name_plural = _("penilaian nilai BerAKHLAK")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "value"], name="assessment_value_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="assessment_value_rating_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.value}: {self.rating}"
