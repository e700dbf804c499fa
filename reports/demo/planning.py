"""Planning the demo reports: a pure function of the seed and of who held which post."""

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from personnel.choices import JabatanType, UnitKind
from personnel.models import Assignment, Unit
from reports.choices import (
    PREDIKAT_MATRIX,
    Aspect,
    BerAkhlak,
    IndicatorKind,
    OrganisationPredikat,
    PeriodKind,
    Predikat,
    Rating,
    ReportStatus,
)
from reports.demo.texts import (
    BEHAVIOUR_NOTES,
    CORRECTIONS,
    DOMAINS_BY_OPD,
    DOMAINS_BY_TITLE,
    EVALUATOR_NOTES,
    FEEDBACK,
    KEWILAYAHAN,
    LEADER_EXPECTATIONS,
    MANAJERIAL,
    OFFICE,
    PIMPINAN,
    TAMBAHAN,
    UNIT_RATING_BASIS,
    WITHDRAWALS,
    WITHHOLDING_REASONS,
)
from reports.models import (
    period_bounds,
    period_code,
)

DEFAULT_SEED = 1784

# A fixed "today" for the demo: which periods have ended, which are still being evaluated and
# every workflow date follow from it, so the same seed gives the same data whatever day it runs.
# (personnel.demo.people.REFERENCE_DATE, 1 January 2026, is too early: the demo shows 2026's
# evaluations up to October.) No assignment of the demo city starts or ends after it.
DEMO_TODAY = date(2026, 11, 29)
FIRST_YEAR = 2025

# Monthly evaluation is piloted by a few OPDs only (PermenPANRB 6/2022 leaves the rhythm of the
# periodic evaluation to the agency); the others evaluate per quarter and per year. Only the
# latest months get reports, which keeps the demo at about 42,000 reports for 5,000 ASN.
MONTHLY_PILOT = ("dinkes", "rsud", "bkpsdm", "diskominfo", "inspektorat")
MONTHS_WITH_REPORTS = 2

# Share of each predikat across the city, before each unit's own tilt.
PREDIKAT_SHARES = {
    Predikat.SANGAT_BAIK: 0.17,
    Predikat.BAIK: 0.72,
    Predikat.BUTUH_PERBAIKAN: 0.08,
    Predikat.KURANG: 0.02,
    Predikat.SANGAT_KURANG: 0.01,
}
KEEP_RATING = 0.8  # chance that an employee's predikat in a period is their usual one
ORGANISATION_SHARES = {
    OrganisationPredikat.ISTIMEWA: 0.12,
    OrganisationPredikat.BAIK: 0.76,
    OrganisationPredikat.BUTUH_PERBAIKAN: 0.12,
}
CORRECTED_SHARE = 0.01
WITHDRAWN_SHARE = 0.005
NOTES_SHARE = 0.35
TAMBAHAN_SHARE = 0.15
# How far the evaluation of a period still open has come: (status, share).
IN_PROGRESS_MIX = {
    "latest_quarter": (
        (ReportStatus.PUBLISHED, 0.55),
        (ReportStatus.APPROVED, 0.2),
        (ReportStatus.SUBMITTED, 0.15),
        (ReportStatus.DRAFT, 0.1),
    ),
    "previous_month": (
        (ReportStatus.PUBLISHED, 0.75),
        (ReportStatus.APPROVED, 0.1),
        (ReportStatus.SUBMITTED, 0.1),
        (ReportStatus.DRAFT, 0.05),
    ),
    "latest_month": (
        (ReportStatus.PUBLISHED, 0.25),
        (ReportStatus.APPROVED, 0.25),
        (ReportStatus.SUBMITTED, 0.25),
        (ReportStatus.DRAFT, 0.25),
    ),
}
STATUS_ORDER = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.APPROVED,
    ReportStatus.PUBLISHED,
)

ALL_STEPS = (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED)

# The demo staff users (personnel.demo.DEMO_USERS) who act in the workflow.
ADMIN_USER = "admin"
VERIFIER_USER = "verifikator"
EVALUATOR_USER = ("evaluator.dinkes", "dinkes")  # and the OPD whose reports it handles

# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodPlan:
    kind: str
    year: int
    number: int
    code: str
    start: date
    end: date
    is_open: bool
    stage: str  # closed, latest_quarter, previous_month, latest_month
    with_reports: bool


