"""Seleksi terbuka: a selection for senior posts, its stages, panel, candidates and results.

What the public sees is decided here: a selection once announced, its schedule and panel, and
per stage only once its results are announced, the candidates who passed (those who did not
pass are counted, not named). Candidates carry no contact data at all.
"""

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import SubmissionLink, exactly_one, link_target
from personnel.audit import audited
from personnel.models import Employee, Position, Unit
from selection.choices import STAGE_ORDER, Outcome, PanelRole, StageKind

# Deferred, so the row is read again at the check: NEW may be stale when a stage was inserted
# and then moved in the same transaction.
STAGE_ORDER_SQL = """
    IF EXISTS (
        SELECT 1 FROM selection_stage me
        JOIN selection_stage s ON s.selection_id = me.selection_id AND s.id <> me.id
        WHERE me.id = NEW.id AND (
            (s.position < me.position AND s."end" >= me.start)
            OR (s.position > me.position AND s.start <= me."end")
        )
    ) THEN
        RAISE EXCEPTION 'selection: the stages of a selection must follow each other in order'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
"""

RESULT_SAME_SELECTION_SQL = """
    IF (SELECT selection_id FROM selection_stage WHERE id = NEW.stage_id)
        IS DISTINCT FROM (SELECT selection_id FROM selection_candidate WHERE id = NEW.candidate_id)
    THEN
        RAISE EXCEPTION 'selection: a result joins a stage and a candidate of one selection'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
"""


class SelectionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published_at__isnull=False)

    def with_schedule(self):
        return self.annotate(first_day=Min("stages__start"), last_day=Max("stages__end"))


