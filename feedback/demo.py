"""Demo feedback: a few dozen synthetic submissions at every step of the lifecycle.

Codes come from the seed, so a second run finds them and adds nothing. No text refers to a
real person; contact data are left empty except on two made-up senders. Deadlines follow the
working-day rules (with two demo holidays); every third answered item was answered late, and
the older items still waiting for a unit are past their deadline, so the overdue flags, the
unit figures and the scoreboard have something to show.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from feedback import codes, working_days
from feedback.assessments import quarter
from feedback.choices import CLOSED_STATUSES, EventKind, Status, TargetType
from feedback.models import Assessment, Holiday, Routing, Submission, TimelineEvent
from feedback.ratelimit import email_key
from feedback.services import body_hash
from personnel.models import Unit

DEFAULT_SEED = 1784
DEMO_TODAY = datetime(2026, 11, 29).date()

# (kind, unit code or None for the portal, subject, body, privacy, furthest status)
ITEMS = [
    (
        "pengaduan",
        "dishub",
        "Lampu lalu lintas mati",
        "Lampu lalu lintas di simpang Jalan Ganet mati sejak tiga hari, rawan tabrakan.",
        "publik",
        Status.SELESAI,
    ),
    (
        "kritik",
        "disdukcapil",
        "Antrean KTP-el terlalu panjang",
        "Antrean perekaman KTP-el dimulai sebelum subuh dan nomor antrean habis pukul delapan.",
        "anonim",
        Status.DITANGGAPI,
    ),
    (
        "saran",
        "diskominfo",
        "Jadwal layanan di situs web",
        "Mohon jadwal layanan setiap OPD dimuat di situs web kota dan selalu diperbarui.",
        "publik",
        Status.DITERUSKAN,
    ),
    (
        "aspirasi",
        "dispora",
        "Lapangan futsal untuk remaja",
        "Warga Kelurahan Tanjung Unggat berharap ada lapangan futsal terbuka untuk remaja.",
        "publik",
        Status.DIVERIFIKASI,
    ),
    (
        "apresiasi",
        "dinkes",
        "Pelayanan puskesmas ramah",
        "Petugas Puskesmas Sei Jang melayani ibu hamil dengan sabar dan menjelaskan dengan jelas.",
        "publik",
        Status.SELESAI,
    ),
    (
        "pengaduan",
        "dlh",
        "Sampah menumpuk di pasar",
        "Sampah di belakang Pasar Baru tidak diangkut selama seminggu dan mulai berbau.",
        "anonim",
        Status.DITERUSKAN,
    ),
    (
        "kritik",
        "dpupr",
        "Jalan berlubang di Batu 8",
        "Lubang besar di Jalan D.I. Panjaitan Batu 8 sudah dilaporkan warga tetapi belum ditambal.",
        "publik",
        Status.BARU,
    ),
    (
        "saran",
        None,
        "Portal perlu mode huruf besar",
        "Mohon portal ini menyediakan ukuran huruf yang lebih besar untuk warga lanjut usia.",
        "publik",
        Status.BARU,
    ),
    (
        "pengaduan",
        "satpolpp",
        "Pungutan di lapak kaki lima",
        "Ada pungutan tanpa karcis kepada pedagang kaki lima di kawasan Tepi Laut.",
        "rahasia",
        Status.DITERUSKAN,
    ),
    (
        "kritik",
        "dinsos",
        "Bantuan sosial tidak tepat sasaran",
        "Beberapa keluarga mampu di lingkungan kami menerima bantuan, sedangkan yang miskin tidak.",
        "anonim",
        Status.DIVERIFIKASI,
    ),
    (
        "saran",
        "disdik",
        "Perpustakaan sekolah buka sore",
        "Perpustakaan sekolah negeri sebaiknya buka sampai sore agar siswa bisa belajar kelompok.",
        "publik",
        Status.DITANGGAPI,
    ),
    (
        "pengaduan",
        None,
        "Iklan judi di kolom komentar",
        "Promosi judi daring https://contoh.example dan lainnya, kunjungi segera.",
        "publik",
        Status.DITOLAK,
    ),
    (
        "aspirasi",
        "dispar",
        "Festival budaya Melayu",
        "Warga mengusulkan festival budaya Melayu tahunan di Pulau Penyengat bersama sanggar.",
        "publik",
        Status.BARU,
    ),
    (
        "apresiasi",
        "diskominfo",
        "Wi-Fi publik di taman",
        "Terima kasih, Wi-Fi publik di Taman Gurindam cepat dan mudah dipakai.",
        "publik",
        Status.SELESAI,
    ),
    (
        "kritik",
        "dpmptsp",
        "Izin usaha lambat",
        "Pengurusan izin usaha mikro kami sudah tiga minggu tanpa kabar dari petugas.",
        "publik",
        Status.DITERUSKAN,
    ),
    (
        "pengaduan",
        "rsud",
        "Ruang tunggu IGD penuh",
        "Ruang tunggu IGD penuh dan keluarga pasien harus berdiri di luar saat hujan.",
        "anonim",
        Status.BARU,
    ),
    (
        "saran",
        "bapenda",
        "Pembayaran PBB lewat QRIS",
        "Mohon pembayaran PBB bisa memakai QRIS agar tidak perlu datang ke kantor.",
        "publik",
        Status.DITANGGAPI,
    ),
    (
        "aspirasi",
        "disperkimtan",
        "Drainase di perumahan",
        "Setiap hujan deras perumahan kami di Air Raja tergenang karena drainase tersumbat.",
        "publik",
        Status.DIVERIFIKASI,
    ),
]
# A year and more of routine feedback to the front-office units, so the unit pages and the
# scoreboard have real figures: each unit answers late in its own share of cases.
FRONT_OFFICE = (
    "disdukcapil",
    "dinkes",
    "rsud",
    "dpmptsp",
    "dishub",
    "dlh",
    "dpupr",
    "dinsos",
    "kec-bukit-bestari",
    "kec-tanjungpinang-timur",
)
TOPICS = (
    ("pengaduan", "Pelayanan di loket lambat", "Menunggu satu jam di loket tanpa kejelasan"),
    ("kritik", "Syarat layanan tidak jelas", "Syarat di papan berbeda dengan kata petugas"),
    ("saran", "Pendaftaran daring", "Mohon ada pendaftaran daring agar antrean berkurang"),
    ("apresiasi", "Petugas sigap membantu", "Petugas cepat membantu warga lansia"),
    ("pengaduan", "Pengaduan tidak dibalas", "Pengaduan lewat telepon belum ada kabarnya"),
)
GENERATED = 200


def _generated_items():
    items = []
    for n in range(GENERATED):
        rng = random.Random(f"demo-item:{n}")
        kind, subject, body = TOPICS[n % len(TOPICS)]
        status = rng.choices(
            [Status.SELESAI, Status.DITANGGAPI, Status.DITERUSKAN, Status.DIVERIFIKASI,
             Status.DITOLAK],
            weights=[60, 15, 15, 5, 5],
        )[0]  # fmt: skip
        items.append(
            (
                kind,
                FRONT_OFFICE[rng.randrange(len(FRONT_OFFICE))],
                subject,
                f"{body} (laporan warga nomor {n + 1}).",
                rng.choice(["publik", "publik", "anonim", "rahasia"]),
                status,
            )
        )
    return items


def _answers_late(n: int, unit_code: str | None) -> bool:
    """The handwritten items: every third answer late; the others: by the unit's own habit."""
    if n < HANDWRITTEN or not unit_code:
        return n % 3 == 1
    habit = random.Random(f"demo-unit:{unit_code}").uniform(0.05, 0.6)
    return random.Random(f"demo-late:{n}").random() < habit


