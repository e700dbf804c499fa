"""Demo training: the events of 2025 and of 2026 to date, and who attended them.

Each active PNS of the demo city gets a yearly appetite for training drawn from their unit and
themselves (seeded by unit code and NIP), so units differ and the 20 JP figures mean something.
Idempotent: events by code, records only for events that have none yet.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from personnel.choices import EmployeeStatus, EmploymentType
from personnel.models import Assignment
from training.models import Mode, Topic, TrainingEvent, TrainingRecord

# (code stem, title, topic, provider, mode, JP, share of the city's PNS invited)
CATALOGUE = (
    (
        "tik-dasar",
        "Literasi Digital dan Keamanan Siber bagi ASN",
        Topic.ICT,
        "Diskominfo Kota Tanjungpinang",
        Mode.BLENDED,
        12,
        0.12,
    ),
    (
        "tik-data",
        "Pengolahan dan Visualisasi Data untuk Perencanaan",
        Topic.ICT,
        "Diskominfo Kota Tanjungpinang",
        Mode.CLASSICAL,
        24,
        0.03,
    ),
    (
        "spbe",
        "Penerapan SPBE dan Layanan Digital Terpadu",
        Topic.ICT,
        "Kementerian PANRB (daring)",
        Mode.ONLINE,
        8,
        0.06,
    ),
    (
        "pelayanan-prima",
        "Pelayanan Prima dan Standar Pelayanan Publik",
        Topic.PUBLIC_SERVICE,
        "BKPSDM Kota Tanjungpinang",
        Mode.CLASSICAL,
        16,
        0.10,
    ),
    (
        "pengaduan",
        "Pengelolaan Pengaduan Masyarakat melalui SP4N-LAPOR!",
        Topic.PUBLIC_SERVICE,
        "Ombudsman RI Perwakilan Kepri",
        Mode.CLASSICAL,
        8,
        0.04,
    ),
    (
        "berakhlak",
        "Internalisasi Core Values BerAKHLAK",
        Topic.SOCIOCULTURAL,
        "BKPSDM Kota Tanjungpinang",
        Mode.ONLINE,
        6,
        0.20,
    ),
    (
        "wasbang",
        "Wawasan Kebangsaan dan Moderasi",
        Topic.SOCIOCULTURAL,
        "Kesbangpol Kota Tanjungpinang",
        Mode.CLASSICAL,
        8,
        0.05,
    ),
    (
        "pkp",
        "Pelatihan Kepemimpinan Pengawas",
        Topic.MANAGERIAL,
        "BPSDM Provinsi Kepri",
        Mode.BLENDED,
        60,
        0.01,
    ),
    (
        "pka",
        "Pelatihan Kepemimpinan Administrator",
        Topic.MANAGERIAL,
        "BPSDM Provinsi Kepri",
        Mode.BLENDED,
        80,
        0.004,
    ),
    (
        "skp",
        "Penyusunan SKP dan Manajemen Kinerja PermenPANRB 6/2022",
        Topic.TECHNICAL,
        "BKPSDM Kota Tanjungpinang",
        Mode.CLASSICAL,
        12,
        0.08,
    ),
    (
        "arsip",
        "Tata Kelola Arsip Dinamis",
        Topic.TECHNICAL,
        "Dinas Perpustakaan dan Kearsipan",
        Mode.CLASSICAL,
        10,
        0.03,
    ),
    (
        "pbj",
        "Pengadaan Barang/Jasa Pemerintah Tingkat Dasar",
        Topic.FINANCE,
        "LKPP (daring)",
        Mode.ONLINE,
        32,
        0.02,
    ),
    (
        "keuangan",
        "Penatausahaan Keuangan Daerah (SIPD)",
        Topic.FINANCE,
        "BPKAD Kota Tanjungpinang",
        Mode.CLASSICAL,
        16,
        0.03,
    ),
    (
        "jf-guru",
        "Pembelajaran Berdiferensiasi bagi Guru",
        Topic.FUNCTIONAL,
        "Dinas Pendidikan Kota Tanjungpinang",
        Mode.BLENDED,
        32,
        0.12,
    ),
    (
        "jf-nakes",
        "Pelayanan Kesehatan Primer dan Kegawatdaruratan",
        Topic.FUNCTIONAL,
        "Dinas Kesehatan Kota Tanjungpinang",
        Mode.CLASSICAL,
        24,
        0.06,
    ),
)
VENUE = {
    Mode.CLASSICAL: "Aula BKPSDM Kota Tanjungpinang",
    Mode.BLENDED: "Daring dan Aula BKPSDM",
    Mode.ONLINE: "Daring",
}
RUNS = 2  # each course runs twice a year


def plan_events(today: date) -> list[dict]:
    events = []
    for year in (2025, 2026):
        for n, (stem, title, topic, provider, mode, jp, share) in enumerate(CATALOGUE):
            for run in range(RUNS):
                start = date(year, 2 + (n * 5 + run * 6) % 10, 3 + (n * 7) % 20)
                start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
                days = max(1, jp // 8)
                end = start + timedelta(days=days - 1)
                if end > today + timedelta(days=60):
                    continue
                events.append(
                    {
                        "code": f"{stem}-{year}-{run + 1}",
                        "title": title,
                        "topic": topic,
                        "provider": provider,
                        "mode": mode,
                        "start": start,
                        "end": end,
                        "jp": jp,
                        "venue": VENUE[mode],
                        "share": share,
                    }
                )
    return events


@transaction.atomic
def seed_training(*, seed: int, today: date) -> tuple[int, int]:
    """Create the demo events and attendance not there yet: (events, records) created."""
    plans = plan_events(today)
    existing = set(TrainingEvent.objects.values_list("code", flat=True))
    new = [
        TrainingEvent(**{k: v for k, v in plan.items() if k != "share"})
        for plan in plans
        if plan["code"] not in existing
    ]
    TrainingEvent.objects.bulk_create(new)
    share = {plan["code"]: plan["share"] for plan in plans}
    events = list(
        TrainingEvent.objects.filter(code__in=[e.code for e in new], end__lte=today).order_by(
            "code"
        )
    )
    if not events:
        return len(new), 0
    staff = list(
        Assignment.objects.primary()
        .current(date(2026, 1, 1))
        .filter(
            employee__status=EmployeeStatus.ACTIVE,
            employee__employment_type=EmploymentType.PNS,
        )
        .values_list("employee_id", "employee__nip", "position__unit__code")
        .order_by("employee__nip")
    )
    unit_appetite = {
        code: random.Random(f"{seed}:unit:{code}").uniform(0.5, 1.6)
        for code in {row[2] for row in staff}
    }
    records = []
    for event in events:
        rng = random.Random(f"{seed}:{event.code}")
        for employee_id, nip, unit in staff:
            person = random.Random(f"{seed}:{nip}").uniform(0.4, 1.8)
            if rng.random() < share[event.code] * 1.1 * unit_appetite[unit] * person:
                partial = rng.random() < 0.05
                records.append(
                    TrainingRecord(
                        employee_id=employee_id,
                        event=event,
                        jp=max(1, event.jp // 2) if partial else event.jp,
                        certificate_number=""
                        if partial
                        else f"{event.code.upper()}/{nip[-4:]}{rng.randint(10, 99)}",
                    )
                )
    TrainingRecord.objects.bulk_create(records, batch_size=5000)
    return len(new), len(records)