def plan_periods(today: date = DEMO_TODAY) -> list[PeriodPlan]:
    """Every period from FIRST_YEAR that has ended by `today`; the latest month and quarter
    stay open while their evaluation is under way."""
    ended = []
    for year in range(FIRST_YEAR, today.year + 1):
        for kind, count in (
            (PeriodKind.ANNUAL, 1),
            (PeriodKind.QUARTERLY, 4),
            (PeriodKind.MONTHLY, 12),
        ):
            for number in range(1, count + 1):
                start, end = period_bounds(kind, year, number)
                if end < today:
                    ended.append((kind, year, number, start, end))
    months = sorted((p for p in ended if p[0] == PeriodKind.MONTHLY), key=lambda p: p[4])
    quarters = sorted((p for p in ended if p[0] == PeriodKind.QUARTERLY), key=lambda p: p[4])
    stages = {}
    if quarters:
        stages[quarters[-1][4], PeriodKind.QUARTERLY] = "latest_quarter"
    if months:
        stages[months[-1][4], PeriodKind.MONTHLY] = "latest_month"
    if len(months) > 1:
        stages[months[-2][4], PeriodKind.MONTHLY] = "previous_month"
    reported_months = {p[4] for p in months[-MONTHS_WITH_REPORTS:]}
    plans = []
    for kind, year, number, start, end in ended:
        stage = stages.get((end, kind), "closed")
        plans.append(
            PeriodPlan(
                kind=kind,
                year=year,
                number=number,
                code=period_code(kind, year, number),
                start=start,
                end=end,
                is_open=stage in ("latest_quarter", "latest_month"),
                stage=stage,
                with_reports=kind != PeriodKind.MONTHLY or end in reported_months,
            )
        )
    return plans


# --------------------------------------------------------------------------- staff


@dataclass(frozen=True)
class Holder:
    """An employee's primary post at a period's end, with the evaluators above it."""

    nip: str
    employee_id: int
    unit: str  # unit code
    unit_id: int
    unit_name: str
    unit_kind: str
    top: str  # the OPD: the unit's ancestor directly under the Pemerintah Kota
    position_id: int
    position_title: str
    jabatan_type: str
    is_head: bool
    golongan: str
    evaluator_id: int | None
    evaluator_superior_id: int | None


@dataclass(frozen=True)
class Staff:
    """Who held which post at the end of each period (keyed by period code), and the OPDs."""

    by_period: dict[str, list[Holder]]
    opds: list[tuple[str, str, int]]  # (code, name, id) of the units under the root


def load_staff(periods: list[PeriodPlan]) -> Staff:
    """Read, in two queries, every employee's primary post at the end of each period."""
    units = {
        pk: (code, name, kind, parent_id)
        for pk, code, name, kind, parent_id in Unit.objects.values_list(
            "pk", "code", "name", "kind", "parent_id"
        )
    }
    roots = {pk for pk, (*_, parent_id) in units.items() if parent_id is None}

    def opd_of(unit_id):
        while units[unit_id][3] is not None and units[unit_id][3] not in roots:
            unit_id = units[unit_id][3]
        return unit_id

    rows = list(
        Assignment.objects.filter(is_primary=True)
        .order_by("employee__nip", "start")
        .values_list(
            "employee_id",
            "employee__nip",
            "employee__golongan",
            "position_id",
            "position__title",
            "position__jabatan_type",
            "position__is_head",
            "position__unit_id",
            "start",
            "end",
        )
    )
    by_period = {}
    for period in periods:
        if not period.with_reports:
            continue
        day = period.end
        current = [r for r in rows if r[8] <= day and (r[9] is None or r[9] >= day)]
        heads = {}
        for r in current:  # the lowest NIP wins should real data seat two heads
            if r[6] and (r[7] not in heads or r[1] < heads[r[7]][1]):
                heads[r[7]] = (r[0], r[1])

        holders = []
        for (
            employee_id,
            nip,
            golongan,
            position_id,
            title,
            jabatan,
            is_head,
            unit_id,
            *_,
        ) in current:
            evaluator, evaluator_unit = _head_above(units, heads, unit_id, is_head)
            superior = _head_above(units, heads, evaluator_unit, True)[0] if evaluator else None
            code, name, kind, _ = units[unit_id]
            holders.append(
                Holder(
                    nip=nip,
                    employee_id=employee_id,
                    unit=code,
                    unit_id=unit_id,
                    unit_name=name,
                    unit_kind=kind,
                    top=units[opd_of(unit_id)][0],
                    position_id=position_id,
                    position_title=title,
                    jabatan_type=jabatan,
                    is_head=is_head,
                    golongan=golongan,
                    evaluator_id=evaluator,
                    evaluator_superior_id=superior,
                )
            )
        by_period[period.code] = holders
    opds = sorted(
        (code, name, pk)
        for pk, (code, name, _, parent_id) in units.items()
        if parent_id in roots and units[parent_id][2] == UnitKind.PEMERINTAH_KOTA
    )
    return Staff(by_period=by_period, opds=opds)


