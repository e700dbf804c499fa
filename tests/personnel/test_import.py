import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import personnel.admin_import  # noqa: F401  (registers the admin until admin.py imports it)
from personnel import admin_import, importing
from personnel.models import Assignment, Employee, ImportStatus, PersonnelImport, Position
from personnel.nip import compose_pns_nip
from personnel.roles import VERIFIER
from portal.models import SearchWord
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)


def nip_for(n: int, gender: str = "L") -> str:
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n)
    return compose_pns_nip(birth, datetime.date(2000, 1, 1), gender, 1)


def row(n: int = 1, **overrides) -> dict:
    values = {
        "nip": nip_for(n),
        "jenis_asn": "PNS",
        "gelar_depan": "",
        "nama": f"Pegawai Impor {n}",
        "gelar_belakang": "S.E.",
        "jenis_kelamin": "",
        "tanggal_lahir": "",
        "golongan": "III/a",
        "unit_kode": "dinkes",
        "jabatan": "Pengelola Data",
        "jenis_jabatan": "pelaksana",
        "jenjang": "",
        "tmt_jabatan": "2023-01-01",
        "email": "",
        "telepon": "",
        "status": "",
    }
    values.update(overrides)
    return values


def csv_bytes(rows, *, delimiter=",", bom=False, header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(tmp_path, data: bytes, *args, name="pegawai.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_personnel", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(tmp_path, data: bytes, *args, name="pegawai.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_personnel", str(path), *args, stdout=out, stderr=err)
    return f"{out.getvalue()}\n{err.getvalue()}\n{raised.value}"


def counts():
    return (Employee.objects.count(), Position.objects.count(), Assignment.objects.count())


@pytest.fixture
def dinkes():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


@pytest.fixture
def diskominfo():
    return UnitFactory(code="diskominfo", name="Dinas Komunikasi dan Informatika")


# --------------------------------------------------------------------------- happy paths


def test_a_comma_separated_csv_creates_employees_positions_and_assignments(tmp_path, dinkes):
    out, _ = run(tmp_path, csv_bytes([row(1), row(2), row(3, jabatan="Analis Kesehatan")]))

    assert "Pegawai baru: 3" in out
    assert counts() == (3, 2, 3)
    employee = Employee.objects.get(nip=nip_for(1))
    assignment = employee.assignments.get()
    assert (assignment.position.unit, assignment.position.title) == (dinkes, "Pengelola Data")
    assert assignment.start == datetime.date(2023, 1, 1)
    assert assignment.end is None
    assert (employee.gender, employee.birth_date) == ("L", datetime.date(1970, 1, 2))
    assert employee.tmt_cpns == datetime.date(2000, 1, 1)
    assert employee.status == "aktif"


def test_imported_names_and_titles_join_the_search_s_word_list_at_once(tmp_path, dinkes):
    data = csv_bytes([row(1, nama="Wiratama Sembiring"), row(2, jabatan="Sanitarian Terampil")])

    run(tmp_path, data)

    words = dict(SearchWord.objects.values_list("word", "public"))
    # a name's words are never shown as a search's correction; a title's may be
    assert (words["wiratama"], words["sembiring"]) == (False, False)
    assert (words["sanitarian"], words["terampil"]) == (True, True)


def test_a_semicolon_csv_with_a_byte_order_mark_is_read(tmp_path, dinkes):
    data = csv_bytes([row(1, tmt_jabatan="15/02/2023"), row(2)], delimiter=";", bom=True)

    run(tmp_path, data)

    assert Employee.objects.count() == 2
    assert Assignment.objects.get(employee__nip=nip_for(1)).start == datetime.date(2023, 2, 15)


def test_an_xlsx_file_creates_employees_with_date_cells(tmp_path, dinkes):
    rows = [
        row(1, tmt_jabatan=datetime.datetime(2022, 7, 1)),
        row(
            2,
            jenis_asn="PPPK",
            nip="199002172023212005",
            golongan="ix",
            jenis_kelamin="P",
            tanggal_lahir=datetime.date(1990, 2, 17),
            jenis_jabatan="fungsional_keahlian",
            jenjang="ahli_pertama",
            jabatan="Pranata Komputer Ahli Pertama",
        ),
    ]

    run(tmp_path, xlsx_bytes(rows), name="pegawai.xlsx")

    pppk = Employee.objects.get(nip="199002172023212005")
    assert (pppk.employment_type, pppk.golongan, pppk.gender) == ("pppk", "IX", "P")
    assert pppk.tmt_cpns is None
    assert Assignment.objects.get(employee__nip=nip_for(1)).start == datetime.date(2022, 7, 1)
    assert Position.objects.get(title="Pranata Komputer Ahli Pertama").level == "ahli_pertama"


def test_golongan_is_accepted_in_any_case_and_stored_normalised(tmp_path, dinkes):
    run(tmp_path, csv_bytes([row(1, golongan="iii/B")]))

    assert Employee.objects.get().golongan == "III/b"


def test_a_second_import_of_the_same_file_changes_nothing(tmp_path, dinkes):
    data = csv_bytes([row(1), row(2)])
    run(tmp_path, data)
    before = list(Employee.objects.order_by("pk").values())

    out, _ = run(tmp_path, data)

    assert "Pegawai baru: 0, diperbarui: 0, tanpa perubahan: 2" in out
    assert list(Employee.objects.order_by("pk").values()) == before
    assert Assignment.objects.count() == 2


def test_a_new_position_ends_the_old_assignment_the_day_before_the_new_one(tmp_path, dinkes):
    run(tmp_path, csv_bytes([row(1)]))

    out, _ = run(
        tmp_path, csv_bytes([row(1, jabatan="Kepala Seksi", jenis_jabatan="pengawas",
                                  tmt_jabatan="01-03-2024")])
    )  # fmt: skip

    assert "diperbarui: 1" in out
    old, new = Assignment.objects.order_by("start")
    assert old.position.title == "Pengelola Data"
    assert old.end == datetime.date(2024, 2, 29)
    assert (new.position.title, new.start, new.end) == (
        "Kepala Seksi",
        datetime.date(2024, 3, 1),
        None,
    )


def test_an_update_changes_the_given_fields_and_keeps_the_public_id(tmp_path, dinkes):
    run(tmp_path, csv_bytes([row(1)]))
    public_id = Employee.objects.get().public_id

    run(tmp_path, csv_bytes([row(1, golongan="III/b", nama="Nama Baru", status="pensiun")]))

    employee = Employee.objects.get()
    assert (employee.golongan, employee.name, employee.status) == ("III/b", "Nama Baru", "pensiun")
    assert employee.public_id == public_id
    assert Assignment.objects.count() == 1


def test_a_column_absent_from_the_file_leaves_that_field_alone(tmp_path, dinkes):
    run(tmp_path, csv_bytes([row(1, email="a@tanjungpinangkota.go.id")]))
    header = [column for column in HEADER if column != "email"]

    run(tmp_path, csv_bytes([row(1)], header=header))

    assert Employee.objects.get().email == "a@tanjungpinangkota.go.id"


def test_an_existing_employee_without_an_assignment_gets_one(tmp_path, dinkes):
    employee = EmployeeFactory()

    run(tmp_path, csv_bytes([row(1, nip=employee.nip, nama=employee.name)]))

    assert employee.assignments.get().position.title == "Pengelola Data"


def test_dry_run_reports_but_writes_nothing(tmp_path, dinkes):
    out, _ = run(tmp_path, csv_bytes([row(1), row(2)]), "--dry-run")

    assert "Pegawai baru: 2" in out
    assert counts() == (0, 0, 0)


def test_an_attributed_command_run_leaves_an_audit_record(tmp_path, dinkes):
    user = UserFactory(is_superuser=True)

    run(tmp_path, csv_bytes([row(1)]), "--user", user.username)

    record = PersonnelImport.objects.get()
    assert (record.status, record.created_count, record.uploaded_by) == ("applied", 1, user)


# --------------------------------------------------------------------------- row errors

ROW_FAILURES = {
    "nip_too_short": ({"nip": "19850315"}, "nip"),
    "nip_impossible_birth_date": ({"nip": "198502302010011001"}, "nip"),
    "nip_gender_digit": ({"nip": "198503152010013001"}, "nip"),
    "nip_in_scientific_notation": ({"nip": "1.98501E+17"}, "nip"),
    "nip_with_trailing_decimal": ({"nip": nip_for(9) + ".0"}, "nip"),
    "nip_rounded_to_000": ({"nip": nip_for(9)[:-3] + "000"}, "nip"),
    "nip_missing": ({"nip": ""}, "nip"),
    "unknown_unit": ({"unit_kode": "dinas-fiktif"}, "unit_kode"),
    "unknown_golongan": ({"golongan": "V/a"}, "golongan"),
    "pppk_golongan_for_pns": ({"golongan": "IX"}, "golongan"),
    "pns_golongan_for_pppk": (
        {"jenis_asn": "PPPK", "jenis_kelamin": "L", "tanggal_lahir": "1990-01-01"},
        "golongan",
    ),
    "bad_jenis_asn": ({"jenis_asn": "honorer"}, "jenis_asn"),
    "missing_name": ({"nama": ""}, "nama"),
    "name_too_long": ({"nama": "A" * 151}, "nama"),
    "title_too_long": ({"jabatan": "J" * 201}, "jabatan"),
    "gelar_too_long": ({"gelar_depan": "G" * 31}, "gelar_depan"),
    "unknown_jenis_jabatan": ({"jenis_jabatan": "staf"}, "jenis_jabatan"),
    "fungsional_without_jenjang": ({"jenis_jabatan": "fungsional_keahlian"}, "jenjang"),
    "pelaksana_with_jenjang": ({"jenjang": "ahli_muda"}, "jenjang"),
    "jpt_with_keterampilan_jenjang": ({"jenis_jabatan": "jpt", "jenjang": "mahir"}, "jenjang"),
    "impossible_tmt_jabatan": ({"tmt_jabatan": "31-02-2023"}, "tmt_jabatan"),
    "unreadable_tmt_jabatan": ({"tmt_jabatan": "kemarin"}, "tmt_jabatan"),
    "missing_tmt_jabatan": ({"tmt_jabatan": ""}, "tmt_jabatan"),
    "birth_date_contradicts_nip": ({"tanggal_lahir": "1980-01-01"}, "tanggal_lahir"),
    "gender_contradicts_nip": ({"jenis_kelamin": "P"}, "jenis_kelamin"),
    "unknown_gender": ({"jenis_kelamin": "X"}, "jenis_kelamin"),
    "pppk_without_gender": (
        {"jenis_asn": "PPPK", "golongan": "IX", "tanggal_lahir": "1990-01-01"},
        "jenis_kelamin",
    ),
    "pppk_without_birth_date": (
        {"jenis_asn": "PPPK", "golongan": "IX", "jenis_kelamin": "L"},
        "tanggal_lahir",
    ),
    "bad_email": ({"email": "bukan-email"}, "email"),
    "phone_too_long": ({"telepon": "0" * 31}, "telepon"),
    "unknown_status": ({"status": "cuti"}, "status"),
}


@pytest.mark.parametrize(("overrides", "column"), ROW_FAILURES.values(), ids=list(ROW_FAILURES))
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    tmp_path, dinkes, overrides, column
):
    before = counts()

    report = run_failing(tmp_path, csv_bytes([row(1), row(2, **overrides), row(3)]))

    assert f"Baris 3, kolom {column}:" in report
    assert "Tidak ada data yang ditulis" in report
    assert counts() == before


def test_every_bad_row_is_reported_not_only_the_first(tmp_path, dinkes):
    report = run_failing(
        tmp_path, csv_bytes([row(1, golongan="Z"), row(2), row(3, unit_kode="tidak-ada")])
    )

    assert "Baris 2, kolom golongan:" in report
    assert "Baris 4, kolom unit_kode:" in report


def test_a_nip_twice_in_the_file_names_both_rows(tmp_path, dinkes):
    report = run_failing(tmp_path, csv_bytes([row(1), row(2), row(1, nama="Lain")]))

    assert "Baris 4, kolom nip:" in report
    assert "baris 2 dan baris 4" in report
    assert counts() == (0, 0, 0)


def test_a_nip_stored_as_a_number_in_xlsx_asks_for_a_text_column(tmp_path, dinkes):
    data = xlsx_bytes([row(1), row(2, nip=int(nip_for(2)))])

    report = run_failing(tmp_path, data, name="pegawai.xlsx")

    assert "Baris 3, kolom nip:" in report
    assert "Teks" in report
    assert counts() == (0, 0, 0)


def test_a_scientific_notation_nip_explains_what_excel_did(tmp_path, dinkes):
    report = run_failing(tmp_path, csv_bytes([row(1, nip="1,98503E+17")], delimiter=";"))

    assert "Excel" in report
    assert "Teks" in report


def test_an_existing_position_with_another_jabatan_type_is_a_row_error(tmp_path, dinkes):
    PositionFactory(unit=dinkes, title="Pengelola Data", jabatan_type="pengawas")
    before = counts()

    report = run_failing(tmp_path, csv_bytes([row(1)]))

    assert "Baris 2, kolom jenis_jabatan:" in report
    assert counts() == before


def test_two_rows_giving_one_new_position_different_types_is_a_row_error(tmp_path, dinkes):
    report = run_failing(tmp_path, csv_bytes([row(1), row(2, jenis_jabatan="pengawas")]))

    assert "Baris 3, kolom jenis_jabatan:" in report
    assert "baris 2" in report


def test_a_move_dated_on_or_before_the_current_assignment_start_is_a_row_error(tmp_path, dinkes):
    employee = EmployeeFactory()
    AssignmentFactory(
        employee=employee, position=PositionFactory(unit=dinkes), start=datetime.date(2023, 6, 1)
    )
    before = counts()

    report = run_failing(tmp_path, csv_bytes([row(1, nip=employee.nip, tmt_jabatan="2023-06-01")]))

    assert "Baris 2, kolom tmt_jabatan:" in report
    assert counts() == before


def test_an_inactive_unit_is_a_row_error(tmp_path):
    UnitFactory(code="dinkes", is_active=False)

    report = run_failing(tmp_path, csv_bytes([row(1)]))

    assert "Baris 2, kolom unit_kode:" in report


# --------------------------------------------------------------------------- file errors


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("pegawai.txt", b"nip,nama\n", "bukan CSV atau XLSX"),
        ("pegawai.csv", b"", "kosong"),
        ("pegawai.csv", "nip;nama\n1;Ä\n".encode("cp1252"), "UTF-8"),
        ("pegawai.xlsx", b"PK\x03\x04 not really a workbook", "XLSX tidak dapat dibaca"),
        ("pegawai.csv", b"nip,nama,golongan\n1,A,III/a\n", "Kolom wajib tidak ada"),
        ("pegawai.csv", ",".join(HEADER).encode() + b"\n", "tidak berisi baris data"),
    ],
    ids=["extension", "empty", "not_utf8", "bad_xlsx", "missing_column", "header_only"],
)
def test_an_unreadable_file_is_one_clear_error(tmp_path, dinkes, name, data, reason):
    report = run_failing(tmp_path, data, name=name)

    assert reason in report
    assert counts() == (0, 0, 0)


