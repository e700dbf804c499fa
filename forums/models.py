"""Monthly community forums, who registered for them, and the commitments made there.

The database keeps a forum from being overbooked whatever the path: a trigger locks the forum
row and counts the seats before any registration becomes "terdaftar". Registrants' contact
data never leaves the admin.
"""

import pgtrigger
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import SubmissionLink, exactly_one, link_target
from forums.choices import CLOSED_COMMITMENT, CommitmentStatus, RegistrationStatus
from personnel.audit import audited
from personnel.models import Unit

SEATS_SQL = """
    IF NEW.status = 'terdaftar' THEN
        -- One registration at a time per forum: the row lock serialises concurrent seats.
        PERFORM 1 FROM forums_forum WHERE id = NEW.forum_id FOR UPDATE;
        IF (SELECT count(*) FROM forums_registration
            WHERE forum_id = NEW.forum_id AND status = 'terdaftar' AND id <> NEW.id)
           >= COALESCE((SELECT capacity FROM forums_forum WHERE id = NEW.forum_id), 0)
        THEN
            RAISE EXCEPTION 'forums: the forum is full'
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
"""


class ForumQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


@audited()
class Forum(models.Model):
    """A forum where ASN, residents and community leaders meet, city-wide or in one area."""

    title = models.CharField(
        _("judul"),
        max_length=200,
        help_text=_("Misalnya «Forum Warga Kecamatan Bukit Bestari, Desember 2026»."),
    )
    slug = models.SlugField(_("alamat"), max_length=80, unique=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="forums",
        null=True,
        blank=True,
        help_text=_("Kecamatan atau kelurahan penyelenggara; kosongkan untuk forum tingkat kota."),
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    venue = models.CharField(_("tempat"), max_length=200)
    agenda = models.TextField(_("agenda"))
    capacity = models.PositiveIntegerField(
        _("kapasitas pendaftaran"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila warga cukup datang tanpa mendaftar."),
    )
    registration_closes_at = models.DateTimeField(
        _("pendaftaran ditutup"),
        null=True,
        blank=True,
        help_text=_("Kosong: pendaftaran ditutup saat forum dimulai."),
    )
    published_at = models.DateTimeField(
        _("diumumkan"),
        null=True,
        blank=True,
        help_text=_("Kosong: forum belum tampil di portal."),
    )
    minutes = models.TextField(_("notulen"), blank=True)
    attendance_asn = models.PositiveIntegerField(_("hadir: ASN"), null=True, blank=True)
    attendance_residents = models.PositiveIntegerField(_("hadir: warga"), null=True, blank=True)
    attendance_leaders = models.PositiveIntegerField(
        _("hadir: tokoh masyarakat"), null=True, blank=True
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum warga")
        verbose_name_plural = _("forum warga")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="forum_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="forum_capacity_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:detail", args=[self.slug])

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    @property
    def registration_open(self) -> bool:
        return self.capacity is not None and timezone.now() < self.registration_deadline

    @property
    def held(self) -> bool:
        return self.ends_at < timezone.now()


class Registration(models.Model):
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("nama"), max_length=150)
    email = models.EmailField(_("e-mail"), help_text=_("Tidak pernah tampil di halaman publik."))
    community = models.CharField(
        _("asal / komunitas"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya RT/RW, organisasi, atau sekolah; boleh kosong."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, editable=False
    )
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("pendaftaran forum")
        verbose_name_plural = _("pendaftaran forum")
        ordering = ["forum", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_email",
                violation_error_message=_("Alamat e-mail ini sudah terdaftar untuk forum ini."),
            )
        ]
        triggers = [
            pgtrigger.Trigger(
                name="registration_within_capacity",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=SEATS_SQL,
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.forum}"


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_COMMITMENT)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def in_units(self, units):
        return self.filter(unit__in=units)


@audited()
class Commitment(models.Model):
    """A promise made in public: who does it, by when, how far it has come."""

    title = models.CharField(
        _("komitmen"),
        max_length=250,
        help_text=_("Apa yang dijanjikan, dalam satu kalimat yang dapat diperiksa warga."),
    )
    description = models.TextField(_("uraian"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name=_("dibuat di forum"),
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
    )
    source = models.CharField(
        _("sumber lain"),
        max_length=200,
        blank=True,
        help_text=_("Bila bukan dari forum: misalnya jawaban atas masukan dengan kodenya."),
    )
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
        editable=False,
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0, editable=False)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("komitmen")
        verbose_name_plural = _("komitmen")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="commitment_progress_100"),
            models.CheckConstraint(
                condition=~Q(status=CommitmentStatus.DONE) | Q(progress=100),
                name="commitment_done_is_100",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:commitment", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        return self.status not in CLOSED_COMMITMENT and self.due_date < (
            today or timezone.localdate()
        )


@audited()
class CommitmentUpdate(models.Model):
    """A dated public note on a commitment; the latest one sets its status and progress."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("komitmen"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("tanggal"))
    text = models.TextField(_("perkembangan"))
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus.choices)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"))

    class Meta:
        verbose_name = _("perkembangan komitmen")
        verbose_name_plural = _("perkembangan komitmen")
        ordering = ["commitment", "-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_100"),
            models.CheckConstraint(
                condition=~Q(status=CommitmentStatus.DONE) | Q(progress=100),
                name="update_done_is_100",
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


class ForumAspiration(models.Model):
    """An aspiration raised at a forum, entered as a feedback submission with its own tracking
    code and routed like any other; the link lives here (forums → feedback)."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="aspirations"
    )
    submission = models.OneToOneField(
        "feedback.Submission",
        verbose_name=_("masukan"),
        on_delete=models.PROTECT,
        related_name="forum_aspiration",
    )
    raised_by = models.CharField(
        _("disampaikan oleh"),
        max_length=150,
        blank=True,
        help_text=_(
            "Misalnya «Ketua RW 04 Kelurahan Dompak»; kosongkan bila warga tidak ingin disebut."
        ),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("aspirasi forum")
        verbose_name_plural = _("aspirasi forum")
        ordering = ["forum", "created_at", "id"]

    def __str__(self):
        return f"{self.forum}: {self.submission.subject}"


class FeedbackLink(SubmissionLink):
    """Links a feedback submission to the forum or the commitment it is about (the feedback
    target lives here; see feedback.targets). Not an aspiration raised at a forum: that is a
    ForumAspiration."""

    forum = link_target(Forum, _("forum"))
    commitment = link_target(Commitment, _("komitmen"))

    class Meta:
        verbose_name = _("masukan tentang forum atau komitmen")
        verbose_name_plural = _("masukan tentang forum atau komitmen")
        constraints = [
            models.CheckConstraint(
                condition=exactly_one("forum", "commitment"), name="forum_feedback_one_target"
            )
        ]
