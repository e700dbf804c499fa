"""The report workflow: submit, return, approve, publish, correct, withdraw; and withholding.

Each function checks the role (a model permission) and the unit scope of the acting user, runs
in one transaction with the report row locked, and leaves an audit event: the database triggers
of django-pghistory record the change, and `pghistory.context` attaches who did it, the action
and the reason. The triggers on the report table refuse any other change of status and any
edit of a report that has left draft, so these functions are the only way forward.
"""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from personnel import scoping
from personnel.importing.history import apply_upload, check_upload, run_file
from personnel.models import Assignment
from reports import importing
from reports.choices import ReportStatus
from reports.models import BehaviourRating, Indicator, Report, SkpImport, Withholding

SUBMIT = "reports.submit_report"
APPROVE = "reports.approve_report"
PUBLISH = "reports.publish_report"
WITHHOLD = "reports.add_withholding"


def _check(user, permission: str, report: Report | None = None) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(_("Anda tidak memiliki hak untuk tindakan ini."))
    if report is not None and not scoping.can_access(user, report):
        raise PermissionDenied(_("Laporan ini berada di luar cakupan unit Anda."))


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def _require_status(report: Report, *statuses: str) -> None:
    if report.status not in statuses:
        raise ValidationError(
            _("Laporan berstatus «%(status)s»; tindakan ini tidak berlaku untuknya.")
            % {"status": report.get_status_display()}
        )


def _audit(action: str, by, **extra):
    return pghistory.context(action=action, user=by.pk, **extra)


def snapshot_of(*, assignment) -> dict:
    """What a new report keeps of the employee: the position held and the golongan."""
    position = assignment.position
    return {
        "unit_id": position.unit_id,
        "position": position,
        "position_title": position.title,
        "jabatan_type": position.jabatan_type,
        "golongan": assignment.employee.golongan,
    }


def snapshot_for(*, employee, period) -> dict:
    """The unit, position and golongan an employee held at the end of a period."""
    assignment = (
        Assignment.objects.primary()
        .current(period.end)
        .filter(employee=employee)
        .select_related("position")
        .first()
    )
    if assignment is None:
        raise ValidationError(no_assignment_message(period))
    assignment.employee = employee
    return snapshot_of(assignment=assignment)


def no_assignment_message(period) -> str:
    return _("Pegawai ini tidak memiliki jabatan utama pada akhir periode %(period)s.") % {
        "period": period
    }


def new_report_errors(
    *, period, existing: list[Report], unit_id, allowed_unit_ids, replace_draft: bool = False
) -> dict[str, list[str]]:
    """What stops a new report for an employee and period, by field ("period", "employee").

    The rules of report entry, shared by the admin form and the SKP import, which read what
    they need beforehand (the import in bulk): the period must be open; no other report of
    the employee for it may be in the workflow or published (with `replace_draft`, a draft may
    be, and is to be replaced); the employee's unit at the end of the period (`unit_id`, None
    when they held no primary position then) must be in the user's units (`allowed_unit_ids`,
    None for everything).
    """
    errors: dict[str, list[str]] = {}
    if not period.is_open:
        errors.setdefault("period", []).append(_("Periode ini sudah ditutup."))
    replaceable = set()
    if replace_draft:
        # A draft may be replaced, and so may a correction draft opened in the workflow: the
        # published version it corrects then stays until the correction is published.
        for report in existing:
            if report.status == ReportStatus.DRAFT:
                replaceable |= {report.pk, report.previous_id}
    blocking = [
        report
        for report in existing
        if report.status != ReportStatus.SUPERSEDED and report.pk not in replaceable
    ]
    if blocking:
        report = max(blocking, key=lambda r: r.version)
        if not replace_draft:
            message = _(
                "Pegawai ini sudah punya laporan untuk periode tersebut; "
                "buka laporan itu, atau koreksi bila sudah terbit."
            )
        elif report.status == ReportStatus.WITHDRAWN:
            message = _(
                "Laporan pegawai ini untuk periode tersebut sudah ditarik (versi %(version)s); "
                "laporan baru untuk periode itu tidak dapat diimpor."
            ) % {"version": report.version}
        else:
            message = _(
                "Laporan pegawai ini untuk periode tersebut sudah berstatus «%(status)s» "
                "(versi %(version)s). Koreksi harus lewat alur laporan di admin, bukan impor."
            ) % {"status": report.get_status_display(), "version": report.version}
        errors.setdefault("period", []).append(message)
    if unit_id is None:
        errors.setdefault("employee", []).append(no_assignment_message(period))
    elif allowed_unit_ids is not None and unit_id not in allowed_unit_ids:
        errors.setdefault("employee", []).append(
            _("Pada periode itu pegawai ini bertugas di luar cakupan unit Anda.")
        )
    return errors