def test_header_names_are_case_insensitive_and_trimmed(tmp_path, dinkes):
    header = [f"  {column.upper()} " for column in HEADER]
    data = csv_bytes([], header=header) + csv_bytes([row(1)]).split(b"\r\n", 1)[1]

    run(tmp_path, data)

    assert Employee.objects.count() == 1


def test_a_missing_file_path_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_personnel", str(tmp_path / "tidak-ada.csv"))


# --------------------------------------------------------------------------- unit scope


def test_a_scoped_user_may_not_import_into_another_unit(dinkes, diskominfo):
    user = UserFactory(units=[dinkes], groups=[Group.objects.get(name=VERIFIER)])
    parsed = importing.parse_file(name="p.csv", data=csv_bytes([row(1, unit_kode="diskominfo")]))

    plan = importing.plan_import(rows=parsed.rows, user=user)

    assert [(e.row, e.column) for e in plan.errors] == [(2, "unit_kode")]
    assert "di luar cakupan unit Anda" in plan.errors[0].message


def test_a_scoped_user_may_not_touch_an_employee_of_another_unit(dinkes, diskominfo):
    user = UserFactory(units=[dinkes], groups=[Group.objects.get(name=VERIFIER)])
    outsider = AssignmentFactory(position=PositionFactory(unit=diskominfo)).employee
    parsed = importing.parse_file(name="p.csv", data=csv_bytes([row(1, nip=outsider.nip)]))

    plan = importing.plan_import(rows=parsed.rows, user=user)

    assert [(e.row, e.column) for e in plan.errors] == [(2, "nip")]
    assert "di luar cakupan unit Anda" in plan.errors[0].message


