"""Import of SKP evaluation results (e-Kinerja exports): command, services and admin."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from personnel import admin_import, roles
from personnel.models import ImportStatus
from reports import importing
from reports.models import BehaviourRating, Indicator, Report, SkpImport
from reports.services import report_correct
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "skp-contoh.csv"


@pytest.fixture
def dinkes():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


@pytest.fixture
def diskominfo():
    return UnitFactory(code="diskominfo", name="Dinas Komunikasi dan Informatika")


def placed(unit, title=None, start=datetime.date(2020, 1, 1), **employee):
    """An employee holding a (new) position in `unit` since `start`."""
    position = PositionFactory(unit=unit, **({"title": title} if title else {}))
    return AssignmentFactory(
        employee=EmployeeFactory(**employee), position=position, start=start
    ).employee


@pytest.fixture
def nurse(dinkes):
    return placed(dinkes)


@pytest.fixture
def head(dinkes):
    return placed(dinkes, title="Kepala Dinas Kesehatan", golongan="IV/b")


@pytest.fixture
def year():
    return PeriodFactory(kind="tahunan", year=2025, number=1)


def row(employee, n=1, **overrides) -> dict:
    values = {
        "nip": employee.nip,
        "nama": employee.name,
        "periode": "2025",
        "rating_hasil_kerja": "di_atas",
        "rating_perilaku": "sesuai",
        "nip_penilai": "",
        "catatan_penilai": "Bekerja dengan teliti",
        "jenis_rhk": "utama",
        "rhk": f"Terlaksananya asuhan keperawatan {n}",
        "aspek": "kuantitas",
        "iki": f"Jumlah pasien yang dilayani {n}",
        "target": "1.200 pasien",
        "realisasi": "1.310 pasien",
    }
    values.update(overrides)
    return values


def csv_bytes(rows, *, header=HEADER, delimiter=";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(tmp_path, data: bytes, *args, name="skp.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_skp", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(tmp_path, data: bytes, *args, name="skp.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_skp", str(path), *args, stdout=out, stderr=err)
    return f"{out.getvalue()}\n{err.getvalue()}\n{raised.value}"


def plan(rows, user=None):
    return importing.plan_file(name="skp.csv", data=csv_bytes(rows), user=user)


def counts():
    return (Report.objects.count(), Indicator.objects.count(), BehaviourRating.objects.count())


def staff(group, units):
    return UserFactory(units=units, groups=[Group.objects.get(name=group)])


# --------------------------------------------------------------------------- a good file


def test_a_good_file_creates_one_draft_report_per_employee_and_period(
    tmp_path, dinkes, nurse, head, year
):
    rows = [
        row(nurse, 1, nip_penilai=head.nip, berakhlak_pelayanan="di_atas"),
        row(nurse, 2, nip_penilai=head.nip, berakhlak_pelayanan="di_atas", aspek="Kualitas"),
        row(nurse, 3, nip_penilai=head.nip, jenis_rhk="tambahan"),
    ]

    out, _ = run(tmp_path, csv_bytes(rows))

    assert "Laporan baru: 1" in out
    assert "indikator: 3" in out
    report = Report.objects.get()
    assert (report.employee, report.period, report.status) == (nurse, year, "draft")
    assert (report.hasil_kerja, report.perilaku, report.predikat) == ("di_atas", "sesuai", "baik")
    assert report.evaluator == head
    assert report.evaluator_notes == "Bekerja dengan teliti"
    assert list(report.indicators.order_by("order").values_list("kind", "aspect", "order")) == [
        ("utama", "kuantitas", 0),
        ("utama", "kualitas", 1),
        ("tambahan", "kuantitas", 2),
    ]
    assert list(report.behaviours.values_list("value", "rating")) == [("pelayanan", "di_atas")]


def test_an_imported_report_keeps_the_snapshot_of_the_position_held_at_the_end_of_the_period(
    tmp_path, dinkes, diskominfo, year
):
    assignment = AssignmentFactory(
        position=PositionFactory(unit=dinkes, title="Perawat Terampil", jabatan_type="pelaksana"),
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2026, 1, 31),
    )
    employee = assignment.employee
    AssignmentFactory(
        employee=employee,
        position=PositionFactory(unit=diskominfo, title="Pranata Komputer"),
        start=datetime.date(2026, 2, 1),
    )

    run(tmp_path, csv_bytes([row(employee)]))

    report = Report.objects.get()
    assert (report.unit, report.position, report.position_title) == (
        dinkes,
        assignment.position,
        "Perawat Terampil",
    )
    assert (report.jabatan_type, report.golongan) == ("pelaksana", employee.golongan)


def test_report_level_columns_may_be_left_blank_after_the_first_row(tmp_path, nurse, year):
    blank = {"rating_hasil_kerja": "", "rating_perilaku": "", "catatan_penilai": ""}

    run(tmp_path, csv_bytes([row(nurse, 1), row(nurse, 2, **blank), row(nurse, 3, **blank)]))

    report = Report.objects.get()
    assert (report.predikat, report.indicators.count()) == ("baik", 3)


def test_ratings_may_be_written_as_their_labels(tmp_path, nurse, year):
    run(
        tmp_path,
        csv_bytes([row(nurse, rating_hasil_kerja="Di Bawah Ekspektasi", rating_perilaku="SESUAI")]),
    )

    report = Report.objects.get()
    assert (report.hasil_kerja, report.perilaku, report.predikat) == (
        "di_bawah",
        "sesuai",
        "butuh_perbaikan",
    )


def test_quarterly_and_monthly_period_codes_are_read_in_any_case(tmp_path, nurse):
    quarter = PeriodFactory(kind="triwulanan", year=2025, number=1)
    month = PeriodFactory(kind="bulanan", year=2025, number=3)

    run(tmp_path, csv_bytes([row(nurse, periode="2025-T1"), row(nurse, periode="2025-3")]))

    assert set(Report.objects.values_list("period", flat=True)) == {quarter.pk, month.pk}


def test_the_rows_of_one_report_need_not_be_next_to_each_other(tmp_path, nurse, head, year):
    run(tmp_path, csv_bytes([row(nurse, 1), row(head, 1), row(nurse, 2)]))

    assert Report.objects.get(employee=nurse).indicators.count() == 2
    assert Report.objects.get(employee=head).indicators.count() == 1


def test_an_xlsx_file_imports_like_a_csv(tmp_path, nurse, year):
    PeriodFactory(kind="bulanan", year=2025, number=1)
    # Excel turns a typed 2025-01 into 1 January 2025; it is read as that month.
    rows = [row(nurse, 1, periode=2025), row(nurse, 2, periode=datetime.datetime(2025, 1, 1))]

    out, _ = run(tmp_path, xlsx_bytes(rows), name="skp.xlsx")

    assert "Laporan baru: 2" in out
    assert sorted(Report.objects.values_list("period__code", flat=True)) == ["2025", "2025-01"]


def test_a_dry_run_writes_nothing(tmp_path, nurse, year):
    out, _ = run(tmp_path, csv_bytes([row(nurse)]), "--dry-run")

    assert "Laporan baru: 1" in out
    assert "tidak ada data yang ditulis" in out
    assert counts() == (0, 0, 0)
    assert not SkpImport.objects.exists()


def test_the_sample_file_imports_cleanly_over_the_sample_personnel(tmp_path):
    for code in ("bkpsdm", "dinkes", "diskominfo", "disdik"):
        UnitFactory(code=code)
    call_command(
        "import_personnel", str(SAMPLE.with_name("pegawai-contoh.csv")), stdout=io.StringIO()
    )
    PeriodFactory(kind="tahunan", year=2025, number=1)
    PeriodFactory(kind="triwulanan", year=2025, number=1)

    out, _ = run(tmp_path, SAMPLE.read_bytes())

    assert "Laporan baru: 2" in out
    assert Indicator.objects.count() == 5
    assert BehaviourRating.objects.count() == 7


def test_the_admin_sample_is_the_documented_sample():
    assert importing.template_csv() == SAMPLE.read_bytes()


# --------------------------------------------------------------------------- drafts already there


def test_an_existing_draft_is_replaced_in_place(tmp_path, dinkes, nurse, year):
    draft = ReportFactory(employee=nurse, period=year, unit=dinkes, indicators=4)

    rows = [row(nurse, 1, rating_perilaku="di_atas"), row(nurse, 2, rating_perilaku="di_atas")]

    out, _ = run(tmp_path, csv_bytes(rows))

    assert "draf diganti: 1" in out
    report = Report.objects.get()
    assert report.pk == draft.pk
    assert (report.status, report.predikat, report.unit) == ("draft", "sangat_baik", dinkes)
    assert list(report.indicators.values_list("iki", flat=True)) == [
        "Jumlah pasien yang dilayani 1",
        "Jumlah pasien yang dilayani 2",
    ]


def test_a_correction_draft_is_filled_and_keeps_its_version_and_reason(
    tmp_path, dinkes, nurse, year
):
    published = ReportFactory(employee=nurse, period=year, unit=dinkes, status="published")
    correction = report_correct(
        report=published, reason="Realisasi salah ketik", by=UserFactory(is_superuser=True)
    )

    run(tmp_path, csv_bytes([row(nurse)]))

    correction.refresh_from_db()
    assert (correction.version, correction.correction_reason) == (2, "Realisasi salah ketik")
    assert correction.indicators.count() == 1
    assert Report.objects.get(pk=published.pk).status == "published"


def test_a_draft_submitted_after_planning_stops_the_write_and_nothing_is_written(
    dinkes, nurse, head, year
):
    draft = ReportFactory(employee=nurse, period=year, unit=dinkes)
    checked = plan([row(nurse), row(head)])
    advance(draft, "submitted")

    with pytest.raises(IntegrityError):
        importing.apply_import(plan=checked)

    assert counts() == (1, 2, 0)
    assert not Report.objects.filter(employee=head).exists()


# --------------------------------------------------------------------------- errors


CASES = {
    "unknown NIP": (lambda e: {"nip": "196001011985031001"}, 2, "nip", "tidak dikenal"),
    "Excel-mangled NIP": (lambda e: {"nip": "1.98503E+17"}, 2, "nip", "diubah Excel"),
    "NIP ending in .0": (lambda e: {"nip": f"{e.nip}.0"}, 2, "nip", "diubah Excel"),
    "short NIP": (lambda e: {"nip": "19850315"}, 2, "nip", "18 angka"),
    "unknown period": (lambda e: {"periode": "2031"}, 2, "periode", "belum dibuat"),
    "malformed period": (lambda e: {"periode": "semester 1"}, 2, "periode", "tidak sah"),
    "month 13": (lambda e: {"periode": "2025-13"}, 2, "periode", "tidak sah"),
    "bad rating": (lambda e: {"rating_hasil_kerja": "baik"}, 2, "rating_hasil_kerja", "Rating"),
    "bad BerAKHLAK rating": (
        lambda e: {"berakhlak_loyal": "4"},
        2,
        "berakhlak_loyal",
        "Rating tidak dikenal",
    ),
    "missing rating": (
        lambda e: {"rating_perilaku": ""},
        2,
        "rating_perilaku",
        "Wajib diisi",
    ),
    "bad aspect": (lambda e: {"aspek": "mutu"}, 2, "aspek", "Aspek tidak dikenal"),
    "bad RHK kind": (lambda e: {"jenis_rhk": "lain"}, 2, "jenis_rhk", "utama, tambahan"),
    "empty IKI": (lambda e: {"iki": ""}, 2, "iki", "Wajib diisi"),
    "target too long": (lambda e: {"target": "x" * 201}, 2, "target", "Terlalu panjang"),
    "unknown evaluator": (
        lambda e: {"nip_penilai": "196001011985031001"},
        2,
        "nip_penilai",
        "tidak dikenal",
    ),
    "self-evaluation": (lambda e: {"nip_penilai": e.nip}, 2, "nip_penilai", "dirinya sendiri"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_written(tmp_path, nurse, year, case):
    overrides, line, column, fragment = CASES[case]
    good = row(nurse, 1)
    other = placed(nurse.assignments.get().position.unit)

    output = run_failing(tmp_path, csv_bytes([row(other, 1, **overrides(other)), good]))

    assert f"Baris {line}, kolom {column}: " in output
    assert fragment in output
    assert "Tidak ada data yang ditulis" in output
    assert counts() == (0, 0, 0)


def test_an_xlsx_nip_stored_as_a_number_is_named(tmp_path, nurse, year):
    output = run_failing(tmp_path, xlsx_bytes([row(nurse, nip=1.98503e17)]), name="skp.xlsx")

    assert "Baris 2, kolom nip: NIP tersimpan sebagai angka" in output
    assert counts() == (0, 0, 0)


def test_report_level_values_that_disagree_within_a_report_are_named(tmp_path, nurse, year):
    rows = [row(nurse, 1), row(nurse, 2), row(nurse, 3, rating_hasil_kerja="sesuai")]

    output = run_failing(tmp_path, csv_bytes(rows))

    assert "Baris 4, kolom rating_hasil_kerja: Berbeda dengan isian baris 2 («di_atas»)" in output
    assert counts() == (0, 0, 0)


def test_a_closed_period_is_named(tmp_path, nurse, year):
    year.is_open = False
    year.save()

    output = run_failing(tmp_path, csv_bytes([row(nurse)]))

    assert "Baris 2, kolom periode: Periode ini sudah ditutup." in output


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_a_report_already_in_the_workflow_is_not_touched(tmp_path, dinkes, nurse, year, status):
    existing = ReportFactory(employee=nurse, period=year, unit=dinkes, status=status)

    output = run_failing(tmp_path, csv_bytes([row(nurse)]))

    assert "Baris 2, kolom periode: Laporan pegawai ini untuk periode tersebut sudah" in output
    assert "Koreksi harus lewat alur laporan" in output
    assert counts() == (1, 2, 0)
    assert Report.objects.get().updated_at == existing.updated_at


def test_a_withdrawn_report_is_not_replaced_by_an_import(tmp_path, dinkes, nurse, year):
    ReportFactory(employee=nurse, period=year, unit=dinkes, status="withdrawn")

    output = run_failing(tmp_path, csv_bytes([row(nurse)]))

    assert "sudah ditarik" in output


def test_an_employee_without_a_position_at_the_end_of_the_period_is_named(tmp_path, dinkes, year):
    late = placed(dinkes, start=datetime.date(2026, 3, 1))

    output = run_failing(tmp_path, csv_bytes([row(late)]))

    assert "Baris 2, kolom nip: Pegawai ini tidak memiliki jabatan utama" in output


def test_every_bad_row_is_named_not_only_the_first(tmp_path, nurse, year):
    rows = [row(nurse, 1, aspek="x"), row(nurse, 2), row(nurse, 3, target="")]

    output = run_failing(tmp_path, csv_bytes(rows))

    assert "Baris 2, kolom aspek" in output
    assert "Baris 4, kolom target" in output
    assert "2 galat" in output


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("skp.pdf", b"%PDF-1.4", "bukan CSV atau XLSX"),
        ("skp.csv", b"", "kosong"),
        ("skp.csv", b"nip;nama\n1;A\n", "Kolom wajib tidak ada"),
        ("skp.xlsx", b"not a workbook", "XLSX tidak dapat dibaca"),
        ("skp.csv", "nip;periode\n".encode("utf-16"), "UTF-8"),
    ],
)
def test_an_unreadable_file_gets_one_clear_message(tmp_path, name, data, message):
    output = run_failing(tmp_path, data, name=name)

    assert message in output


# --------------------------------------------------------------------------- scope and permission


def test_a_scoped_user_cannot_import_a_report_of_another_unit(tmp_path, dinkes, diskominfo, year):
    mine, theirs = placed(dinkes), placed(diskominfo)
    user = staff(roles.EVALUATOR, [dinkes])

    output = run_failing(tmp_path, csv_bytes([row(mine), row(theirs)]), "--user", user.username)

    assert (
        "Baris 3, kolom nip: Pada periode itu pegawai ini bertugas di luar cakupan unit Anda"
        in (output)
    )
    assert counts() == (0, 0, 0)
    assert SkpImport.objects.get().status == ImportStatus.REJECTED


def test_a_scoped_user_cannot_name_an_evaluator_outside_their_units(
    tmp_path, dinkes, diskominfo, nurse, year
):
    outsider = placed(diskominfo)
    user = staff(roles.VERIFIER, [dinkes])

    output = run_failing(
        tmp_path, csv_bytes([row(nurse, nip_penilai=outsider.nip)]), "--user", user.username
    )

    assert "Baris 2, kolom nip_penilai: Pegawai dengan NIP ini di luar cakupan unit Anda" in output


def test_an_import_with_a_user_is_kept_in_the_history_under_their_name(
    tmp_path, dinkes, nurse, year
):
    user = staff(roles.EVALUATOR, [dinkes])

    run(tmp_path, csv_bytes([row(nurse, 1), row(nurse, 2)]), "--user", user.username)

    record = SkpImport.objects.get()
    assert (record.status, record.uploaded_by, record.report_count) == ("applied", user, 1)
    assert record.indicator_count == 2
    assert Report.objects.get().created_by == user


def test_a_user_without_the_import_permission_is_refused(tmp_path, dinkes, nurse, year):
    user = staff(roles.MODERATOR, [dinkes])

    output = run_failing(tmp_path, csv_bytes([row(nurse)]), "--user", user.username)

    assert "tidak berhak mengimpor hasil penilaian SKP" in output


@pytest.mark.parametrize("group", [roles.EVALUATOR, roles.VERIFIER])
def test_evaluators_and_verifiers_may_import_skp_results(group):
    assert staff(group, []).has_perm("reports.import_skp")


@pytest.mark.parametrize("group", [roles.MODERATOR, roles.UNIT_RESPONDER])
def test_moderators_and_unit_responders_may_not_import_skp_results(group):
    assert not staff(group, []).has_perm("reports.import_skp")


# --------------------------------------------------------------------------- performance


def _import_queries(rows) -> int:
    with CaptureQueriesContext(connection) as queries:
        importing.apply_import(plan=plan(rows))
    return len(queries)


def _file(units, employees, indicators=3, **overrides):
    return [
        row(employee, n, berakhlak_loyal="sesuai", berakhlak_adaptif="di_atas", **overrides)
        for employee in employees
        for n in range(indicators)
    ]


def test_the_number_of_queries_does_not_grow_with_the_number_of_reports(dinkes, head, year):
    small = [placed(dinkes) for _ in range(10)]
    large = [placed(dinkes) for _ in range(60)]

    creates = (
        _import_queries(_file(dinkes, small, nip_penilai=head.nip)),
        _import_queries(_file(dinkes, large, nip_penilai=head.nip)),
    )
    replaces = (
        _import_queries(_file(dinkes, small, indicators=2)),
        _import_queries(_file(dinkes, large, indicators=2)),
    )

    assert Report.objects.count() == 70
    assert Indicator.objects.count() == 140
    assert creates[0] == creates[1]
    assert replaces[0] == replaces[1]


def test_planning_a_large_file_as_a_scoped_user_takes_a_fixed_number_of_queries(
    dinkes, head, year, django_assert_max_num_queries
):
    user = staff(roles.EVALUATOR, [dinkes])
    rows = _file(dinkes, [placed(dinkes) for _ in range(40)], nip_penilai=head.nip)

    with django_assert_max_num_queries(12):
        result = plan(rows, user=user)

    assert not result.errors
    assert len(result.reports) == 40


# --------------------------------------------------------------------------- admin


def upload(client, data: bytes, name="skp.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("admin:reports_skpimport_upload"), {"file": file})


def test_an_evaluator_uploads_previews_and_applies_a_file(client, dinkes, nurse, head, year):
    user = staff(roles.EVALUATOR, [dinkes])
    client.force_login(user)

    response = upload(client, csv_bytes([row(nurse, 1, nip_penilai=head.nip), row(nurse, 2)]))
    record = SkpImport.objects.get()
    assert response.status_code == 302
    assert (record.status, record.report_count, record.indicator_count) == ("previewed", 1, 2)
    assert counts() == (0, 0, 0)

    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert nurse.name in preview.content.decode()
    apply_url = reverse("admin:reports_skpimport_apply", args=[record.pk])
    assert apply_url.encode() in preview.content

    applied = client.post(apply_url)
    assert applied.status_code == 302
    assert counts() == (1, 2, 0)
    record.refresh_from_db()
    assert (record.status, record.uploaded_by) == (ImportStatus.APPLIED, user)
    assert record.applied_at is not None
    history = client.get(reverse("admin:reports_skpimport_changelist"))
    assert b"skp.csv" in history.content


def test_applying_twice_writes_once(client, dinkes, nurse, year):
    client.force_login(staff(roles.VERIFIER, [dinkes]))
    upload(client, csv_bytes([row(nurse)]))
    url = reverse("admin:reports_skpimport_apply", args=[SkpImport.objects.get().pk])

    client.post(url)
    client.post(url)

    assert counts() == (1, 1, 0)


def test_an_upload_with_errors_is_rejected_and_every_error_is_shown(client, dinkes, nurse, year):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    response = upload(client, csv_bytes([row(nurse, 1), row(nurse, 2, periode="2025-x")]))
    preview = client.get(response["Location"])

    record = SkpImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert (record.errors[0]["row"], record.errors[0]["column"]) == (3, "periode")
    assert b"import-errors" in preview.content
    assert b"skpimport/%d/terapkan" % record.pk not in preview.content
    assert counts() == (0, 0, 0)


def test_a_report_submitted_between_preview_and_apply_rejects_the_import(
    client, dinkes, nurse, year
):
    draft = ReportFactory(employee=nurse, period=year, unit=dinkes)
    client.force_login(staff(roles.EVALUATOR, [dinkes]))
    upload(client, csv_bytes([row(nurse)]))
    record = SkpImport.objects.get()
    advance(draft, "submitted")

    client.post(reverse("admin:reports_skpimport_apply", args=[record.pk]))

    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED
    assert draft.indicators.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("skp.docx", b"PK\x03\x04", "bukan CSV atau XLSX"),
        ("skp.csv", csv_bytes([]), "tidak berisi baris data"),
        ("skp.xlsx", b"\x00\x01garbage", "XLSX tidak dapat dibaca"),
        ("skp.csv", b"\xff\xfe\x00n\x00i", "UTF-8"),
    ],
)
def test_a_bad_upload_is_a_readable_form_error(client, dinkes, name, data, message):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    response = upload(client, data, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SkpImport.objects.exists()


def test_an_empty_upload_is_a_form_error(client, dinkes):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    response = upload(client, b"")

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not SkpImport.objects.exists()


def test_a_huge_upload_is_a_form_error(client, dinkes, nurse, year, monkeypatch):
    monkeypatch.setattr(admin_import, "MAX_FILE_BYTES", 100)
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    response = upload(client, csv_bytes([row(nurse, 1), row(nurse, 2)]))

    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not SkpImport.objects.exists()


def test_the_sample_file_downloads_from_the_upload_page(client, dinkes):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    page = client.get(reverse("admin:reports_skpimport_upload"))
    response = client.get(reverse("admin:reports_skpimport_template"))

    assert reverse("admin:reports_skpimport_template").encode() in page.content
    assert response["Content-Disposition"] == 'attachment; filename="skp-contoh.csv"'
    assert response.content.decode("utf-8-sig").startswith("nip;nama;periode;")


@pytest.mark.parametrize("name", ["upload", "template"])
def test_a_staff_user_without_the_import_permission_gets_403(client, dinkes, name):
    client.force_login(staff(roles.MODERATOR, [dinkes]))

    response = client.get(reverse(f"admin:reports_skpimport_{name}"))

    assert response.status_code == 403


def test_a_staff_user_without_the_import_permission_cannot_apply(client, dinkes, nurse, year):
    client.force_login(UserFactory(is_superuser=True))
    upload(client, csv_bytes([row(nurse)]))
    record = SkpImport.objects.get()
    client.force_login(staff(roles.MODERATOR, [dinkes]))

    response = client.post(reverse("admin:reports_skpimport_apply", args=[record.pk]))

    assert response.status_code == 403
    assert counts() == (0, 0, 0)


def test_a_user_sees_only_their_own_imports(client, dinkes, nurse, year):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))
    upload(client, csv_bytes([row(nurse)]))
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    listing = client.get(reverse("admin:reports_skpimport_changelist"))
    other = client.get(
        reverse("admin:reports_skpimport_preview", args=[SkpImport.objects.get().pk])
    )

    assert listing.status_code == 200
    assert b"skp.csv" not in listing.content
    assert other.status_code == 404


def test_the_import_history_cannot_be_edited_or_deleted(client, dinkes, nurse, year):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    upload(client, csv_bytes([row(nurse)]))
    pk = SkpImport.objects.get().pk

    response = client.post(reverse("admin:reports_skpimport_delete", args=[pk]), {"post": "yes"})

    assert response.status_code == 403
    assert SkpImport.objects.filter(pk=pk).exists()
