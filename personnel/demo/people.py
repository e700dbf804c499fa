"""Synthetic ASN for the demo city: names, gelar, careers, NIPs and assignments.

Everything is drawn from one seeded random.Random, and nothing drawn depends on what the
database already holds, so the same seed always describes the same city.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from personnel.choices import (
    PNS_GOLONGAN,
    EmployeeStatus,
    EmploymentType,
    Gender,
    UnitKind,
)
from personnel.demo.organisation import J, L, PositionSpec, UnitSpec, build_units
from personnel.models import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
)
from personnel.nip import compose_pns_nip

# A fixed "today" for the generator: the same seed must give the same dates whatever day it
# runs, and every date it produces (TMT, NIP months, retirements) lies before this one.
REFERENCE_DATE = date(2026, 1, 1)

RETIRED_SHARE = 0.015
PPPK_SHARE = 0.20
PREVIOUS_POST_SHARE = 0.25

# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class NamePool:
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...] = ()
    female_second: tuple[str, ...] = ()
    family: tuple[str, ...] = ()  # marga or surname, carried by men and women alike
    second_share: float = 0.6
    prefixes: tuple[tuple[str, float], ...] = ()  # (prefix, share), e.g. Malay nobility


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


_MELAYU_MALE = _names(
    "Ahmad, Azhar, Azmi, Darwis, Effendi, Fadli, Firdaus, Hamdan, Harun, Hasan, Irwan, Ismail, "
    "Jefri, Khairul, Mahadi, Marzuki, Mustafa, Nasrun, Rizal, Rusli, Saparudin, Syahrial, "
    "Syamsul, Taufik, Usman, Yusri, Zainal, Zulkifli, Muhammad, Abdul Rahman, Syafruddin, Herman"
)
NAME_POOLS: dict[str, NamePool] = {
    "melayu": NamePool(
        male=_MELAYU_MALE,
        female=_names(
            "Aisyah, Asmah, Azizah, Fatimah, Halimah, Hasnah, Juliana, Khadijah, Mariani, "
            "Nurhayati, Rahmah, Rosmawati, Rosnah, Salmah, Suryani, Zubaidah, Zuraida, Norma, "
            "Mardiana, Yusnita, Herlina, Nurlela, Siti Aminah, Rohani"
        ),
        male_second=(*_MELAYU_MALE[:20], *_names("Syahputra, Anwar, Hidayat, Ramli")),
        female_second=_names(
            "Aminah, Hayati, Yanti, Sari, Zahara, Rahmawati, Fitriani, Wahyuni, Handayani, "
            "Susanti, Marlina, Yusnita, Novita, Hasanah, Zulaikha, Kartika"
        ),
        second_share=0.8,
        prefixes=(("Raja", 0.06), ("Tengku", 0.03), ("Wan", 0.04)),
    ),
    "jawa": NamePool(
        male=_names(
            "Agus, Bambang, Budi, Didik, Eko, Hadi, Heru, Joko, Slamet, Sugeng, Teguh, Wahyu, "
            "Yudi, Dwi, Tri, Bayu, Arif, Rudi, Sutrisno, Sugiyanto, Suparman, Sumarno, Gatot, Priyo"
        ),
        female=_names(
            "Sri, Endang, Sulastri, Rina, Dewi, Ratna, Yuli, Tri, Sumarni, Retno, Puji, Dian, "
            "Siti, Wiwik, Nining, Kartini, Sutarmi"
        ),
        male_second=_names(
            "Santoso, Setiawan, Prasetyo, Wibowo, Susanto, Purnomo, Nugroho, Hartono, Kurniawan, "
            "Saputro, Wicaksono, Pranoto, Utomo, Suryadi, Widodo, Raharjo"
        ),
        female_second=_names(
            "Wahyuni, Lestari, Rahayu, Handayani, Astuti, Purwanti, Susilowati, Kurniasih, "
            "Setyaningsih, Wulandari, Utami, Pratiwi, Mulyani, Rahmawati"
        ),
        second_share=0.75,
    ),
    "minang": NamePool(
        male=_names(
            "Afrizal, Zulhendri, Yusrizal, Syafrizal, Erizal, Hendri, Febrian, Rahmat, Zulfikar, "
            "Irwandi, Defri, Yulisman, Alfian, Fauzan, Zulkarnain, Novrizal, Yondri, Asrul"
        ),
        female=_names(
            "Yulia, Desi, Elvira, Fitri, Nofrianti, Rosmaini, Yenni, Elfi, Rika, Nurmaini, "
            "Yusnidar, Dewi, Lisa, Mira, Syafitri, Warni"
        ),
        male_second=_names("Putra, Saputra, Syahputra, Rahman, Effendi, Hakim, Chaniago"),
        female_second=_names(
            "Rahmi, Yanti, Susanti, Novita, Fitriani, Yulianti, Elita, Hayati, Marlina, Sari, "
            "Oktavia, Fauziah"
        ),
        second_share=0.7,
    ),
    "batak": NamePool(
        male=_names(
            "Roy, Lamhot, Togar, Parlindungan, Hotman, Jonny, Benny, Frans, Rudolf, Mangasi, "
            "Sahat, Tumpal, Daniel, Rikson, Poltak, Ahmad Rifai, Marihot, Charles"
        ),
        female=_names(
            "Rosmauli, Lasma, Tiur, Rumondang, Debora, Maria, Ruth, Sarma, Hotnida, Lenny, Ester, "
            "Friska, Yanti, Masniari, Nurhalimah, Rotua"
        ),
        family=_names(
            "Simanjuntak, Sitorus, Siregar, Nasution, Hutapea, Simatupang, Sihombing, Pardede, "
            "Panjaitan, Manurung, Situmorang, Lubis, Harahap, Sinaga, Tambunan, Silalahi, "
            "Hutagalung, Sitompul, Pasaribu, Damanik"
        ),
    ),
    "bugis": NamePool(
        male=_names(
            "Muh. Arsyad, Syamsuddin, Baharuddin, Hamzah, Jamaluddin, Sainuddin, Nasaruddin, "
            "Amiruddin, Asri, Ilham, Muh. Yusuf, Sudirman, Hasanuddin, Rusdi, Kamaruddin, "
            "Abdul Muis"
        ),
        female=_names(
            "Nurhaedah, Hasnawati, Rosdiana, Hasniah, Nurjannah, Jumriati, Sumarni, Hartati, "
            "Sitti Rahmah, Nurhayati, Rahmatia, Suriani, Hasmiah"
        ),
        # Bugis children often carry their father's name second.
        male_second=_names(
            "Yusuf, Rahman, Latief, Said, Amir, Makmur, Hamid, Saleh, Arifin, Basri"
        ),
        female_second=_names(
            "Rahmah, Aisyah, Sahriani, Hafsah, Amalia, Syamsuddin, Baharuddin, Hamzah, Latief"
        ),
        second_share=0.6,
        prefixes=(("Andi", 0.3),),
    ),
    "sunda": NamePool(
        male=_names(
            "Asep, Dadang, Cecep, Ujang, Dede, Yayat, Deden, Iwan, Jajang, Encep, Wawan, Aep, "
            "Ade, Endang, Rahmat, Yusuf"
        ),
        female=_names(
            "Euis, Neneng, Iis, Enung, Nenden, Cucu, Elis, Imas, Tuti, Yanti, Lilis, Nining, "
            "Rina, Ai"
        ),
        male_second=_names(
            "Saepudin, Suherman, Hidayat, Sopian, Ruhiyat, Kurnia, Permana, Sudrajat, Supriatna, "
            "Rustandi, Gunawan, Hermawan"
        ),
        female_second=_names(
            "Nurhasanah, Rahmawati, Kurniasih, Sumiati, Marlina, Komalasari, Nuraeni, Hayati, "
            "Permatasari, Sulastri"
        ),
        second_share=0.85,
    ),
    "tionghoa": NamePool(
        male=_names(
            "Hendra, Budi, Yohanes, Felix, Steven, Rudy, Hendrik, Jimmy, Wilson, Ricky, Johan, "
            "Suryadi, Edi, Anton, Herman, Kevin"
        ),
        female=_names(
            "Lili, Kristina, Susanti, Yuliana, Fransiska, Lina, Veronika, Melinda, Agnes, Sherly, "
            "Meliana, Jessica, Mei Ling, Elisabeth"
        ),
        family=_names(
            "Wijaya, Gunawan, Halim, Hartono, Salim, Susanto, Tanjaya, Kurniawan, Tandiono, "
            "Setiadi, Lim, Tan, Sutanto, Wibisono, Hidayat"
        ),
    ),
}
# Given names that took over in the late 1980s, whatever the family's origin.
MODERN_POOL = NamePool(
    male=_names(
        "Muhammad Rizki, Dimas, Aditya, Reza, Fajar, Rian, Andika, Ilham, Fikri, Arya, Yoga, "
        "Rizky, Bima, Raka, Fadhil, Hafiz"
    ),
    female=_names(
        "Putri, Nadia, Anisa, Fitri, Rizka, Ayu, Intan, Dinda, Nurul, Tiara, Mega, Siska, Nabila, "
        "Salsabila, Cindy, Wulan"
    ),
    male_second=_names(
        "Pratama, Saputra, Ramadhan, Firmansyah, Hidayat, Nugraha, Maulana, Kurniawan, Setiawan, "
        "Prasetya, Syahputra, Alfarizi"
    ),
    female_second=_names(
        "Ramadhani, Lestari, Pratiwi, Amelia, Rahmadani, Febriani, Safitri, Permata, Maharani, "
        "Anggraini, Puspita, Oktaviani"
    ),
    second_share=0.8,
)
ETHNIC_SHARES = (
    ("melayu", 33), ("jawa", 22), ("minang", 12), ("batak", 10), ("bugis", 8), ("sunda", 8),
    ("tionghoa", 5),
)  # fmt: skip


def _name(rng: random.Random, gender: str, birth_year: int) -> str:
    origin = rng.choices([o for o, _ in ETHNIC_SHARES], [w for _, w in ETHNIC_SHARES])[0]
    pool = NAME_POOLS[origin]
    female = gender == Gender.FEMALE
    given_pool = (
        MODERN_POOL if birth_year >= 1988 and not pool.family and rng.random() < 0.5 else pool
    )
    parts = []
    for prefix, share in given_pool.prefixes:
        if rng.random() < share:
            parts.append(prefix)
            break
    given = rng.choice(given_pool.female if female else given_pool.male)
    parts.append(given)
    if pool.family:
        parts.append(rng.choice(pool.family))
    elif rng.random() < given_pool.second_share:
        seconds = [s for s in (given_pool.female_second if female else given_pool.male_second)
                   if s not in given]  # fmt: skip
        if seconds:
            parts.append(rng.choice(seconds))
    return " ".join(parts)


# --------------------------------------------------------------------------- gelar

# Study field by words in the position title; the first match wins, else the unit's field.
FIELD_BY_TITLE = (
    ("Dokter Gigi", "dokter_gigi"), ("Medik Veteriner", "dokter_hewan"), ("Dokter", "dokter"),
    ("Direktur RSUD", "dokter"), ("Kepala UPTD Puskesmas", "dokter"),
    ("Wakil Direktur Pelayanan", "dokter"), ("Pelayanan Medik", "dokter"),
    ("Keperawatan", "perawat"), ("Perawat", "perawat"), ("Bidan", "bidan"),
    ("Asisten Apoteker", "farmasi"), ("Apoteker", "apoteker"),
    ("Guru", "pendidikan"), ("Pengawas Sekolah", "pendidikan"), ("Penilik", "pendidikan"),
    ("Pamong Belajar", "pendidikan"),
    ("Auditor", "ekonomi"), ("Keuangan", "ekonomi"), ("Pajak", "ekonomi"), ("Koperasi", "ekonomi"),
    ("Pranata Komputer", "komputer"), ("Database", "komputer"), ("Sandiman", "komputer"),
    ("Statistisi", "komputer"),
    ("Peraturan", "hukum"), ("Hukum", "hukum"), ("Mediator", "hukum"),
    ("Teknik", "teknik"), ("Penata Ruang", "teknik"), ("Bangunan", "teknik"), ("Penera", "teknik"),
    ("Kendaraan", "teknik"), ("Pengadaan", "teknik"),
    ("Pertanian", "pertanian"), ("Perikanan", "pertanian"), ("Veteriner", "pertanian"),
    ("Pangan", "pertanian"), ("Lingkungan", "lingkungan"),
    ("Laboratorium", "kesehatan"), ("Radiografer", "kesehatan"), ("Perekam Medis", "kesehatan"),
    ("Nutrisionis", "kesehatan"), ("Fisioterapis", "kesehatan"), ("Sanitarian", "kesehatan"),
    ("Elektromedis", "kesehatan"), ("Epidemiolog", "kesehatan"), ("Kesehatan", "kesehatan"),
)  # fmt: skip

S1_GELAR = {
    "pendidikan": ("S.Pd.",) * 6 + ("S.Pd.I.", "S.Pd.I.", "S.Si."),
    "bidan": ("S.Tr.Keb.",),
    "farmasi": ("S.Farm.",),
    "kesehatan": ("S.KM.", "S.KM.", "S.Ked.", "S.Tr.Kes.", "S.Gz."),
    "ekonomi": ("S.E.", "S.E.", "S.Ak.", "S.E."),
    "hukum": ("S.H.",),
    "teknik": ("S.T.", "S.T.", "S.T.", "S.Kom."),
    "komputer": ("S.Kom.", "S.Kom.", "S.T.", "S.Si."),
    "pertanian": ("S.P.", "S.Pi.", "S.Pt.", "S.P."),
    "lingkungan": ("S.T.", "S.Si.", "S.KM."),
    "sosial": ("S.Sos.", "S.IP.", "S.Sos.", "S.AP.", "S.H.", "S.E."),
    "umum": ("S.Sos.", "S.E.", "S.H.", "S.IP.", "S.AP.", "S.Kom.", "S.Pd.", "S.T."),
}
S2_GELAR = {
    "pendidikan": ("M.Pd.",),
    "dokter": ("M.Kes.",),
    "dokter_gigi": ("M.Kes.",),
    "dokter_hewan": ("M.Si.",),
    "perawat": ("M.Kep.", "M.Kes."),
    "bidan": ("M.Keb.", "M.Kes."),
    "apoteker": ("M.Farm.", "M.Kes."),
    "farmasi": ("M.Farm.",),
    "kesehatan": ("M.Kes.",),
    "ekonomi": ("M.M.", "M.Ak.", "M.E."),
    "hukum": ("M.H.",),
    "teknik": ("M.T.",),
    "komputer": ("M.Kom.", "M.T."),
    "pertanian": ("M.Si.", "M.P."),
    "lingkungan": ("M.Si.", "M.T."),
    "sosial": ("M.Si.", "M.AP.", "M.M."),
    "umum": ("M.Si.", "M.M.", "M.AP.", "M.H."),
}
D3_GELAR = {
    "perawat": "A.Md.Kep.",
    "bidan": "A.Md.Keb.",
    "farmasi": "A.Md.Farm.",
    "apoteker": "A.Md.Farm.",
    "kesehatan": "A.Md.Kes.",
    "komputer": "A.Md.Kom.",
}
SPESIALIS = ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.JP.", "Sp.M.",
             "Sp.THT-KL.", "Sp.N.", "Sp.KJ.", "Sp.PK.")  # fmt: skip
# Degrees given before the 1990s reform carried a title in front instead of S.x behind it.
OLD_STYLE_FIELDS = {"umum", "sosial", "ekonomi", "pendidikan"}
INSINYUR_FIELDS = {"teknik", "pertanian", "lingkungan"}
PROFESSION_FRONT = {"dokter": "dr.", "dokter_gigi": "drg.", "dokter_hewan": "drh."}


def _gelar(rng, education, fld, gender, birth_year, unit_kind) -> tuple[str, str]:
    if education in ("sd", "smp", "sma"):
        return "", ""
    if education == "d3":
        return "", D3_GELAR.get(fld, "A.Md.")
    front, back = "", []
    if fld in PROFESSION_FRONT:
        front = PROFESSION_FRONT[fld]
        if education == "s2":
            if fld == "dokter" and unit_kind == UnitKind.RSUD:
                back.append(rng.choice(SPESIALIS))
            else:
                back.append(rng.choice(S2_GELAR[fld]))
        return front, ", ".join(back)
    if fld == "perawat":
        front, back = "Ns.", ["S.Kep."]
    elif fld == "apoteker":
        front, back = "apt.", ["S.Farm."]
    elif birth_year <= 1970 and fld in OLD_STYLE_FIELDS and rng.random() < 0.45:
        front = "Drs." if gender == Gender.MALE else "Dra."
    elif birth_year <= 1970 and fld in INSINYUR_FIELDS and rng.random() < 0.5:
        front = "Ir."
    else:
        back = [rng.choice(S1_GELAR.get(fld, S1_GELAR["umum"]))]
    if education == "s2":
        back.append(rng.choice(S2_GELAR.get(fld, S2_GELAR["umum"])))
    return front, ", ".join(back)


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Career:
    """What a holder of some kind of position is like: age, education, rank bounds."""

    age: tuple[int, int]  # age on REFERENCE_DATE
    min_service: int  # years since the CPNS appointment
    education: tuple[float, ...]  # weights for EDUCATION
    golongan: tuple[str, str]  # lowest and highest PNS golongan for the post


EDUCATION = ("sd", "smp", "sma", "d3", "s1", "s2")
PNS_START = {"sd": "I/a", "smp": "I/c", "sma": "II/a", "d3": "II/c", "s1": "III/a", "s2": "III/b"}
PPPK_GOLONGAN_BY_EDUCATION = {"sd": "I", "smp": "IV", "sma": "V", "d3": "VII", "s1": "IX",
                              "s2": "X"}  # fmt: skip
CAREERS = {
    (J.JPT, L.JPT_MADYA): Career((50, 57), 20, (0, 0, 0, 0, 0, 1), ("IV/c", "IV/d")),
    (J.JPT, L.JPT_PRATAMA): Career((45, 57), 16, (0, 0, 0, 0, 15, 85), ("IV/a", "IV/c")),
    (J.ADMINISTRATOR, ""): Career((40, 56), 12, (0, 0, 0, 0, 40, 60), ("III/d", "IV/b")),
    (J.PENGAWAS, ""): Career((33, 55), 8, (0, 0, 0, 8, 70, 22), ("III/b", "IV/a")),
    (J.PELAKSANA, ""): Career((23, 57), 1, (1, 3, 42, 18, 36, 0), ("I/a", "III/d")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_PERTAMA): Career((24, 45), 1, (0, 0, 0, 0, 85, 15),
                                                    ("III/a", "III/b")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_MUDA): Career((32, 55), 6, (0, 0, 0, 0, 70, 30),
                                                 ("III/c", "III/d")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_MADYA): Career((42, 57), 12, (0, 0, 0, 0, 55, 45),
                                                  ("IV/a", "IV/b")),
    (J.FUNGSIONAL_KETERAMPILAN, L.TERAMPIL): Career((23, 45), 1, (0, 0, 15, 85, 0, 0),
                                                    ("II/a", "II/d")),
    (J.FUNGSIONAL_KETERAMPILAN, L.MAHIR): Career((30, 55), 6, (0, 0, 5, 95, 0, 0),
                                                 ("III/a", "III/b")),
    (J.FUNGSIONAL_KETERAMPILAN, L.PENYELIA): Career((40, 57), 12, (0, 0, 0, 100, 0, 0),
                                                    ("III/c", "III/d")),
}  # fmt: skip
PNS_ORDER = list(PNS_GOLONGAN)
# PPPK were first appointed in Tanjungpinang from 2022; these are the TMT of the intakes.
PPPK_INTAKES = (date(2022, 3, 1), date(2022, 10, 1), date(2023, 7, 1), date(2024, 3, 1),
                date(2025, 3, 1), date(2025, 10, 1))  # fmt: skip
PPPK_LEVELS = {"", L.AHLI_PERTAMA, L.PEMULA, L.TERAMPIL}
# Active PNS were born after this day: older ones reached the retirement age of 58.
ACTIVE_BORN_AFTER = date(1967, 12, 31)
YOUNGEST_BIRTH = date(2000, 12, 31)
OLDEST_BIRTH = date(1965, 1, 1)


@dataclass
class AssignmentPlan:
    unit: str
    title: str
    start: date
    end: date | None
    decree: str


@dataclass
class EmployeePlan:
    nip: str
    employment_type: str
    gelar_depan: str
    name: str
    gelar_belakang: str
    gender: str
    birth_date: date
    tmt_cpns: date | None
    golongan: str
    status: str
    public_id: str
    assignments: list[AssignmentPlan] = field(default_factory=list)


def _field(title: str, unit: UnitSpec) -> str:
    for word, fld in FIELD_BY_TITLE:
        if word in title:
            return fld
    return unit.study


def _female_share(title: str, jabatan_type: str, fld: str) -> float:
    if "Bidan" in title:
        return 1.0
    if "Perawat" in title or "Keperawatan" in title:
        return 0.75
    if "Guru" in title:
        return 0.68
    masculine = ("Polisi Pamong Praja", "Kebersihan", "Lalu Lintas", "Tanggap Darurat", "Teknik")
    if any(word in title for word in masculine):
        return 0.12
    if jabatan_type == J.JPT:
        return 0.2
    if jabatan_type == J.ADMINISTRATOR:
        return 0.35
    if fld in ("dokter", "dokter_gigi", "kesehatan", "farmasi", "apoteker", "pendidikan"):
        return 0.62
    return 0.45 if jabatan_type == J.PENGAWAS else 0.5


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _golongan_step(code: str, steps: int) -> str:
    return PNS_ORDER[min(PNS_ORDER.index(code) + steps, len(PNS_ORDER) - 1)]


class Generator:
    """Draw the demo city's employees; every draw comes from the one seeded generator."""

    def __init__(self, *, seed: int, employees: int):
        self.rng = random.Random(seed)
        self.total = employees
        self.units = build_units()
        self.by_code = {unit.code: unit for unit in self.units}
        self.nips: set[str] = set()
        self.public_ids: set[str] = set()
        # Earlier posts come from positions of the same kind elsewhere (no head posts: each
        # head is one person, and a history must not put two people in one head's chair).
        self.elsewhere: dict[str, list[tuple[str, str]]] = {}
        self.by_title: dict[str, list[str]] = {}
        for unit in self.units:
            for position in unit.structural + unit.staff:
                self.elsewhere.setdefault(position.jabatan_type, []).append(
                    (unit.code, position.title)
                )
                self.by_title.setdefault(position.title, []).append(unit.code)

    # -- who sits where

    def quotas(self, count: int) -> dict[str, int]:
        """Spread `count` people over the staffed units by weight (largest remainder)."""
        staffed = [unit for unit in self.units if unit.head]
        floor = 1 if count >= len(staffed) else 0
        spare = count - floor * len(staffed)
        total_weight = sum(unit.weight for unit in staffed)
        shares = {unit.code: spare * unit.weight / total_weight for unit in staffed}
        quotas = {code: floor + int(share) for code, share in shares.items()}
        left = count - sum(quotas.values())
        for code in sorted(shares, key=lambda c: (int(shares[c]) - shares[c], c))[:left]:
            quotas[code] += 1
        return quotas

    def slots(self, count: int) -> list[tuple[UnitSpec, PositionSpec]]:
        slots = []
        for code, quota in self.quotas(count).items():
            unit = self.by_code[code]
            if quota == 0:
                continue
            slots.append((unit, unit.head))
            # Small demo runs leave some structural posts vacant rather than staff none.
            leaders = min(len(unit.structural), round((quota - 1) * 0.35))
            slots.extend((unit, position) for position in unit.structural[:leaders])
            rest = quota - 1 - leaders
            weights = [position.weight for position in unit.staff]
            slots.extend((unit, p) for p in self.rng.choices(unit.staff, weights, k=rest))
        return slots

    # -- people

    def employees(self) -> list[EmployeePlan]:
        retired = round(self.total * RETIRED_SHARE) if self.total >= 20 else 0
        slots = self.slots(self.total - retired)
        eligible = [i for i, (_, p) in enumerate(slots) if p.level in PPPK_LEVELS and
                    p.jabatan_type not in (J.PENGAWAS, J.ADMINISTRATOR, J.JPT)]  # fmt: skip
        target = min(len(eligible), round(self.total * PPPK_SHARE))
        pppk = set(self.rng.sample(eligible, target))
        people = [
            self.active(unit, position, pppk=i in pppk) for i, (unit, position) in enumerate(slots)
        ]
        # Retirees held staff posts, so no history shows two people in one structural chair.
        staff_slots = [(u, p) for u, p in slots if p.jabatan_type == J.PELAKSANA
                       or p.jabatan_type.startswith("fungsional")]  # fmt: skip
        people.extend(self.retired(*self.rng.choice(staff_slots)) for _ in range(retired))
        return people

    def active(self, unit: UnitSpec, position: PositionSpec, *, pppk: bool) -> EmployeePlan:
        rng = self.rng
        career = CAREERS[(position.jabatan_type, position.level)]
        fld = _field(position.title, unit)
        gender = (
            Gender.FEMALE
            if rng.random() < _female_share(position.title, position.jabatan_type, fld)
            else Gender.MALE
        )
        education = self._education(career, fld, position)
        if pppk:
            intake = rng.choice(PPPK_INTAKES)
            birth = _day_between(
                rng, max(_years_before(intake, 50), ACTIVE_BORN_AFTER + timedelta(days=1)),
                min(_years_before(intake, 24), YOUNGEST_BIRTH),
            )  # fmt: skip
            person = self._person(
                gender=gender, birth=birth, tmt=None, education=education, fld=fld,
                unit=unit, golongan=PPPK_GOLONGAN_BY_EDUCATION[education], intake=intake,
            )  # fmt: skip
            entry = intake
        else:
            age = rng.randint(*career.age)
            birth = _years_before(REFERENCE_DATE, age + 1) + timedelta(days=rng.randint(1, 364))
            birth = min(max(birth, ACTIVE_BORN_AFTER + timedelta(days=1)), YOUNGEST_BIRTH)
            tmt = self._tmt_cpns(birth, education, career.min_service)
            person = self._person(
                gender=gender, birth=birth, tmt=tmt, education=education, fld=fld, unit=unit,
                golongan=self._pns_golongan(education, tmt, career),
            )  # fmt: skip
            entry = tmt
        structural = position.jabatan_type in (J.JPT, J.ADMINISTRATOR, J.PENGAWAS)
        horizon = 6 if structural else 12
        start = _day_between(
            rng, max(entry, _years_before(REFERENCE_DATE, horizon)),
            REFERENCE_DATE - timedelta(days=30),
        )  # fmt: skip
        if not pppk and (start - entry).days > 3 * 365 and rng.random() < PREVIOUS_POST_SHARE:
            earlier = self._earlier_post(unit, position)
            if earlier:
                before = _day_between(rng, entry, start - timedelta(days=2 * 365))
                person.assignments.append(
                    AssignmentPlan(
                        *earlier, before, start - timedelta(days=1), self._decree(before)
                    )
                )
        person.assignments.append(
            AssignmentPlan(unit.code, position.title, start, None, self._decree(start))
        )
        return person

    def retired(self, unit: UnitSpec, position: PositionSpec) -> EmployeePlan:
        rng = self.rng
        career = CAREERS[(position.jabatan_type, position.level)]
        fld = _field(position.title, unit)
        gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
        education = self._education(career, fld, position)
        birth = _day_between(rng, OLDEST_BIRTH, ACTIVE_BORN_AFTER)
        tmt = self._tmt_cpns(birth, education, career.min_service)
        person = self._person(
            gender=gender, birth=birth, tmt=tmt, education=education, fld=fld, unit=unit,
            golongan=self._pns_golongan(education, tmt, career, until=_years_before(birth, -58)),
            status=EmployeeStatus.RETIRED,
        )  # fmt: skip
        # Retirement (BUP 58) takes effect on the first day of the month after the birthday.
        birthday = _years_before(birth, -58).replace(day=1)
        last_day = date(birthday.year + birthday.month // 12, birthday.month % 12 + 1, 1)
        last_day -= timedelta(days=1)
        start = _day_between(rng, max(tmt, _years_before(last_day, 12)),
                             _years_before(last_day, 3))  # fmt: skip
        person.assignments.append(
            AssignmentPlan(unit.code, position.title, start, last_day, self._decree(start))
        )
        return person

    def _education(self, career: Career, fld: str, position: PositionSpec) -> str:
        weights = list(career.education)
        professions = ("dokter", "dokter_gigi", "dokter_hewan", "apoteker", "pendidikan")
        if fld in professions and position.jabatan_type not in (
            J.PELAKSANA,
            J.FUNGSIONAL_KETERAMPILAN,
        ):
            weights = [0, 0, 0, 0, max(weights[4], 1), weights[5]]
        if "Polisi Pamong Praja Terampil" in position.title or "Kebersihan" in position.title:
            weights = [0, 2, 8, 1, 0, 0]
        return self.rng.choices(EDUCATION, weights)[0]

    def _tmt_cpns(self, birth: date, education: str, min_service: int) -> date:
        earliest_age = {"sd": 19, "smp": 19, "sma": 20, "d3": 22, "s1": 23, "s2": 25}[education]
        latest_age = min(35, _age_on(birth, REFERENCE_DATE) - min_service)
        age = self.rng.randint(earliest_age, max(earliest_age, latest_age))
        tmt = date(birth.year + age, self.rng.randint(1, 12), 1)
        # The youngest may only just have been appointed; never after the reference date.
        return min(tmt, date(REFERENCE_DATE.year - 1, 3, 1))

    def _pns_golongan(self, education, tmt, career, *, until=REFERENCE_DATE) -> str:
        steps = max(0, _age_on(tmt, until)) // 4  # a regular promotion every four years
        code = _golongan_step(PNS_START[education], steps)
        low, high = (PNS_ORDER.index(g) for g in career.golongan)
        return PNS_ORDER[min(max(PNS_ORDER.index(code), low), high)]

    def _person(self, *, gender, birth, tmt, education, fld, unit, golongan, intake=None,
                status=EmployeeStatus.ACTIVE) -> EmployeePlan:  # fmt: skip
        rng = self.rng
        depan, belakang = _gelar(rng, education, fld, gender, birth.year, unit.kind)
        name = _name(rng, gender, birth.year)
        if tmt is None:
            nip = self._unique_nip(lambda seq: f"{birth:%Y%m%d}{intake:%Y}21"
                                   f"{1 if gender == Gender.MALE else 2}{seq:03d}")  # fmt: skip
            employment_type = EmploymentType.PPPK
        else:
            nip = self._unique_nip(lambda seq: compose_pns_nip(birth, tmt, gender, seq))
            employment_type = EmploymentType.PNS
        return EmployeePlan(
            nip=nip, employment_type=employment_type, gelar_depan=depan, name=name,
            gelar_belakang=belakang, gender=gender, birth_date=birth, tmt_cpns=tmt,
            golongan=golongan, status=status, public_id=self._public_id(),
        )  # fmt: skip

    def _unique_nip(self, compose) -> str:
        seq = self.rng.randint(1, 9)
        while (nip := compose(seq)) in self.nips:
            seq = seq % 999 + 1  # the sequence has three digits and is never 000
        self.nips.add(nip)
        return nip

    def _public_id(self) -> str:
        while True:
            public_id = "".join(self.rng.choices(PUBLIC_ID_ALPHABET, k=PUBLIC_ID_LENGTH))
            if public_id not in self.public_ids:
                self.public_ids.add(public_id)
                return public_id

    def _earlier_post(self, unit: UnitSpec, position: PositionSpec) -> tuple[str, str] | None:
        if position.jabatan_type.startswith("fungsional"):
            others = [code for code in self.by_title[position.title] if code != unit.code]
            return (self.rng.choice(others), position.title) if others else None
        # One rung down the structural ladder, in another unit.
        below = {J.JPT: J.ADMINISTRATOR, J.ADMINISTRATOR: J.PENGAWAS, J.PENGAWAS: J.PELAKSANA}
        pool = self.elsewhere[below.get(position.jabatan_type, J.PELAKSANA)]
        for _ in range(10):
            code, title = self.rng.choice(pool)
            if code != unit.code:
                return code, title
        return None

    def _decree(self, start: date) -> str:
        return f"821.2/{self.rng.randint(1, 999):03d}/BKPSDM/{start.year}"