HANDWRITTEN = len(ITEMS)
ITEMS = ITEMS + _generated_items()
SENDERS = ["Warga Tanjungpinang", "Penjual Ikan Pasar Baru", "", "", ""]
NOTES = {
    Status.DIVERIFIKASI: "Masukan sudah diperiksa moderator dan akan diteruskan ke unit terkait.",
    Status.DITERUSKAN: "Diteruskan ke unit yang berwenang untuk ditindaklanjuti.",
    Status.DITANGGAPI: "Unit sudah menanggapi; tindak lanjut dijadwalkan minggu ini.",
    Status.SELESAI: "Tindak lanjut selesai dan sudah dicek di lapangan.",
    Status.DITOLAK: "Ditolak: berisi promosi, bukan masukan tentang layanan publik.",
}
HOLIDAYS = [
    (datetime(2026, 10, 30).date(), "Cuti bersama (demo)"),
    (datetime(2026, 12, 25).date(), "Hari Raya Natal"),
]
LATE_EXTRA_DAYS = 9
PATH = [Status.BARU, Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DITANGGAPI, Status.SELESAI]


@dataclass
class FeedbackSeedResult:
    submissions: int = 0
    events: int = 0

    def summary(self) -> str:
        return f"Masukan: {self.submissions} masukan baru, {self.events} peristiwa linimasa baru."


def _steps(status):
    if status == Status.DITOLAK:
        return [Status.BARU, Status.DITOLAK]
    return PATH[: PATH.index(status) + 1]