def _head_above(units, heads, unit_id, is_head) -> tuple[int | None, int | None]:
    """Who evaluates the holder of a post: the head of their unit, or of its parent when they
    head it themselves; with that head's unit. An empty chair passes the evaluation up to the
    next head above it, as the rules ask. (None, None) only above the top of the tree."""
    if is_head:
        unit_id = units[unit_id][3]
    seen = set()
    while unit_id is not None and unit_id not in heads and unit_id not in seen:
        seen.add(unit_id)
        unit_id = units[unit_id][3]
    if unit_id is None or unit_id not in heads:
        return None, None
    return heads[unit_id][0], unit_id


# --------------------------------------------------------------------------- planning


@dataclass
class IndicatorPlan:
    kind: str
    rhk: str
    aspect: str
    iki: str
    target: str
    realisasi: str
    feedback: str
    order: int


@dataclass
class BehaviourPlan:
    value: str
    rating: str
    notes: str
    leader_expectation: str


@dataclass
class ReportPlan:
    holder: Holder
    period: str  # code
    version: int
    status: str  # the final status
    hasil_kerja: str
    perilaku: str
    predikat: str
    evaluator_notes: str
    indicators: list[IndicatorPlan]
    behaviours: list[BehaviourPlan]
    # workflow dates, as days after the period's end
    created: int
    submitted: int | None = None
    approved: int | None = None
    published: int | None = None
    withdrawn: int | None = None
    withdrawal_reason: str = ""
    correction_reason: str = ""
    correction: "ReportPlan | None" = None  # the version 2 that supersedes this one


@dataclass
class DemoPlan:
    periods: list[PeriodPlan]
    reports: list[ReportPlan]  # version 1 of each; corrections hang off them
    unit_ratings: list[tuple[str, int, str, str]]  # (code, year, predikat, basis)
    withholdings: list[tuple[str, int, str]]  # (nip, employee id, reason)

    def fingerprint(self) -> list[tuple]:
        return sorted(
            (r.holder.nip, r.period, r.version, r.predikat, r.status, len(r.indicators))
            for r in self.all_reports()
        )

    def all_reports(self):
        for report in self.reports:
            yield report
            if report.correction:
                yield report.correction


def _rng(seed: int, *key) -> random.Random:
    # A string seed is hashed with SHA-512: stable across runs and Python processes.
    return random.Random("/".join(str(part) for part in (seed, *key)))


def _pick(rng: random.Random, shares: dict) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


@cache
def _organisation_predikat(seed: int, opd: str) -> str:
    return _pick(_rng(seed, "organisasi", opd), ORGANISATION_SHARES)


@cache
def _unit_shares(seed: int, unit: str, opd: str) -> dict[str, float]:
    """The city's shares tilted for one unit: some units rate generously, some strictly."""
    rng = _rng(seed, "unit", unit)
    high, low = rng.uniform(0.6, 1.5), rng.uniform(0.5, 1.7)
    organisation = _organisation_predikat(seed, opd)
    if organisation == OrganisationPredikat.ISTIMEWA:
        high, low = high * 1.3, low * 0.7
    elif organisation == OrganisationPredikat.BUTUH_PERBAIKAN:
        high, low = high * 0.6, low * 1.5
    shares = {
        p: share * (high if p == Predikat.SANGAT_BAIK else 1 if p == Predikat.BAIK else low)
        for p, share in PREDIKAT_SHARES.items()
    }
    shares[Predikat.BAIK] = max(0.3, 1 - sum(v for p, v in shares.items() if p != Predikat.BAIK))
    return shares