@audited()
class Selection(models.Model):
    """One seleksi terbuka for one or more posts, run by a panel (panitia seleksi)."""

    title = models.CharField(
        _("judul"),
        max_length=200,
        help_text=_("Misalnya «Seleksi Terbuka JPT Pratama Kepala Dinas Pendidikan 2026»."),
    )
    slug = models.SlugField(
        _("alamat"),
        max_length=80,
        unique=True,
        help_text=_("Bagian alamat halaman publik, misalnya «jpt-disdik-2026». Jangan diubah."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="selections",
        help_text=_("Perangkat daerah tempat jabatan yang diisi."),
    )
    positions = models.ManyToManyField(
        Position,
        verbose_name=_("jabatan yang diisi"),
        related_name="selections",
        blank=True,
    )
    announcement_number = models.CharField(_("nomor pengumuman"), max_length=120, blank=True)
    legal_basis = models.TextField(
        _("dasar hukum"),
        help_text=_("Peraturan dan keputusan yang menjadi dasar seleksi, satu per baris."),
    )
    description = models.TextField(
        _("keterangan"), blank=True, help_text=_("Persyaratan umum dan hal lain bagi pelamar.")
    )
    published_at = models.DateTimeField(
        _("diumumkan"),
        null=True,
        blank=True,
        help_text=_("Kosong: seleksi belum tampil di portal. Isi saat pengumuman diterbitkan."),
    )
    appointed = models.ForeignKey(
        "Candidate",
        verbose_name=_("calon yang dilantik"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointed_on = models.DateField(_("tanggal pelantikan"), null=True, blank=True)
    appointment_decree = models.CharField(
        _("nomor keputusan pengangkatan"), max_length=120, blank=True
    )
    input_summary = models.TextField(
        _("tanggapan panitia atas masukan masyarakat"),
        blank=True,
        help_text=_(
            "Ringkasan panitia atas masukan warga tentang para calon, tanpa menyebut "
            "pengirimnya; tampil di portal setelah tanggal terbit di bawah diisi."
        ),
    )
    input_summary_published_at = models.DateTimeField(
        _("tanggapan panitia diterbitkan"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = SelectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("seleksi terbuka")
        verbose_name_plural = _("seleksi terbuka")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appointed__isnull=True) | Q(appointed_on__isnull=False),
                name="selection_appointment_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("selection:detail", args=[self.slug])

    def clean(self):
        if self.appointed_id and self.appointed.selection_id != self.pk:
            raise ValidationError({"appointed": _("Calon ini bukan peserta seleksi ini.")})


@audited()
class Stage(models.Model):
    """A stage of the schedule; its results are public once announced."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("seleksi"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("tahap"), max_length=20, choices=StageKind.choices)
    position = models.PositiveSmallIntegerField(_("urutan"), editable=False)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    notes = models.TextField(_("keterangan"), blank=True)
    results_published_at = models.DateTimeField(
        _("hasil diumumkan"),
        null=True,
        blank=True,
        help_text=_("Kosong: hasil tahap ini belum diumumkan dan tidak tampil di portal."),
    )

    class Meta:
        verbose_name = _("tahap seleksi")
        verbose_name_plural = _("tahap seleksi")
        ordering = ["selection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "kind"], name="stage_once_per_selection"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="stage_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(
                    *[Q(kind=kind, position=position) for kind, position in STAGE_ORDER.items()],
                    _connector=Q.OR,
                ),
                name="stage_position_matches_kind",
            ),
        ]
        triggers = [
            # Deferred to the commit, so a whole schedule can be moved in one save.
            pgtrigger.Trigger(
                name="stage_in_order",
                when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.Update,
                timing=pgtrigger.Deferred,
                func=STAGE_ORDER_SQL,
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.selection})"

    def save(self, *args, **kwargs):
        self.position = STAGE_ORDER.get(self.kind, 0)
        super().save(*args, **kwargs)

    @property
    def results_public(self) -> bool:
        return self.results_published_at is not None and self.results_published_at <= timezone.now()


@audited()
class PanelMember(models.Model):
    selection = models.ForeignKey(
        Selection, verbose_name=_("seleksi"), on_delete=models.CASCADE, related_name="panel"
    )
    name = models.CharField(_("nama"), max_length=150)
    role = models.CharField(
        _("kedudukan"), max_length=12, choices=PanelRole.choices, default=PanelRole.MEMBER
    )
    affiliation = models.CharField(
        _("unsur"),
        max_length=200,
        help_text=_("Misalnya «Akademisi, Universitas Maritim Raja Ali Haji» atau «Sekda»."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("anggota panitia seleksi")
        verbose_name_plural = _("panitia seleksi")
        ordering = ["selection", "order", "id"]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class CandidateQuerySet(models.QuerySet):
    def named_in_public(self, now=None):
        """Candidates a public page names: passed a stage whose results are announced, in a
        selection already announced."""
        now = now or timezone.now()
        return self.filter(
            models.Exists(
                StageResult.objects.filter(
                    candidate=models.OuterRef("pk"),
                    outcome=Outcome.PASSED,
                    stage__results_published_at__lte=now,
                )
            ),
            selection__published_at__lte=now,
        )


@audited()
class Candidate(models.Model):
    """A registrant; public by name only where an announced result says they passed."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("seleksi"), on_delete=models.CASCADE, related_name="candidates"
    )
    registration_number = models.CharField(_("nomor peserta"), max_length=30)
    name = models.CharField(_("nama dan gelar"), max_length=150)
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("pegawai Pemkot"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
        help_text=_("Bila pelamar ASN Kota Tanjungpinang; kosongkan untuk pelamar dari luar."),
    )
    current_position = models.CharField(_("jabatan saat ini"), max_length=200)
    current_agency = models.CharField(
        _("instansi / unit asal"),
        max_length=200,
        help_text=_("Misalnya «Dinas Kesehatan Kota Tanjungpinang» atau «Pemprov Kepri»."),
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta seleksi")
        verbose_name_plural = _("peserta seleksi")
        ordering = ["selection", "registration_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "registration_number"], name="candidate_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.registration_number} {self.name}"

    def get_absolute_url(self):
        return reverse("selection:detail", args=[self.selection.slug]) + "#calon"


@audited()
class StageResult(models.Model):
    stage = models.ForeignKey(
        Stage, verbose_name=_("tahap"), on_delete=models.CASCADE, related_name="results"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="results"
    )
    outcome = models.CharField(_("hasil"), max_length=12, choices=Outcome.choices)
    score = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("peringkat"), null=True, blank=True)

    class Meta:
        verbose_name = _("hasil tahap")
        verbose_name_plural = _("hasil tahap")
        ordering = ["stage", "rank", "candidate__name"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "candidate"], name="result_once_per_stage"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="result_score_0_100",
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="result_same_selection",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=RESULT_SAME_SELECTION_SQL,
            )
        ]

    def __str__(self):
        return f"{self.candidate} – {self.stage.get_kind_display()}: {self.get_outcome_display()}"

    def clean(self):
        if (
            self.stage_id
            and self.candidate_id
            and self.stage.selection_id != self.candidate.selection_id
        ):
            raise ValidationError(_("Tahap dan peserta harus dari seleksi yang sama."))


class CandidateInputQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


@audited(exclude=["author_name", "author_email", "address_key"])
class CandidateInput(models.Model):
    """What a resident says about a candidate during the track-record stage.

    Counted only once its author confirms by e-mail; the author is seen only by the panel
    (the admin), never on a public page. The panel publishes a summary at the end.
    """

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="inputs"
    )
    text = models.TextField(_("masukan"), max_length=3000)
    author_name = models.CharField(_("nama pengirim"), max_length=150)
    author_email = models.EmailField(_("e-mail pengirim"))
    address_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True, editable=False)

    objects = CandidateInputQuerySet.as_manager()

    class Meta:
        verbose_name = _("masukan tentang calon")
        verbose_name_plural = _("masukan tentang calon")
        ordering = ["candidate", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "author_email"],
                name="input_once_per_email_per_candidate",
                violation_error_message=_(
                    "Alamat e-mail ini sudah memberi masukan tentang calon ini."
                ),
            )
        ]

    def __str__(self):
        return f"{self.candidate} ({self.created_at:%d-%m-%Y})"


class FeedbackLink(SubmissionLink):
    """Links a feedback submission to the selection or the candidate it is about (the
    feedback target lives here; see feedback.targets)."""

    selection = link_target(Selection, _("seleksi"))
    candidate = link_target(Candidate, _("calon"))

    class Meta:
        verbose_name = _("masukan tentang seleksi")
        verbose_name_plural = _("masukan tentang seleksi")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("selection", "candidate"),
                name="selection_feedback_one_target",
            )
        ]
