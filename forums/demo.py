"""Demo forums: a year of monthly forums in the four kecamatan and one city-wide, with minutes,
attendance and the commitments made there (some kept, some late), and next month's forums open
for registration. Idempotent by slug."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from feedback.choices import EventKind, Kind, Privacy, Status, TargetType
from feedback.models import Submission, TimelineEvent
from feedback.services import feedback_submit
from forums.choices import CLOSED_COMMITMENT, CommitmentStatus
from forums.models import Commitment, CommitmentUpdate, Forum
from forums.services import aspiration_record
from personnel.models import Unit

AREAS = (
    ("kec-bukit-bestari", "Kecamatan Bukit Bestari", "Aula Kantor Camat Bukit Bestari"),
    ("kec-tanjungpinang-barat", "Kecamatan Tanjungpinang Barat", "Gedung Serbaguna Kemboja"),
    ("kec-tanjungpinang-kota", "Kecamatan Tanjungpinang Kota", "Balai Adat Pulau Penyengat"),
    ("kec-tanjungpinang-timur", "Kecamatan Tanjungpinang Timur", "Aula Kantor Camat Batu IX"),
)
AGENDA = (
    "Pelayanan administrasi kependudukan dan antrean di kantor kelurahan",
    "Drainase dan banjir rob di permukiman pesisir",
    "Layanan Puskesmas dan jadwal posyandu",
    "Kebersihan pasar dan pengangkutan sampah",
    "Penerangan jalan umum dan keamanan lingkungan",
    "Perizinan usaha mikro dan pendampingan UMKM",
)
# (promise, responsible unit code, months to deliver)
PROMISES = (
    ("Membuka loket pelayanan KTP-el setiap Sabtu pagi", "disdukcapil", 2),
    ("Membersihkan saluran drainase utama sebelum musim hujan", "dpupr", 3),
    ("Menambah jadwal posyandu lansia menjadi dua kali sebulan", "dinkes", 2),
    ("Menambah armada pengangkut sampah pasar pada akhir pekan", "dlh", 1),
    ("Memperbaiki lampu penerangan jalan yang padam di jalan lingkungan", "dishub", 2),
    ("Mengadakan klinik perizinan UMKM keliling setiap bulan", "dpmptsp", 3),
)
MONTHS = 12


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _third_saturday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 14)


@transaction.atomic
def seed_forums(*, seed: int, today: date) -> tuple[int, int]:
    """(forums, commitments) created."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[a[0] for a in AREAS])}
    responsible = {u.code: u for u in Unit.objects.filter(code__in=[p[1] for p in PROMISES])}
    existing = set(Forum.objects.values_list("slug", flat=True))
    forums = commitments = 0
    for delta in range(-MONTHS, 2):  # a year back, this month and next
        year, month = divmod(today.year * 12 + today.month - 1 + delta, 12)
        first = date(year, month + 1, 1)
        for n, (code, area, venue) in enumerate(AREAS):
            unit = units.get(code)
            if unit is None:
                continue
            slug = f"forum-{code.removeprefix('kec-')}-{first:%Y-%m}"
            if slug in existing:
                continue
            rng = random.Random(f"{seed}:{slug}")
            day = _third_saturday(first.year, first.month) - timedelta(days=n % 2)
            held = day < today
            agenda = AGENDA[(first.month + n) % len(AGENDA)]
            forum = Forum.objects.create(
                title=f"Forum Warga {area}, {first:%m/%Y}",
                slug=slug,
                unit=unit,
                starts_at=_at(day, 9),
                ends_at=_at(day, 12),
                venue=venue,
                agenda=f"{agenda}.\nTanya jawab dengan perangkat daerah terkait.",
                capacity=rng.choice((60, 80, 100)),
                published_at=_at(day - timedelta(days=21), 8),
                minutes=(
                    f"Warga menyampaikan aspirasi tentang {agenda.lower()}. Perangkat daerah "
                    "menjawab dan mencatat janji tindak lanjut di bawah ini."
                )
                if held
                else "",
                attendance_asn=rng.randint(8, 20) if held else None,
                attendance_residents=rng.randint(35, 110) if held else None,
                attendance_leaders=rng.randint(4, 15) if held else None,
            )
            forums += 1
            if not held:
                continue
            promise, owner, months = PROMISES[(first.month + n) % len(PROMISES)]
            if owner not in responsible:
                continue
            aspiration_record(
                forum=forum,
                subject=f"Aspirasi: {agenda[0].lower()}{agenda[1:]}",
                body=(
                    f"Disampaikan warga pada {forum.title}: mohon ditindaklanjuti, yaitu "
                    f"{promise[0].lower()}{promise[1:]}."
                ),
                unit=responsible[owner],
                raised_by=rng.choice(("Ketua RT 02", "Ketua RW 04", "Tokoh pemuda", "")),
            )
            due = day + timedelta(days=30 * months)
            commitment = Commitment.objects.create(
                title=promise,
                unit=responsible[owner],
                forum=forum,
                due_date=due,
            )
            commitments += 1
            fate = rng.random()
            progress = 0
            when = day + timedelta(days=10)
            while when < today and when < due + timedelta(days=45):
                step = rng.choice((30, 40, 50))
                progress = min(100, progress + step)
                finished = progress == 100 and fate < 0.6
                CommitmentUpdate.objects.create(
                    commitment=commitment,
                    date=when,
                    text="Pekerjaan selesai dan diperiksa bersama warga."
                    if finished
                    else "Sedang dikerjakan; kendala dan langkah berikutnya dicatat.",
                    status=CommitmentStatus.DONE if finished else CommitmentStatus.ONGOING,
                    progress=progress if finished else min(progress, 90),
                )
                if finished:
                    break
                when += timedelta(days=rng.randint(15, 30))
            latest = commitment.updates.order_by("-date", "-id").first()
            if latest:
                Commitment.objects.filter(pk=commitment.pk).update(
                    status=latest.status, progress=latest.progress
                )
            late = (latest is None or latest.status not in CLOSED_COMMITMENT) and due < today
            if late and rng.random() < 0.5:
                _resident_asks_about(commitment, forum, rng)
    return forums, commitments


def _resident_asks_about(commitment, forum, rng):
    """A resident asks in public why a promise is late; the moderator has verified it."""
    submission = feedback_submit(
        data={
            "kind": Kind.KRITIK,
            "sasaran": (TargetType.COMMITMENT, commitment),
            "subject": "Komitmen sudah lewat tenggat, kapan dikerjakan?",
            "body": (
                f"Pada {forum.title} dijanjikan: {commitment.title[0].lower()}"
                f"{commitment.title[1:]}. Tenggatnya sudah lewat dan warga belum melihat "
                "hasilnya. Mohon penjelasan dan jadwal yang baru."
            ),
            "privacy": rng.choice((Privacy.PUBLIK, Privacy.ANONIM)),
            "name": rng.choice(("Warga RT 03", "Pak Syahrial", "Ibu Nurhayati")),
        }
    )
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    TimelineEvent.objects.create(
        submission=submission, kind=EventKind.STATUS, status=Status.DIVERIFIKASI
    )