def test_a_scoped_user_may_import_into_their_own_unit(dinkes):
    user = UserFactory(units=[dinkes], groups=[Group.objects.get(name=VERIFIER)])
    parsed = importing.parse_file(name="p.csv", data=csv_bytes([row(1)]))

    importing.apply_import(plan=importing.plan_import(rows=parsed.rows, user=user))

    assert Employee.objects.count() == 1


def test_a_plan_with_errors_cannot_be_applied(dinkes):
    parsed = importing.parse_file(name="p.csv", data=csv_bytes([row(1, nama="")]))
    plan = importing.plan_import(rows=parsed.rows)

    with pytest.raises(ValueError, match="errors"):
        importing.apply_import(plan=plan)


# --------------------------------------------------------------------------- performance


def _import_queries(rows) -> int:
    with CaptureQueriesContext(connection) as queries:
        parsed = importing.parse_file(name="p.csv", data=csv_bytes(rows))
        importing.apply_import(plan=importing.plan_import(rows=parsed.rows))
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(dinkes):
    small = [row(n, jabatan=f"Jabatan {n % 3}") for n in range(1, 11)]
    large = [row(n, jabatan=f"Jabatan {n % 7}") for n in range(1001, 1301)]
    creates = (_import_queries(small), _import_queries(large))
    moves = (
        _import_queries([{**r, "jabatan": "Baru", "tmt_jabatan": "2024-01-01"} for r in small]),
        _import_queries([{**r, "jabatan": "Baru 2", "tmt_jabatan": "2024-01-01"} for r in large]),
    )

    assert Assignment.objects.filter(end__isnull=False).count() == 310
    assert creates[0] == creates[1]
    assert moves[0] == moves[1]