def allowed_unit_ids(user) -> set[int] | None:
    """The ids of the units `user` may write reports for; None for every unit."""
    if user is None or scoping.is_unrestricted(user):
        return None
    return set(scoping.units_for(user).values_list("pk", flat=True))


def report_submit(*, report: Report, by) -> Report:
    _check(by, SUBMIT, report)
    with transaction.atomic(), _audit("submit", by):
        report = _locked(report)
        _require_status(report, ReportStatus.DRAFT)
        if not report.indicators.exists():
            raise ValidationError(_("Laporan tanpa indikator kinerja (RHK) tidak dapat diajukan."))
        report.status = ReportStatus.SUBMITTED
        report.submitted_at, report.submitted_by = timezone.now(), by
        report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    return report


def report_return(*, report: Report, by, note: str) -> Report:
    """Send a submitted or approved report back to its evaluator as a draft."""
    _check(by, APPROVE, report)
    if not note.strip():
        raise ValidationError(_("Tuliskan alasan pengembalian untuk pejabat penilai."))
    with transaction.atomic(), _audit("return", by, note=note):
        report = _locked(report)
        _require_status(report, ReportStatus.SUBMITTED, ReportStatus.APPROVED)
        report.status = ReportStatus.DRAFT
        report.save(update_fields=["status", "updated_at"])
    return report


def report_approve(*, report: Report, by) -> Report:
    _check(by, APPROVE, report)
    with transaction.atomic(), _audit("approve", by):
        report = _locked(report)
        _require_status(report, ReportStatus.SUBMITTED)
        report.status = ReportStatus.APPROVED
        report.approved_at, report.approved_by = timezone.now(), by
        report.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    return report


def report_publish(*, report: Report, by) -> Report:
    """Publish an approved report; a correction supersedes the version it corrects."""
    _check(by, PUBLISH, report)
    with transaction.atomic(), _audit("publish", by):
        report = _locked(report)
        _require_status(report, ReportStatus.APPROVED)
        if report.previous_id:
            previous = _locked(report.previous)
            if previous.status == ReportStatus.PUBLISHED:
                previous.status = ReportStatus.SUPERSEDED
                previous.save(update_fields=["status", "updated_at"])
        report.status = ReportStatus.PUBLISHED
        report.published_at, report.published_by = timezone.now(), by
        report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return report


