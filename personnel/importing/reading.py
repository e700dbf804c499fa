"""Reading a CSV or XLSX file into rows, and the blank template clerks fill in."""

import csv
import io

from django.utils.translation import gettext as _

from personnel.importing.base import (
    _SPACES,
    COLUMNS,
    EXTENSIONS,
    MAX_FILE_BYTES,
    REQUIRED_COLUMNS,
    ImportFileError,
    ParsedFile,
    SourceRow,
)

# --------------------------------------------------------------------------- reading the file


def parse_file(*, name: str, data: bytes, columns=COLUMNS, required=REQUIRED_COLUMNS) -> ParsedFile:
    """Read a CSV or XLSX file into rows, or raise ImportFileError with one clear reason.

    `columns` and `required` name the columns of the kind of file being read (the personnel
    registry by default); every import of the portal reads its files through here.
    """
    lowered = (name or "").lower()
    if not lowered.endswith(EXTENSIONS):
        raise ImportFileError(
            _("Berkas «%(name)s» bukan CSV atau XLSX. Simpan data sebagai .csv atau .xlsx.")
            % {"name": name}
        )
    if not data:
        raise ImportFileError(_("Berkas «%(name)s» kosong.") % {"name": name})
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 1024 // 1024}
        )
    table = _read_xlsx(data) if lowered.endswith(".xlsx") else _read_csv(data)
    return _to_rows(name, table, columns, required)


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "Berkas CSV tidak berkode UTF-8. Di Excel, pilih Simpan Sebagai → "
                "«CSV UTF-8 (dipisahkan koma)», lalu unggah lagi."
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Every record counts, blank ones too, so the numbers match the rows Excel shows.
        return list(enumerate(reader, start=1))
    except csv.Error as error:
        raise ImportFileError(
            _("Berkas CSV tidak dapat dibaca: %(reason)s.") % {"reason": error}
        ) from None


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    import openpyxl  # only the XLSX path needs it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or disguised file
        raise ImportFileError(
            _(
                "Berkas XLSX tidak dapat dibaca. Pastikan berkas dibuat dengan Excel "
                "atau LibreOffice."
            )
        ) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for cells in sheet.iter_rows():
            number = next((cell.row for cell in cells if hasattr(cell, "row")), None)
            if number is None:
                continue  # an all-empty row: nothing to report, and it carries no number
            table.append((number, [cell.value for cell in cells]))
        return table
    finally:
        workbook.close()


def _column_name(value) -> str:
    return _SPACES.sub("_", str(value if value is not None else "").strip().lower())


def _to_rows(name: str, table: list[tuple[int, list]], columns, required) -> ParsedFile:
    if not table or not any(_is_filled(value) for value in table[0][1]):
        raise ImportFileError(
            _("Baris 1 berkas «%(name)s» harus berisi nama kolom (%(columns)s, …).")
            % {"name": name, "columns": ", ".join(required[:2])}
        )
    header_number, header = table[0]
    if header_number != 1:
        raise ImportFileError(_("Baris 1 harus berisi nama kolom; baris itu kosong."))
    positions: dict[str, int] = {}
    ignored = []
    for index, raw in enumerate(header):
        column = _column_name(raw)
        if not column:
            continue
        if column in positions:
            raise ImportFileError(
                _("Kolom «%(column)s» muncul dua kali di baris 1.") % {"column": column}
            )
        if column in columns:
            positions[column] = index
        else:
            ignored.append(str(raw).strip())
    missing = [column for column in required if column not in positions]
    if missing:
        raise ImportFileError(
            _("Kolom wajib tidak ada di baris 1: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, values in table[1:]:
        if not any(_is_filled(value) for value in values):
            continue
        cells = {
            column: values[index] if index < len(values) else None
            for column, index in positions.items()
        }
        rows.append(SourceRow(number=number, cells=cells))
    if not rows:
        raise ImportFileError(_("Berkas «%(name)s» tidak berisi baris data.") % {"name": name})
    warnings = []
    if ignored:
        warnings.append(
            _("Kolom yang tidak dikenal diabaikan: %(columns)s.")
            % {"columns": ", ".join(f"«{column}»" for column in ignored)}
        )
    return ParsedFile(name=name, rows=rows, columns=list(positions), warnings=warnings)


def _is_filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def template_csv() -> bytes:
    """A blank file with every column and two example rows, for clerks to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        [
            "198503152010012003", "PNS", "dr.", "Siti Rahmawati", "M.Kes.", "P", "15-03-1985",
            "III/d", "dinkes", "Kepala Bidang Pelayanan Kesehatan", "administrator", "",
            "01-02-2023", "siti.rahmawati@tanjungpinangkota.go.id", "081234567890", "aktif",
        ]
    )  # fmt: skip
    writer.writerow(
        [
            "199002172023212005", "PPPK", "", "Budi Santoso", "S.Kom.", "L", "17-02-1990", "IX",
            "diskominfo", "Pranata Komputer Ahli Pertama", "fungsional_keahlian", "ahli_pertama",
            "01-04-2023", "", "", "aktif",
        ]
    )  # fmt: skip
    # Excel reads a UTF-8 CSV right only when it starts with the byte-order mark.
    return buffer.getvalue().encode("utf-8-sig")