RATINGS_FOR = {
    Predikat.SANGAT_BAIK: {(Rating.ABOVE, Rating.ABOVE): 1},
    Predikat.BAIK: {
        (Rating.AS_EXPECTED, Rating.AS_EXPECTED): 0.6,
        (Rating.ABOVE, Rating.AS_EXPECTED): 0.2,
        (Rating.AS_EXPECTED, Rating.ABOVE): 0.2,
    },
    Predikat.BUTUH_PERBAIKAN: {
        (Rating.BELOW, Rating.AS_EXPECTED): 0.85,
        (Rating.BELOW, Rating.ABOVE): 0.15,
    },
    Predikat.KURANG: {
        (Rating.AS_EXPECTED, Rating.BELOW): 0.8,
        (Rating.ABOVE, Rating.BELOW): 0.2,
    },
    Predikat.SANGAT_KURANG: {(Rating.BELOW, Rating.BELOW): 1},
}
MONTHS = {PeriodKind.MONTHLY: 1, PeriodKind.QUARTERLY: 3, PeriodKind.ANNUAL: 12}


def _number(value: float) -> str:
    """Indonesian notation: 93,5 and 1.250."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _measure(rng: random.Random, measure: tuple, months: int, rating: str) -> tuple[str, str]:
    kind = measure[0]
    if kind == "n":
        _, low, high, noun = measure
        target = max(1, round(rng.uniform(low, high) * months))
        if rating == Rating.ABOVE:
            done = target + max(1, round(target * rng.uniform(0.05, 0.25)))
        elif rating == Rating.BELOW:
            done = min(target - 1, round(target * rng.uniform(0.5, 0.85)))
        else:
            done = target
        return f"{_number(target)} {noun}", f"{_number(max(done, 0))} {noun}"
    if kind == "pct":
        target = measure[1]
        lower_is_better = target <= 5  # e.g. obat kedaluwarsa, efisiensi shown as a share
        if rating == Rating.ABOVE:
            done = target * 0.5 if lower_is_better else min(100, target + rng.uniform(1, 6))
        elif rating == Rating.BELOW:
            done = target * 2 if lower_is_better else target - rng.uniform(6, 20)
        else:
            done = target if target == 100 else target + rng.uniform(0, 1)
        label = "≤ " if lower_is_better else ""
        return f"{label}{_number(target)}%", f"{_number(round(done, 1))}%"
    if kind == "time":
        target = measure[1]
        if rating == Rating.ABOVE:
            return target, f"tepat waktu, rata-rata {rng.randint(1, 3)} hari lebih cepat"
        if rating == Rating.BELOW:
            return target, f"rata-rata terlambat {rng.randint(2, 9)} hari"
        return target, "tepat waktu"
    if kind == "score":
        _, target, unit = measure
        shift = {Rating.ABOVE: (2, 6), Rating.BELOW: (-9, -3)}.get(rating, (0, 1.5))
        return (
            f"{_number(target)} {unit}",
            f"{_number(round(target + rng.uniform(*shift), 1))} {unit}",
        )
    noun = measure[1]  # "zero"
    found = rng.randint(1, 4) if rating == Rating.BELOW else 0
    return f"0 {noun}", f"{found} {noun}"


def _domain(holder: Holder) -> tuple:
    if holder.is_head or holder.jabatan_type == JabatanType.JPT:
        return PIMPINAN
    if holder.jabatan_type in (JabatanType.ADMINISTRATOR, JabatanType.PENGAWAS):
        return MANAJERIAL
    for word, domain in DOMAINS_BY_TITLE:
        if word in holder.position_title:
            return domain
    if holder.unit_kind in (UnitKind.KELURAHAN, UnitKind.KECAMATAN):
        return KEWILAYAHAN
    if holder.unit_kind in (UnitKind.UPTD, UnitKind.RSUD) and "Data" not in holder.position_title:
        return OFFICE
    return DOMAINS_BY_OPD.get(holder.top, OFFICE)


def _indicators(rng: random.Random, holder: Holder, months: int, hasil: str) -> list[IndicatorPlan]:
    domain = list(_domain(holder))
    if len(domain) < 4:
        domain += [entry for entry in OFFICE if entry not in domain][: 4 - len(domain)]
    count = rng.choice((2, 2, 3, 3, 4))
    chosen = sorted(rng.sample(range(len(domain)), count))
    unit = holder.unit_name
    plans = []
    for order, index in enumerate(chosen, start=1):
        rhk, iki, aspect, measure = domain[index]
        # Most indicators follow the overall rating; a few land at "sesuai" anyway.
        rating = hasil if rng.random() < 0.8 else Rating.AS_EXPECTED
        target, realisasi = _measure(rng, measure, months, rating)
        plans.append(
            IndicatorPlan(
                kind=IndicatorKind.UTAMA,
                rhk=rhk.format(unit=unit),
                aspect=aspect,
                iki=iki.format(unit=unit),
                target=target,
                realisasi=realisasi,
                feedback=rng.choice(FEEDBACK[rating]) if rng.random() < 0.15 else "",
                order=order,
            )
        )
    if rng.random() < TAMBAHAN_SHARE:
        rhk, iki, measure = rng.choice(TAMBAHAN)
        target, realisasi = _measure(rng, measure, months, Rating.AS_EXPECTED)
        plans.append(
            IndicatorPlan(
                kind=IndicatorKind.TAMBAHAN,
                rhk=rhk.format(unit=unit),
                aspect=Aspect.KUANTITAS,
                iki=iki,
                target=target,
                realisasi=realisasi,
                feedback="",
                order=1,
            )
        )
    return plans


def _behaviours(rng: random.Random, perilaku: str) -> list[BehaviourPlan]:
    values = list(BerAkhlak.values)
    anchor = rng.choice(values)  # at least one value carries the overall rating
    plans = []
    for value in values:
        rating = perilaku
        if value != anchor and rng.random() < 0.2:
            rating = {
                Rating.ABOVE: Rating.AS_EXPECTED,
                Rating.BELOW: Rating.AS_EXPECTED,
            }.get(perilaku) or rng.choice((Rating.ABOVE, Rating.ABOVE, Rating.BELOW))
        plans.append(
            BehaviourPlan(
                value=value,
                rating=rating,
                notes=BEHAVIOUR_NOTES[value][rating] if rng.random() < 0.3 else "",
                leader_expectation=LEADER_EXPECTATIONS[value] if rng.random() < 0.1 else "",
            )
        )
    return plans


def _workflow(rng: random.Random, period: PeriodPlan, plan: ReportPlan) -> None:
    """The final status and the days (after the period's end) each step was taken."""
    mix = IN_PROGRESS_MIX.get(period.stage, ((ReportStatus.PUBLISHED, 1),))
    status = _pick(rng, dict(mix))
    plan.status = status
    plan.created = -rng.randint(0, 10) if period.kind != PeriodKind.ANNUAL else rng.randint(1, 5)
    step = STATUS_ORDER.index(status)
    day = plan.created + rng.randint(3, 12)
    for index, name in enumerate(("submitted", "approved", "published"), start=1):
        if step >= index:
            setattr(plan, name, day)
            day += rng.randint(1, 5)


def _version_two(rng: random.Random, first: ReportPlan) -> None:
    kind, reason = rng.choice(CORRECTIONS)
    hasil, perilaku = first.hasil_kerja, first.perilaku
    up = {Rating.BELOW: Rating.AS_EXPECTED, Rating.AS_EXPECTED: Rating.ABOVE}
    if kind == "hasil" and hasil in up:
        hasil = up[hasil]
    elif kind == "perilaku":
        perilaku = up.get(perilaku, Rating.AS_EXPECTED)
    indicators = [IndicatorPlan(**vars(i)) for i in first.indicators]
    if kind == "typo" or hasil != first.hasil_kerja:
        # The corrected realisasi: what the supporting documents showed all along.
        for indicator in indicators[: 1 if kind == "typo" else None]:
            if indicator.kind == IndicatorKind.UTAMA:
                indicator.realisasi = indicator.target
    behaviours = [BehaviourPlan(**vars(b)) for b in first.behaviours]
    if perilaku != first.perilaku:
        for behaviour in behaviours:
            if behaviour.rating == first.perilaku:
                behaviour.rating = perilaku
                behaviour.notes = ""
    start = first.published + rng.randint(10, 60)
    second = ReportPlan(
        holder=first.holder,
        period=first.period,
        version=2,
        status=ReportStatus.PUBLISHED,
        hasil_kerja=hasil,
        perilaku=perilaku,
        predikat=PREDIKAT_MATRIX[hasil, perilaku],
        evaluator_notes=first.evaluator_notes,
        indicators=indicators,
        behaviours=behaviours,
        created=start,
        submitted=start + rng.randint(1, 3),
        correction_reason=reason,
    )
    second.approved = second.submitted + rng.randint(1, 3)
    second.published = second.approved + rng.randint(1, 3)
    first.status = ReportStatus.SUPERSEDED
    first.correction = second


def plan_reports(*, seed: int, staff: Staff, periods: list[PeriodPlan]) -> DemoPlan:
    """Decide every report, rating and withholding; pure: the same input gives the same plan."""
    reports = []
    usual: dict[str, str] = {}  # an employee's usual predikat, once drawn
    for period in periods:
        if not period.with_reports:
            continue
        months = MONTHS[period.kind]
        for holder in sorted(staff.by_period.get(period.code, ()), key=lambda h: h.nip):
            if period.kind == PeriodKind.MONTHLY and holder.top not in MONTHLY_PILOT:
                continue
            shares = _unit_shares(seed, holder.unit, holder.top)
            if holder.nip not in usual:
                usual[holder.nip] = _pick(_rng(seed, "pegawai", holder.nip), shares)
            rng = _rng(seed, "laporan", holder.nip, period.code)
            predikat = usual[holder.nip] if rng.random() < KEEP_RATING else _pick(rng, shares)
            hasil, perilaku = _pick(rng, RATINGS_FOR[predikat])
            plan = ReportPlan(
                holder=holder,
                period=period.code,
                version=1,
                status=ReportStatus.DRAFT,
                hasil_kerja=hasil,
                perilaku=perilaku,
                predikat=PREDIKAT_MATRIX[hasil, perilaku],
                evaluator_notes=(
                    rng.choice(EVALUATOR_NOTES[predikat]) if rng.random() < NOTES_SHARE else ""
                ),
                indicators=_indicators(rng, holder, months, hasil),
                behaviours=_behaviours(rng, perilaku) if period.kind == PeriodKind.ANNUAL else [],
                created=0,
            )
            _workflow(rng, period, plan)
            if period.stage == "closed":
                draw = rng.random()
                if draw < CORRECTED_SHARE:
                    _version_two(rng, plan)
                elif draw < CORRECTED_SHARE + WITHDRAWN_SHARE:
                    plan.status = ReportStatus.WITHDRAWN
                    plan.withdrawn = plan.published + rng.randint(20, 120)
                    plan.withdrawal_reason = rng.choice(WITHDRAWALS)
            reports.append(plan)
    return DemoPlan(
        periods=periods,
        reports=reports,
        unit_ratings=_unit_ratings(seed, staff),
        withholdings=_withholdings(seed, reports),
    )


def _unit_ratings(seed: int, staff: Staff) -> list[tuple[str, int, str, str]]:
    ratings = []
    for index, (code, _name, _pk) in enumerate(staff.opds, start=1):
        number = f"800.1.13/{100 + index * 7}"
        ratings.append(
            (
                code,
                FIRST_YEAR,
                _organisation_predikat(seed, code),
                UNIT_RATING_BASIS.format(number=number),
            )
        )
    return ratings


def _withholdings(seed: int, reports: list[ReportPlan]) -> list[tuple[str, int, str]]:
    """One or two employees whose individual reports the PPID withholds."""
    published = {}
    for report in reports:
        if report.status == ReportStatus.PUBLISHED and report.period == str(FIRST_YEAR):
            published.setdefault(report.holder.nip, report)
    if not published:
        return []
    rng = _rng(seed, "pengecualian")
    # The first: someone whose 2025 rating needs an explanation of their health.
    weaker = sorted(nip for nip, r in published.items() if r.predikat != Predikat.SANGAT_BAIK)
    nips = sorted(published)
    chosen = [rng.choice(weaker or nips)]
    if len(nips) >= 50:
        chosen.append(rng.choice([nip for nip in nips if nip != chosen[0]]))
    return [
        (nip, published[nip].holder.employee_id, reason)
        for nip, reason in zip(chosen, WITHHOLDING_REASONS, strict=False)
    ]