def seed_feedback(*, seed: int = DEFAULT_SEED, today=DEMO_TODAY) -> FeedbackSeedResult:
    rng = random.Random(seed)
    demo_codes = ["".join(rng.choice(codes.ALPHABET) for _ in range(codes.LENGTH)) for _ in ITEMS]
    existing = set(Submission.objects.filter(code__in=demo_codes).values_list("code", flat=True))
    units = {unit.code: unit for unit in Unit.objects.filter(code__in={i[1] for i in ITEMS})}
    result = FeedbackSeedResult()
    with transaction.atomic():
        for day, name in HOLIDAYS:
            Holiday.objects.get_or_create(date=day, defaults={"name": name})
        holidays = frozenset(Holiday.objects.values_list("date", flat=True))
        for n, (code, item) in enumerate(zip(demo_codes, ITEMS, strict=True)):
            kind, unit_code, subject, body, privacy, status = item
            unit = units.get(unit_code)
            if code in existing or (unit_code and unit is None):
                continue
            received = timezone.make_aware(
                datetime.combine(today - timedelta(days=3 + 2 * n), time(8 + n % 9))
            )
            steps = _steps(status)
            moments = [received + timedelta(days=i, hours=2 * i) for i in range(len(steps))]
            if Status.DITANGGAPI in steps and _answers_late(n, unit_code):
                late = steps.index(Status.DITANGGAPI)
                shifted = moments[:late] + [
                    m + timedelta(days=LATE_EXTRA_DAYS) for m in moments[late:]
                ]
                if shifted[-1].date() < today:
                    moments = shifted
            when = dict(zip(steps, moments, strict=True))
            answered_at = when.get(Status.DITANGGAPI)
            submission = Submission.objects.create(
                code=code,
                kind=kind,
                target_type=TargetType.UNIT if unit else TargetType.PORTAL,
                unit=unit,
                subject=subject,
                body=body,
                body_hash=body_hash(body),
                privacy=privacy,
                name=SENDERS[n % len(SENDERS)],
                consent_at=received,
                status=status,
                closed_at=moments[-1] if status in CLOSED_STATUSES else None,
                verify_due=working_days.add_working_days(
                    received.date(), working_days.VERIFY_DAYS, holidays
                ),
                close_due=working_days.add_working_days(
                    answered_at.date(), working_days.CLOSE_DAYS, holidays
                )
                if status == Status.DITANGGAPI
                else None,
                rejection_reason=NOTES[Status.DITOLAK] if status == Status.DITOLAK else "",
            )
            Submission.objects.filter(pk=submission.pk).update(created_at=received)
            if unit and Status.DITERUSKAN in steps:
                routed_at = when[Status.DITERUSKAN]
                routing = Routing.objects.create(
                    submission=submission,
                    unit=unit,
                    respond_due=working_days.add_working_days(
                        routed_at.date(), working_days.RESPOND_DAYS, holidays
                    ),
                    responded_at=answered_at,
                )
                Routing.objects.filter(pk=routing.pk).update(routed_at=routed_at)
            TimelineEvent.objects.bulk_create(
                TimelineEvent(
                    submission=submission,
                    kind=EventKind.RECEIVED
                    if step == Status.BARU
                    else EventKind.RESPONSE
                    if step == Status.DITANGGAPI
                    else EventKind.STATUS,
                    status=step,
                    note=NOTES.get(step, ""),
                    unit=unit if step == Status.DITANGGAPI else None,
                    created_at=moment,
                )
                for step, moment in zip(steps, moments, strict=True)
            )
            result.submissions += 1
            result.events += len(steps)
    return result


ASSESSED_UNITS = ("dinkes", "disdukcapil", "dpmptsp", "rsud", "dishub", "kec-bukit-bestari")


def seed_assessments(*, seed: int, today) -> int:
    """Confirmed penilaian masyarakat for a few front-office units (idempotent)."""
    if Assessment.objects.exists():
        return 0
    rows = []
    for unit in Unit.objects.filter(code__in=ASSESSED_UNITS).order_by("code"):
        rng = random.Random(f"{seed}:penilaian:{unit.code}")
        mood = rng.uniform(2.6, 4.4)
        for n in range(rng.randint(6, 24)):
            day = today - timedelta(days=rng.randint(1, 300))
            email = f"warga{n}.{unit.code}@contoh.id"
            moment = timezone.make_aware(datetime.combine(day, time(10)))
            rows.append(
                Assessment(
                    target_type="unit",
                    unit=unit,
                    period=quarter(day),
                    rating=max(1, min(5, round(rng.gauss(mood, 0.9)))),
                    email=email,
                    email_key=email_key(email),
                    address_key="demo",
                    confirmed_at=moment,
                )
            )
    Assessment.objects.bulk_create(rows)
    return len(rows)
