"""Import of training attendance (employee, event, JP, certificate): command, services, admin."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from personnel import roles
from personnel.demo import DEFAULT_EMPLOYEES, DEFAULT_SEED
from personnel.demo.people import Generator
from personnel.models import ImportStatus
from reports.demo import DEMO_TODAY
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PositionFactory,
    TrainingEventFactory,
    TrainingRecordFactory,
    UnitFactory,
    UserFactory,
)
from training import importing
from training.demo import plan_events
from training.models import TrainingImport, TrainingRecord
from training.services import attendance_import_write

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "pelatihan-contoh.csv"


@pytest.fixture
def dinkes():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


@pytest.fixture
def diskominfo():
    return UnitFactory(code="diskominfo", name="Dinas Komunikasi dan Informatika")


def placed(unit, **employee):
    """An employee holding a position in `unit`."""
    return AssignmentFactory(
        employee=EmployeeFactory(**employee), position=PositionFactory(unit=unit)
    ).employee


@pytest.fixture
def nurse(dinkes):
    return placed(dinkes)


@pytest.fixture
def doctor(dinkes):
    return placed(dinkes)


def event(code="tik-dasar-2025-1", jp=12, start=datetime.date(2025, 2, 3), **fields):
    return TrainingEventFactory(code=code, jp=jp, start=start, end=start, **fields)


@pytest.fixture
def digital():
    return event()


@pytest.fixture
def service():
    return event("pelayanan-prima-2025-1", jp=16, start=datetime.date(2025, 7, 7))


def row(employee, training, **overrides) -> dict:
    values = {
        "nip": employee.nip,
        "nama": employee.name,
        "kode_pelatihan": training.code,
        "jp": training.jp,
        "nomor_sertifikat": f"800/{employee.pk:03d}/BKPSDM/2025",
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


def run(tmp_path, data: bytes, *args, name="pelatihan.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_training", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(tmp_path, data: bytes, *args, name="pelatihan.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_training", str(path), *args, stdout=out, stderr=err)
    return f"{out.getvalue()}\n{err.getvalue()}\n{raised.value}"


def plan(rows, user=None, header=HEADER):
    return importing.plan_file(name="pelatihan.csv", data=csv_bytes(rows, header=header), user=user)


def attendance():
    return set(
        TrainingRecord.objects.values_list(
            "employee__nip", "event__code", "jp", "certificate_number"
        )
    )


def staff(group, units):
    return UserFactory(units=units, groups=[Group.objects.get(name=group)])


# --------------------------------------------------------------------------- a good file


def test_a_good_file_records_each_attendance_with_its_jp_and_certificate(
    tmp_path, nurse, doctor, digital, service
):
    rows = [
        row(nurse, digital, nomor_sertifikat="800/112/BKPSDM/II/2025"),
        row(nurse, service, jp=8, nomor_sertifikat=""),
        row(doctor, digital, nomor_sertifikat="800/113/BKPSDM/II/2025"),
    ]

    out, _ = run(tmp_path, csv_bytes(rows))

    assert "Baris dibaca: 3. Kehadiran baru: 3, diperbarui: 0" in out
    assert "Impor selesai." in out
    assert attendance() == {
        (nurse.nip, digital.code, 12, "800/112/BKPSDM/II/2025"),
        (nurse.nip, service.code, 8, ""),
        (doctor.nip, digital.code, 12, "800/113/BKPSDM/II/2025"),
    }


def test_an_xlsx_file_imports_like_a_csv_with_jp_typed_as_numbers(tmp_path, nurse, doctor, digital):
    rows = [row(nurse, digital, jp=12), row(doctor, digital, jp=6.0)]

    out, _ = run(tmp_path, xlsx_bytes(rows), name="pelatihan.xlsx")

    assert "Kehadiran baru: 2" in out
    assert set(TrainingRecord.objects.values_list("employee__nip", "jp")) == {
        (nurse.nip, 12),
        (doctor.nip, 6),
    }


def test_a_comma_separated_file_with_spaces_in_the_nip_and_an_upper_case_code_is_read(
    tmp_path, nurse, digital
):
    spaced = f"{nurse.nip[:8]} {nurse.nip[8:14]} {nurse.nip[14]} {nurse.nip[15:]}"
    rows = [row(nurse, digital, nip=spaced, kode_pelatihan=" TIK-Dasar-2025-1 ")]

    run(tmp_path, csv_bytes(rows, delimiter=","))

    assert TrainingRecord.objects.get().event == digital


def test_the_name_and_certificate_columns_may_be_left_out(tmp_path, nurse, digital):
    header = ["kode_pelatihan", "nip", "jp"]

    run(tmp_path, csv_bytes([row(nurse, digital, jp=10)], header=header))

    assert attendance() == {(nurse.nip, digital.code, 10, "")}


def test_a_dry_run_writes_nothing(tmp_path, nurse, digital):
    out, _ = run(tmp_path, csv_bytes([row(nurse, digital)]), "--dry-run")

    assert "Kehadiran baru: 1" in out
    assert "tidak ada data yang ditulis" in out
    assert not TrainingRecord.objects.exists()
    assert not TrainingImport.objects.exists()


def test_verbose_output_lists_each_planned_change(tmp_path, nurse, digital):
    out, _ = run(tmp_path, csv_bytes([row(nurse, digital, jp=9)]), "--dry-run", "-v", "2")

    assert f"Baris 2, {nurse.full_name}, {digital.code}: baru: 9 JP, sertifikat" in out


# --------------------------------------------------------------------------- records already there


def test_a_recorded_attendance_is_updated_in_place_and_counted_as_updated(
    tmp_path, nurse, doctor, digital
):
    known = TrainingRecordFactory(employee=nurse, event=digital, jp=6, certificate_number="")

    out, _ = run(
        tmp_path,
        csv_bytes([row(nurse, digital, nomor_sertifikat="800/1/2025"), row(doctor, digital)]),
    )

    assert "Kehadiran baru: 1, diperbarui: 1, tanpa perubahan: 0" in out
    record = TrainingRecord.objects.get(employee=nurse)
    assert (record.pk, record.created_at) == (known.pk, known.created_at)
    assert (record.jp, record.certificate_number) == (12, "800/1/2025")


def test_the_same_file_imported_twice_changes_nothing_the_second_time(tmp_path, nurse, digital):
    data = csv_bytes([row(nurse, digital)])
    run(tmp_path, data)
    before = attendance()

    out, _ = run(tmp_path, data)

    assert "Kehadiran baru: 0, diperbarui: 0, tanpa perubahan: 1" in out
    assert attendance() == before


def test_without_the_certificate_column_a_recorded_certificate_is_kept(tmp_path, nurse, digital):
    TrainingRecordFactory(employee=nurse, event=digital, jp=6, certificate_number="800/7/2025")

    run(tmp_path, csv_bytes([row(nurse, digital, jp=12)], header=["nip", "kode_pelatihan", "jp"]))

    assert attendance() == {(nurse.nip, digital.code, 12, "800/7/2025")}


def test_a_blank_certificate_in_the_certificate_column_clears_the_recorded_one(
    tmp_path, nurse, digital
):
    TrainingRecordFactory(employee=nurse, event=digital, certificate_number="800/7/2025")

    run(tmp_path, csv_bytes([row(nurse, digital, nomor_sertifikat="")]))

    assert attendance() == {(nurse.nip, digital.code, 12, "")}


def test_the_import_is_in_the_audit_trail_with_its_action_and_user(
    tmp_path, dinkes, nurse, doctor, digital
):
    TrainingRecordFactory(employee=nurse, event=digital, jp=6)
    user = staff(roles.VERIFIER, [dinkes])

    run(tmp_path, csv_bytes([row(nurse, digital), row(doctor, digital)]), "--user", user.username)

    events = [
        event
        for record in TrainingRecord.objects.all()
        for event in Events.objects.references(record)
        if event.pgh_context and event.pgh_context.get("action") == "import_training"
    ]
    assert sorted(event.pgh_label for event in events) == ["insert", "update"]
    assert {event.pgh_context["user"] for event in events} == {user.pk}


# --------------------------------------------------------------------------- errors


UNKNOWN_NIP = "196001011985031001"

CASES = {
    "unknown event code": ({"kode_pelatihan": "tik-2031-9"}, "kode_pelatihan", "tidak dikenal"),
    "empty event code": ({"kode_pelatihan": ""}, "kode_pelatihan", "Wajib diisi"),
    "event code too long": ({"kode_pelatihan": "x" * 41}, "kode_pelatihan", "Terlalu panjang"),
    "unknown NIP": ({"nip": UNKNOWN_NIP}, "nip", "NIP tidak dikenal di portal"),
    "empty NIP": ({"nip": ""}, "nip", "Wajib diisi"),
    "short NIP": ({"nip": "19850315"}, "nip", "18 angka"),
    "Excel-mangled NIP": ({"nip": "1.98503E+17"}, "nip", "diubah Excel"),
    "NIP ending in .0": ({"nip": "198503152010012003.0"}, "nip", "diubah Excel"),
    "JP over its event's": ({"jp": 13}, "jp", "Melebihi JP pelatihan tik-dasar-2025-1, yaitu 12"),
    "JP of zero": ({"jp": 0}, "jp", "paling sedikit 1"),
    "negative JP": ({"jp": -4}, "jp", "paling sedikit 1"),
    "JP in words": ({"jp": "dua belas"}, "jp", "bilangan bulat"),
    "fractional JP": ({"jp": "7,5"}, "jp", "bilangan bulat"),
    "empty JP": ({"jp": ""}, "jp", "Wajib diisi"),
    "certificate too long": ({"nomor_sertifikat": "9" * 101}, "nomor_sertifikat", "Terlalu"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_written(
    tmp_path, nurse, doctor, digital, case
):
    overrides, column, fragment = CASES[case]

    output = run_failing(
        tmp_path, csv_bytes([row(nurse, digital), row(doctor, digital, **overrides)])
    )

    assert f"Baris 3, kolom {column}: " in output
    assert fragment in output
    assert "Baris 2" not in output
    assert "Impor dibatalkan: 1 galat. Tidak ada data yang ditulis." in output
    assert not TrainingRecord.objects.exists()


def test_an_event_that_has_not_started_yet_is_named(tmp_path, nurse):
    later = event("skp-2027-1", start=datetime.date(2027, 3, 1))

    output = run_failing(tmp_path, csv_bytes([row(nurse, later)]))

    assert "Baris 2, kolom kode_pelatihan: Pelatihan ini baru mulai 01-03-2027" in output
    assert not TrainingRecord.objects.exists()


def test_the_same_employee_twice_for_one_event_names_both_rows(tmp_path, nurse, doctor, digital):
    rows = [row(nurse, digital), row(doctor, digital), row(nurse, digital, jp=6)]

    output = run_failing(tmp_path, csv_bytes(rows))

    assert "Baris 4, kolom kode_pelatihan: Kehadiran pegawai ini di pelatihan ini" in output
    assert "sudah ada di baris 2 berkas ini" in output
    assert not TrainingRecord.objects.exists()


def test_an_xlsx_nip_stored_as_a_number_is_named(tmp_path, nurse, digital):
    output = run_failing(
        tmp_path, xlsx_bytes([row(nurse, digital, nip=float(nurse.nip))]), name="pelatihan.xlsx"
    )

    assert "Baris 2, kolom nip: NIP tersimpan sebagai angka" in output
    assert not TrainingRecord.objects.exists()


def test_an_xlsx_fractional_jp_is_named(tmp_path, nurse, digital):
    output = run_failing(tmp_path, xlsx_bytes([row(nurse, digital, jp=7.5)]), name="x.xlsx")

    assert "Baris 2, kolom jp: JP harus bilangan bulat" in output
    assert "(isian: «7.5»)" in output


def test_every_bad_row_is_named_not_only_the_first(tmp_path, nurse, doctor, digital, service):
    rows = [
        row(nurse, digital, jp=40),
        row(doctor, digital),
        row(doctor, service, kode_pelatihan="tidak-ada", nip=UNKNOWN_NIP),
    ]

    output = run_failing(tmp_path, csv_bytes(rows))

    assert "Baris 2, kolom jp" in output
    assert "Baris 4, kolom nip" in output
    assert "Baris 4, kolom kode_pelatihan" in output
    assert "3 galat" in output
    assert not TrainingRecord.objects.exists()


def test_a_bad_row_also_stops_the_update_of_a_recorded_attendance(tmp_path, nurse, doctor, digital):
    TrainingRecordFactory(employee=nurse, event=digital, jp=6, certificate_number="lama")

    run_failing(tmp_path, csv_bytes([row(nurse, digital, jp=12), row(doctor, digital, jp=99)]))

    assert attendance() == {(nurse.nip, digital.code, 6, "lama")}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pelatihan.pdf", b"%PDF-1.4", "bukan CSV atau XLSX"),
        ("pelatihan.csv", b"", "kosong"),
        ("pelatihan.csv", csv_bytes([]), "tidak berisi baris data"),
        ("pelatihan.csv", b"nip;nama\n198503152010012003;A\n", "kode_pelatihan, jp"),
        ("pelatihan.xlsx", b"not a workbook", "XLSX tidak dapat dibaca"),
        ("pelatihan.csv", "nip;kode_pelatihan;jp\n".encode("utf-16"), "UTF-8"),
        ("pelatihan.csv", "nip;kode_pelatihan;jp\n1;ü;2\n".encode("cp1252"), "UTF-8"),
    ],
)
def test_an_unreadable_file_gets_one_clear_message(tmp_path, name, data, message):
    output = run_failing(tmp_path, data, name=name)

    assert message in output
    assert "Traceback" not in output


def test_a_missing_file_gets_a_short_message(tmp_path):
    with pytest.raises(CommandError, match="Berkas tidak ditemukan"):
        call_command("import_training", str(tmp_path / "tidak-ada.csv"))


# --------------------------------------------------------------------------- scope and permission


def test_a_scoped_user_cannot_import_attendance_of_another_units_employee(
    tmp_path, dinkes, diskominfo, nurse, digital
):
    outsider = placed(diskominfo)
    user = staff(roles.VERIFIER, [dinkes])

    output = run_failing(
        tmp_path, csv_bytes([row(nurse, digital), row(outsider, digital)]), "--user", user.username
    )

    assert "Baris 3, kolom nip: Pegawai dengan NIP ini di luar cakupan unit Anda." in output
    assert "Baris 2" not in output
    assert not TrainingRecord.objects.exists()
    record = TrainingImport.objects.get()
    assert (record.status, record.uploaded_by, record.error_count) == ("rejected", user, 1)


def test_a_scoped_user_may_import_attendance_of_employees_in_their_sub_units(
    tmp_path, dinkes, digital
):
    puskesmas = UnitFactory(code="puskesmas-kijang", parent=dinkes)
    midwife = placed(puskesmas)
    user = staff(roles.VERIFIER, [dinkes])

    run(tmp_path, csv_bytes([row(midwife, digital)]), "--user", user.username)

    assert TrainingRecord.objects.get().employee == midwife


def test_an_import_with_a_user_is_kept_in_the_history_under_their_name(
    tmp_path, dinkes, nurse, doctor, digital
):
    TrainingRecordFactory(employee=nurse, event=digital, jp=6)
    user = staff(roles.VERIFIER, [dinkes])

    run(tmp_path, csv_bytes([row(nurse, digital), row(doctor, digital)]), "--user", user.username)

    record = TrainingImport.objects.get()
    assert (record.status, record.uploaded_by) == (ImportStatus.APPLIED, user)
    assert (record.created_count, record.updated_count, record.unchanged_count) == (1, 1, 0)
    assert bytes(record.content).startswith("\ufeffnip;".encode())


def test_a_user_without_the_import_permission_is_refused(tmp_path, dinkes, nurse, digital):
    user = staff(roles.EVALUATOR, [dinkes])

    output = run_failing(tmp_path, csv_bytes([row(nurse, digital)]), "--user", user.username)

    assert "tidak berhak mengimpor kehadiran pelatihan" in output
    assert not TrainingRecord.objects.exists()


def test_planning_for_a_user_without_the_permission_is_refused(dinkes, nurse, digital):
    with pytest.raises(PermissionDenied):
        plan([row(nurse, digital)], user=staff(roles.MODERATOR, [dinkes]))


def test_verifiers_may_import_training_attendance():
    assert staff(roles.VERIFIER, []).has_perm("training.import_training")


@pytest.mark.parametrize("group", [roles.EVALUATOR, roles.MODERATOR, roles.UNIT_RESPONDER])
def test_other_staff_groups_may_not_import_training_attendance(group):
    assert not staff(group, []).has_perm("training.import_training")


# --------------------------------------------------------------------------- performance


def _employees_and_events(people: int, trainings: int):
    employees = EmployeeFactory.create_batch(people)
    events = [event(f"kelas-{people}-{n}", jp=24) for n in range(trainings)]
    return [row(e, t, jp=8) for e in employees for t in events]


def _write_queries(rows, user=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        attendance_import_write(plan=plan(rows, user=user))
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows():
    small = _employees_and_events(10, 1)  # 10 rows
    large = _employees_and_events(40, 5)  # 200 rows

    creates = (_write_queries(small), _write_queries(large))
    updates = (
        _write_queries([{**r, "jp": 12} for r in small]),
        _write_queries([{**r, "jp": 12} for r in large]),
    )

    assert TrainingRecord.objects.filter(jp=12).count() == 210
    assert creates[0] == creates[1]
    assert updates[0] == updates[1]


def test_planning_200_rows_as_a_scoped_user_takes_as_many_queries_as_10(
    dinkes, django_assert_num_queries
):
    user = staff(roles.VERIFIER, [dinkes])
    position = PositionFactory(unit=dinkes)
    people = [AssignmentFactory(position=position).employee for _ in range(40)]
    events = [event(f"kelas-{n}", jp=24) for n in range(5)]
    small = [row(e, events[0]) for e in people[:10]]
    large = [row(e, t) for e in people for t in events]
    with CaptureQueriesContext(connection) as queries:
        assert plan(small, user=user).is_valid
    user = type(user).objects.get(pk=user.pk)  # a fresh user: no cached permissions

    with django_assert_num_queries(len(queries)):
        result = plan(large, user=user)

    assert len(result.creates) == 200


# --------------------------------------------------------------------------- the sample file


def test_the_sample_file_imports_cleanly_over_the_demo_employees_and_events(tmp_path):
    sample = csv.DictReader(io.StringIO(SAMPLE.read_text("utf-8-sig")), delimiter=";")
    sample_nips = {values["nip"] for values in sample}
    demo = Generator(seed=DEFAULT_SEED, employees=DEFAULT_EMPLOYEES).employees()
    for person in demo:
        if person.nip in sample_nips:
            EmployeeFactory(
                nip=person.nip,
                employment_type=person.employment_type,
                name=person.name,
                gender=person.gender,
                birth_date=person.birth_date,
                tmt_cpns=person.tmt_cpns,
                golongan=person.golongan,
            )
    for planned in plan_events(DEMO_TODAY):
        TrainingEventFactory(**{k: v for k, v in planned.items() if k != "share"})

    out, _ = run(tmp_path, SAMPLE.read_bytes(), name=SAMPLE.name)

    assert "Baris dibaca: 8. Kehadiran baru: 8" in out
    assert TrainingRecord.objects.count() == 8
    assert TrainingRecord.objects.filter(certificate_number="").count() == 1


def test_the_admin_sample_is_the_documented_sample():
    assert importing.template_csv() == SAMPLE.read_bytes()


# --------------------------------------------------------------------------- admin


def upload(client, data: bytes, name="pelatihan.csv"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("admin:training_trainingimport_upload"), {"file": file})


def test_a_verifier_uploads_previews_and_applies_a_file(client, dinkes, nurse, doctor, digital):
    TrainingRecordFactory(employee=nurse, event=digital, jp=6)
    user = staff(roles.VERIFIER, [dinkes])
    client.force_login(user)

    response = upload(client, csv_bytes([row(nurse, digital), row(doctor, digital, jp=10)]))
    record = TrainingImport.objects.get()
    assert response.status_code == 302
    assert (record.status, record.created_count, record.updated_count) == ("previewed", 1, 1)
    assert TrainingRecord.objects.count() == 1

    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Kehadiran baru" in page and "Kehadiran diperbarui" in page
    assert doctor.name in page and "baru: 10 JP" in page
    assert "JP: 6 → 12" in page
    apply_url = reverse("admin:training_trainingimport_apply", args=[record.pk])
    assert apply_url in page

    applied = client.post(apply_url)
    assert applied.status_code == 302
    assert {(nip, jp) for nip, _code, jp, _number in attendance()} == {
        (nurse.nip, 12),
        (doctor.nip, 10),
    }
    record.refresh_from_db()
    assert (record.status, record.uploaded_by) == (ImportStatus.APPLIED, user)
    assert record.applied_at is not None
    history = client.get(reverse("admin:training_trainingimport_changelist"))
    assert b"pelatihan.csv" in history.content


def test_applying_twice_writes_once(client, dinkes, nurse, digital):
    client.force_login(staff(roles.VERIFIER, [dinkes]))
    upload(client, csv_bytes([row(nurse, digital)]))
    url = reverse("admin:training_trainingimport_apply", args=[TrainingImport.objects.get().pk])

    client.post(url)
    second = client.post(url, follow=True)

    assert TrainingRecord.objects.count() == 1
    assert "sudah diproses sebelumnya" in second.content.decode()


def test_an_upload_with_errors_is_rejected_and_every_error_is_shown(
    client, dinkes, nurse, doctor, digital
):
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    response = upload(
        client, csv_bytes([row(nurse, digital, jp="x"), row(doctor, digital, kode_pelatihan="y")])
    )
    preview = client.get(response["Location"])

    record = TrainingImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    assert [(e["row"], e["column"]) for e in record.errors] == [(2, "jp"), (3, "kode_pelatihan")]
    assert b"import-errors" in preview.content
    assert b"trainingimport/%d/terapkan" % record.pk not in preview.content
    assert not TrainingRecord.objects.exists()


def test_an_event_whose_jp_was_lowered_after_the_preview_rejects_the_import(
    client, dinkes, nurse, digital
):
    client.force_login(staff(roles.VERIFIER, [dinkes]))
    upload(client, csv_bytes([row(nurse, digital, jp=12)]))
    record = TrainingImport.objects.get()
    digital.jp = 8
    digital.save()

    response = client.post(
        reverse("admin:training_trainingimport_apply", args=[record.pk]), follow=True
    )

    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED
    assert record.errors[0]["column"] == "jp"
    assert "Impor ditolak karena 1 galat" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_an_attendance_recorded_under_the_write_stops_it_and_nothing_is_written(
    nurse, doctor, digital
):
    checked = plan([row(nurse, digital), row(doctor, digital)])
    TrainingRecordFactory(employee=doctor, event=digital)

    with pytest.raises(IntegrityError):
        attendance_import_write(plan=checked)

    assert not TrainingRecord.objects.filter(employee=nurse).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pelatihan.docx", b"PK\x03\x04", "bukan CSV atau XLSX"),
        ("pelatihan.csv", csv_bytes([]), "tidak berisi baris data"),
        ("pelatihan.csv", b"nip,jp\n1,2\n", "Kolom wajib tidak ada di baris 1: kode_pelatihan"),
        ("pelatihan.xlsx", b"\x00\x01garbage", "XLSX tidak dapat dibaca"),
        ("pelatihan.csv", b"\xff\xfe\x00n\x00i", "UTF-8"),
    ],
)
def test_a_bad_upload_is_a_readable_form_error(client, dinkes, name, data, message):
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    response = upload(client, data, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingImport.objects.exists()


def test_an_empty_upload_is_a_form_error(client, dinkes):
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    response = upload(client, b"")

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not TrainingImport.objects.exists()


def test_the_sample_file_downloads_from_the_upload_page(client, dinkes):
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    page = client.get(reverse("admin:training_trainingimport_upload"))
    response = client.get(reverse("admin:training_trainingimport_template"))

    assert reverse("admin:training_trainingimport_template").encode() in page.content
    assert "kode_pelatihan" in page.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="pelatihan-contoh.csv"'
    assert response.content == SAMPLE.read_bytes()


@pytest.mark.parametrize("name", ["upload", "template"])
def test_a_staff_user_without_the_import_permission_gets_403(client, dinkes, name):
    client.force_login(staff(roles.EVALUATOR, [dinkes]))

    response = client.get(reverse(f"admin:training_trainingimport_{name}"))

    assert response.status_code == 403


def test_a_staff_user_without_the_import_permission_cannot_apply(client, dinkes, nurse, digital):
    client.force_login(UserFactory(is_superuser=True))
    upload(client, csv_bytes([row(nurse, digital)]))
    record = TrainingImport.objects.get()
    client.force_login(staff(roles.MODERATOR, [dinkes]))

    response = client.post(reverse("admin:training_trainingimport_apply", args=[record.pk]))

    assert response.status_code == 403
    assert not TrainingRecord.objects.exists()


def test_a_scoped_verifier_uploading_another_units_attendance_sees_it_rejected(
    client, dinkes, diskominfo, digital
):
    outsider = placed(diskominfo)
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    response = upload(client, csv_bytes([row(outsider, digital)]))
    preview = client.get(response["Location"])

    assert TrainingImport.objects.get().status == ImportStatus.REJECTED
    assert "di luar cakupan unit Anda" in preview.content.decode()


def test_a_user_sees_only_their_own_imports(client, dinkes, nurse, digital):
    client.force_login(staff(roles.VERIFIER, [dinkes]))
    upload(client, csv_bytes([row(nurse, digital)]))
    client.force_login(staff(roles.VERIFIER, [dinkes]))

    listing = client.get(reverse("admin:training_trainingimport_changelist"))
    other = client.get(
        reverse("admin:training_trainingimport_preview", args=[TrainingImport.objects.get().pk])
    )

    assert listing.status_code == 200
    assert b"pelatihan.csv" not in listing.content
    assert other.status_code == 404


def test_the_import_history_cannot_be_edited_or_deleted(client, nurse, digital):
    client.force_login(UserFactory(is_superuser=True))
    upload(client, csv_bytes([row(nurse, digital)]))
    pk = TrainingImport.objects.get().pk

    response = client.post(
        reverse("admin:training_trainingimport_delete", args=[pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert TrainingImport.objects.filter(pk=pk).exists()
