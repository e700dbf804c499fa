"""Demo open selections: one finished with an appointment, one under way (track record).

Candidates are demo ASN holding administrator posts in other units (chosen by NIP, so the same
demo city gives the same candidates) plus outside applicants. Idempotent by slug.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from personnel.choices import JabatanType
from personnel.models import Assignment, Position, Unit
from selection.choices import Outcome, PanelRole, StageKind
from selection.models import Candidate, PanelMember, Selection, Stage, StageResult

LEGAL_BASIS = (
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara\n"
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen PNS sebagaimana telah diubah "
    "dengan Peraturan Pemerintah Nomor 17 Tahun 2020\n"
    "Peraturan Menteri PANRB Nomor 15 Tahun 2019 tentang Pengisian Jabatan Pimpinan Tinggi "
    "secara Terbuka dan Kompetitif di Lingkungan Instansi Pemerintah"
)
PANEL = (
    ("Dr. H. Zulkifli, M.Si.", PanelRole.CHAIR, "Sekretaris Daerah Kota Tanjungpinang"),
    ("Kepala BKPSDM", PanelRole.SECRETARY, "BKPSDM Kota Tanjungpinang"),
    ("Prof. Dr. Mariani, M.Pd.", PanelRole.MEMBER, "Akademisi, Universitas Maritim Raja Ali Haji"),
    ("Dr. Rudi Hartono, S.H., M.H.", PanelRole.MEMBER, "Akademisi, STISIPOL Raja Haji"),
    ("Ir. Siti Aminah, M.M.", PanelRole.MEMBER, "Asesor SDM aparatur, BKD Provinsi Kepri"),
)
OUTSIDE = (
    (
        "Drs. Hendra Saputra, M.Pd.",
        "Kepala Bidang Pembinaan SMA",
        "Dinas Pendidikan Provinsi Kepri",
    ),
    ("Yuliana, S.E., M.Ak.", "Kepala Bagian Umum", "Sekretariat DPRD Kabupaten Bintan"),
    ("Fikri Ramadhan, S.STP., M.Si.", "Camat Bintan Timur", "Pemerintah Kabupaten Bintan"),
)


@dataclass(frozen=True)
class Plan:
    slug: str
    title: str
    unit: str
    number: str
    opens: date
    # stage kind → (days after opening, length in days); results announced the day after
    schedule: tuple
    candidates: int
    appointed_on: date | None = None


SCHEDULE = (
    (StageKind.ANNOUNCEMENT, 0, 12),
    (StageKind.ADMINISTRATION, 14, 5),
    (StageKind.TRACK_RECORD, 21, 12),
    (StageKind.COMPETENCY, 36, 3),
    (StageKind.PAPER, 42, 2),
    (StageKind.INTERVIEW, 45, 2),
    (StageKind.HEALTH, 49, 1),
    (StageKind.FINAL_THREE, 56, 1),
    (StageKind.APPOINTMENT, 67, 1),
)
PLANS = (
    Plan(
        "jpt-disdik-2025",
        "Seleksi Terbuka JPT Pratama Kepala Dinas Pendidikan Tahun 2025",
        "disdik",
        "800/BKPSDM-PANSEL/07/2025",
        date(2025, 7, 7),
        SCHEDULE,
        candidates=9,
        appointed_on=date(2025, 9, 12),
    ),
    Plan(
        "jpt-setdprd-2026",
        "Seleksi Terbuka JPT Pratama Sekretaris DPRD Tahun 2026",
        "setdprd",
        "800/BKPSDM-PANSEL/11/2026",
        date(2026, 11, 2),
        SCHEDULE,
        candidates=7,
    ),
)
# Who fails where, by the order of registration: a plausible funnel down to three names.
FUNNEL = {
    StageKind.ADMINISTRATION: 1,
    StageKind.TRACK_RECORD: 0,
    StageKind.COMPETENCY: 2,
    StageKind.PAPER: 0,
    StageKind.INTERVIEW: 1,
    StageKind.HEALTH: 0,
    StageKind.FINAL_THREE: 0,
}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _applicants(unit: Unit, count: int, rng: random.Random) -> list[tuple]:
    """(name, position, agency, employee) of administrators outside `unit`, and outsiders."""
    rows = list(
        Assignment.objects.primary()
        .current(on=date(2026, 1, 1))
        .filter(position__jabatan_type=JabatanType.ADMINISTRATOR)
        .exclude(position__unit=unit)
        .select_related("employee", "position__unit")
        .order_by("employee__nip")[:200]
    )
    rng.shuffle(rows)
    inside = [
        (a.employee.full_name, a.position.title, a.position.unit.name, a.employee)
        for a in rows[: max(0, count - 2)]
    ]
    outside = [(name, post, agency, None) for name, post, agency in OUTSIDE[: count - len(inside)]]
    return inside + outside


@transaction.atomic
def seed_selections(*, seed: int, today: date) -> int:
    """Create the demo selections that do not exist yet; the number created."""
    created = 0
    for plan in PLANS:
        unit = Unit.objects.filter(code=plan.unit).first()
        if unit is None or Selection.objects.filter(slug=plan.slug).exists():
            continue
        rng = random.Random(f"{seed}:{plan.slug}")
        selection = Selection.objects.create(
            title=plan.title,
            slug=plan.slug,
            unit=unit,
            announcement_number=plan.number,
            legal_basis=LEGAL_BASIS,
            description=(
                "Terbuka bagi PNS yang menduduki JPT Pratama atau jabatan administrator paling "
                "singkat dua tahun, berpendidikan paling rendah S1/D-IV, dengan predikat kinerja "
                "paling rendah Baik dalam dua tahun terakhir."
            ),
            published_at=_at(plan.opens, 8),
        )
        selection.positions.set(Position.objects.filter(unit=unit, is_head=True))
        PanelMember.objects.bulk_create(
            PanelMember(selection=selection, name=name, role=role, affiliation=aff, order=n)
            for n, (name, role, aff) in enumerate(PANEL)
        )
        stages = {}
        for kind, offset, length in plan.schedule:
            start = plan.opens + timedelta(days=offset)
            end = start + timedelta(days=length - 1)
            announced = end + timedelta(days=1)
            stages[kind] = Stage.objects.create(
                selection=selection,
                kind=kind,
                start=start,
                end=end,
                venue="Kantor BKPSDM Kota Tanjungpinang, Jl. Daeng Kamboja",
                results_published_at=_at(announced) if announced <= today else None,
            )
        candidates = [
            Candidate.objects.create(
                selection=selection,
                registration_number=f"{plan.slug.split('-')[1].upper()}-{n:03d}",
                name=name,
                current_position=post,
                current_agency=agency,
                employee=employee,
            )
            for n, (name, post, agency, employee) in enumerate(
                _applicants(unit, plan.candidates, rng), start=1
            )
        ]
        remaining = list(candidates)
        results = []
        for kind, failing in FUNNEL.items():
            stage = stages[kind]
            if stage.end >= today:
                break  # results exist only for stages that have ended
            dropped = set(
                rng.sample(range(len(remaining)), max(0, min(failing, len(remaining) - 3)))
            )
            for index, candidate in enumerate(remaining):
                passed = index not in dropped
                results.append(
                    StageResult(
                        stage=stage,
                        candidate=candidate,
                        outcome=Outcome.PASSED if passed else Outcome.FAILED,
                        score=None
                        if kind == StageKind.ADMINISTRATION
                        else round(rng.uniform(62, 91), 2),
                    )
                )
            remaining = [c for index, c in enumerate(remaining) if index not in dropped]
        StageResult.objects.bulk_create(results)
        if plan.appointed_on and plan.appointed_on <= today and remaining:
            selection.appointed = remaining[0]
            selection.appointed_on = plan.appointed_on
            selection.appointment_decree = (
                f"821.2/{plan.appointed_on:%m}/KPTS/{plan.appointed_on:%Y}"
            )
            selection.input_summary = (
                "Panitia menerima masukan warga tentang para calon selama penelusuran rekam "
                "jejak. Masukan tentang pelayanan dan integritas diperiksa bersama atasan dan "
                "rekan kerja calon; tidak ada temuan yang menggugurkan calon. Dua masukan "
                "tentang penanganan keluhan orang tua murid menjadi bahan wawancara akhir."
            )
            selection.input_summary_published_at = _at(plan.appointed_on - timedelta(days=3))
            selection.save()
        created += 1
    return created