# --------------------------------------------------------------------------- admin


def upload(client, data: bytes, name="pegawai.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("admin:personnel_personnelimport_upload"), {"file": file})


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True)


def test_the_import_history_links_to_the_upload_page(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:personnel_personnelimport_changelist"))

    assert response.status_code == 200
    assert reverse("admin:personnel_personnelimport_upload").encode() in response.content


def test_a_superuser_uploads_previews_and_applies_a_file(client, superuser, dinkes):
    client.force_login(superuser)

    response = upload(client, csv_bytes([row(1), row(2)]))
    record = PersonnelImport.objects.get()
    assert response.status_code == 302
    assert (record.status, record.uploaded_by, record.created_count) == ("previewed", superuser, 2)
    assert Employee.objects.count() == 0

    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert b"Pegawai Impor 1" in preview.content
    assert reverse("admin:personnel_personnelimport_apply", args=[record.pk]).encode() in (
        preview.content
    )

    applied = client.post(reverse("admin:personnel_personnelimport_apply", args=[record.pk]))
    assert applied.status_code == 302
    assert Employee.objects.count() == 2
    record.refresh_from_db()
    assert record.status == ImportStatus.APPLIED
    assert record.applied_at is not None


def test_applying_twice_writes_once(client, superuser, dinkes):
    client.force_login(superuser)
    upload(client, csv_bytes([row(1)]))
    url = reverse("admin:personnel_personnelimport_apply", args=[PersonnelImport.objects.get().pk])

    client.post(url)
    client.post(url)

    assert Assignment.objects.count() == 1


def test_an_upload_with_errors_is_rejected_and_shows_the_errors(client, superuser, dinkes):
    client.force_login(superuser)

    response = upload(client, csv_bytes([row(1), row(2, golongan="Z/z")]))
    preview = client.get(response["Location"])

    record = PersonnelImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert record.errors[0]["row"] == 3
    assert record.errors[0]["column"] == "golongan"
    assert b"import-errors" in preview.content
    assert b"personnelimport/%d/terapkan" % record.pk not in preview.content
    assert Employee.objects.count() == 0


def test_errors_found_when_applying_reject_the_import_and_write_nothing(client, superuser, dinkes):
    client.force_login(superuser)
    upload(client, csv_bytes([row(1)]))
    record = PersonnelImport.objects.get()
    dinkes.is_active = False
    dinkes.save()

    client.post(reverse("admin:personnel_personnelimport_apply", args=[record.pk]))

    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED
    assert record.errors[0]["column"] == "unit_kode"
    assert counts() == (0, 0, 0)


def test_an_unreadable_upload_is_a_form_error(client, superuser):
    client.force_login(superuser)

    response = upload(client, b"nip;nama\n1;A\n")

    assert response.status_code == 200
    assert "Kolom wajib tidak ada" in response.content.decode()
    assert not PersonnelImport.objects.exists()


def test_an_oversized_upload_is_a_form_error(client, superuser, dinkes, monkeypatch):
    monkeypatch.setattr(admin_import, "MAX_FILE_BYTES", 100)
    client.force_login(superuser)

    response = upload(client, csv_bytes([row(1), row(2)]))

    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not PersonnelImport.objects.exists()


def test_the_sample_file_downloads_as_csv(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:personnel_personnelimport_template"))

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("nip;jenis_asn;")


@pytest.mark.parametrize("name", ["upload", "template"])
def test_a_staff_user_without_the_import_permission_gets_403(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(f"admin:personnel_personnelimport_{name}"))

    assert response.status_code == 403


def test_a_staff_user_without_the_import_permission_cannot_apply(client, superuser, dinkes):
    client.force_login(superuser)
    upload(client, csv_bytes([row(1)]))
    record = PersonnelImport.objects.get()
    client.force_login(UserFactory())

    response = client.post(reverse("admin:personnel_personnelimport_apply", args=[record.pk]))

    assert response.status_code == 403
    assert Employee.objects.count() == 0


def test_a_scoped_user_importing_a_row_for_another_unit_gets_an_error_and_nothing_is_written(
    client, dinkes, diskominfo
):
    user = UserFactory(units=[dinkes], groups=[Group.objects.get(name=VERIFIER)])
    client.force_login(user)

    response = upload(client, csv_bytes([row(1), row(2, unit_kode="diskominfo")]))
    preview = client.get(response["Location"])

    assert "di luar cakupan unit Anda" in preview.content.decode()
    assert PersonnelImport.objects.get().status == ImportStatus.REJECTED
    assert counts() == (0, 0, 0)


def test_a_non_superuser_sees_only_their_own_imports(client, superuser, dinkes):
    client.force_login(superuser)
    upload(client, csv_bytes([row(1)]))
    clerk = UserFactory(units=[dinkes], groups=[Group.objects.get(name=VERIFIER)])
    client.force_login(clerk)

    listing = client.get(reverse("admin:personnel_personnelimport_changelist"))
    other = client.get(
        reverse("admin:personnel_personnelimport_preview", args=[PersonnelImport.objects.get().pk])
    )

    assert listing.status_code == 200
    assert b"pegawai.csv" not in listing.content
    assert other.status_code == 404