def report_correct(*, report: Report, reason: str, by) -> Report:
    """Open a new draft version of a published report; the published one stays until replaced."""
    _check(by, PUBLISH, report)
    if not reason.strip():
        raise ValidationError(_("Alasan koreksi wajib diisi; alasan itu dipublikasikan."))
    with transaction.atomic(), _audit("correct", by, reason=reason):
        report = _locked(report)
        _require_status(report, ReportStatus.PUBLISHED)
        if Report.objects.filter(previous=report).exists():
            raise ValidationError(_("Koreksi untuk laporan ini sudah dibuka."))
        indicators = list(report.indicators.all())
        behaviours = list(report.behaviours.all())
        correction = Report.objects.get(pk=report.pk)
        correction.pk = None
        correction.version = report.version + 1
        correction.previous = report
        correction.correction_reason = reason.strip()
        correction.status = ReportStatus.DRAFT
        correction.created_by = by
        for stamp in ("submitted", "approved", "published", "withdrawn"):
            setattr(correction, f"{stamp}_at", None)
            setattr(correction, f"{stamp}_by", None)
        correction.save(force_insert=True)
        Indicator.objects.bulk_create(
            Indicator(
                report=correction,
                kind=i.kind,
                superior_rhk_id=i.superior_rhk_id,
                rhk=i.rhk,
                aspect=i.aspect,
                iki=i.iki,
                target=i.target,
                realisasi=i.realisasi,
                feedback=i.feedback,
                order=i.order,
            )
            for i in indicators
        )
        BehaviourRating.objects.bulk_create(
            BehaviourRating(
                report=correction,
                value=b.value,
                rating=b.rating,
                notes=b.notes,
                leader_expectation=b.leader_expectation,
            )
            for b in behaviours
        )
    return correction


def report_withdraw(*, report: Report, reason: str, by) -> Report:
    """Take a published report off the record; it stays visible, marked, with the reason."""
    _check(by, PUBLISH, report)
    if not reason.strip():
        raise ValidationError(_("Alasan penarikan wajib diisi; alasan itu dipublikasikan."))
    with transaction.atomic(), _audit("withdraw", by, reason=reason):
        report = _locked(report)
        _require_status(report, ReportStatus.PUBLISHED)
        report.status = ReportStatus.WITHDRAWN
        report.withdrawal_reason = reason.strip()
        report.withdrawn_at, report.withdrawn_by = timezone.now(), by
        report.save(
            update_fields=[
                "status",
                "withdrawal_reason",
                "withdrawn_at",
                "withdrawn_by",
                "updated_at",
            ]
        )
    return report


def withholding_decide(*, employee, reason: str, by) -> Withholding:
    """Withhold an employee's individual reports from the public (the PPID's decision)."""
    _check(by, WITHHOLD)
    if not scoping.can_access(by, employee):
        raise PermissionDenied(_("Pegawai ini berada di luar cakupan unit Anda."))
    if not reason.strip():
        raise ValidationError(_("Tuliskan hasil uji konsekuensi sebagai alasan."))
    with transaction.atomic(), _audit("withhold", by, reason=reason):
        if Withholding.objects.active().filter(employee=employee).exists():
            raise ValidationError(_("Laporan pegawai ini sudah dikecualikan."))
        return Withholding.objects.create(employee=employee, reason=reason.strip(), decided_by=by)


def withholding_lift(*, withholding: Withholding, by) -> Withholding:
    _check(by, WITHHOLD)
    with transaction.atomic(), _audit("lift_withholding", by):
        withholding = Withholding.objects.select_for_update().get(pk=withholding.pk)
        if withholding.lifted_at is None:
            withholding.lifted_at, withholding.lifted_by = timezone.now(), by
            withholding.save(update_fields=["lifted_at", "lifted_by"])
    return withholding


# --------------------------------------------------------------------------- SKP import


def skp_import_check(*, name: str, data: bytes, by):
    """Check an uploaded SKP results file and keep it in the history (previewed or rejected).

    An unreadable file raises ImportFileError and leaves no record.
    """
    return check_upload(model=SkpImport, plan_file=importing.plan_file, name=name, data=data, by=by)


def skp_import_apply(*, record, by):
    """Apply a previewed SKP upload, checked again against today's data, all or nothing."""
    return apply_upload(
        record=record, plan_file=importing.plan_file, apply=importing.apply_import, by=by
    )


def skp_import_run(*, name: str, data: bytes, by=None, dry_run: bool = False):
    """Check and, when clean and not a dry run, apply an SKP results file (the command's path)."""
    return run_file(
        model=SkpImport,
        plan_file=importing.plan_file,
        apply=importing.apply_import,
        name=name,
        data=data,
        by=by,
        dry_run=dry_run,
    )
