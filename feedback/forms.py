import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from feedback import codes, targets
from feedback.choices import PRIVACY_HELP, Kind, Privacy, TargetType
from personnel.disclosure import public_employee_fields
from personnel.models import Employee, Unit
from portal.widgets import QuickSelect
from reports.models import Report

LINK = re.compile(r"https?://|www\.|\[url", re.IGNORECASE)
RENDERED_SALT = "feedback.form-rendered"
HONEYPOT = "situs_web"


# --------------------------------------------------------------------------- the signed render time


def rendered_token(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=RENDERED_SALT)


def rendered_error(token: str, now: float | None = None) -> str | None:
    """Why a form rendered at the signed time may not be accepted now, or None when it may."""
    try:
        rendered = int(signing.loads(token or "", salt=RENDERED_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return _("Formulir tidak lengkap atau sudah diubah. Isian Anda masih ada: kirim lagi.")
    age = (now if now is not None else time.time()) - rendered
    if age < settings.FEEDBACK_FORM_MIN_SECONDS:
        return _(
            "Formulir terkirim terlalu cepat setelah dibuka, seperti yang dilakukan program "
            "otomatis. Periksa isian Anda, lalu kirim lagi."
        )
    if age > settings.FEEDBACK_FORM_MAX_SECONDS:
        return _(
            "Formulir ini sudah terlalu lama terbuka. Isian Anda masih ada: periksa, lalu kirim "
            "lagi."
        )
    return None


# --------------------------------------------------------------------------- targets


def target_token(params) -> str:
    """The target a link preselects (?unit=, ?asn=, ?asn=&periode=&versi=, or a later app's
    parameter such as ?forum=) as one token."""
    unit, asn = params.get("unit", ""), params.get("asn", "")
    period, version = params.get("periode", ""), params.get("versi", "")
    if asn and period and version:
        return f"laporan:{asn}:{period}:{version}"
    if asn:
        return f"asn:{asn}"
    if unit:
        return f"unit:{unit}"
    for linked in targets.registered():
        if params.get(linked.param, ""):
            return f"{linked.type}:{params[linked.param]}"
    return "portal"


def resolve_target(token: str):
    """(target type, object) for a token, or None when it names nothing that may be targeted."""
    if not token or "\x00" in token or len(token) > 120:
        return None
    kind, _sep, rest = token.partition(":")
    if kind == "portal" and not rest:
        return TargetType.PORTAL, None
    if kind == "unit" and rest:
        unit = Unit.objects.active().only("id", "code", "name").filter(code=rest[:40]).first()
        return (TargetType.UNIT, unit) if unit else None
    if kind == "asn" and rest:
        employee = Employee.objects.only(*public_employee_fields()).filter(public_id=rest).first()
        return (TargetType.EMPLOYEE, employee) if employee else None
    if kind == "laporan":
        public_id, _sep, rest = rest.partition(":")
        period, _sep, version = rest.partition(":")
        if not re.fullmatch(r"[0-9]{1,4}", version):
            return None
        report = (
            Report.objects.public()
            .not_withheld()
            .select_related("employee", "period")
            .only(
                "id",
                "version",
                *public_employee_fields("employee__"),
                "period__code",
                "period__kind",
                "period__year",
                "period__number",
            )
            .filter(employee__public_id=public_id, period__code=period[:40], version=version)
            .first()
        )
        return (TargetType.REPORT, report) if report else None
    linked = targets.get(kind)
    if linked and rest:
        obj = linked.resolve(rest)
        return (linked.type, obj) if obj is not None else None
    return None


# --------------------------------------------------------------------------- the forms


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis masukan"), choices=Kind.choices, widget=forms.RadioSelect
    )
    sasaran = forms.ChoiceField(
        label=_("Ditujukan kepada"),
        widget=QuickSelect,
        help_text=_(
            "Untuk masukan tentang seorang pegawai atau laporannya, seleksi terbuka, forum warga "
            "atau komitmen, buka halamannya dan pilih «Kirim masukan»."
        ),
    )
    subject = forms.CharField(label=_("Judul"), min_length=5, max_length=150)
    body = forms.CharField(
        label=_("Isi masukan"),
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ceritakan apa yang terjadi, di mana dan kapan. Jangan menulis data pribadi orang "
            "lain, seperti NIK atau alamat rumah."
        ),
    )
    privacy = forms.ChoiceField(
        label=_("Mode privasi"),
        choices=Privacy.choices,
        initial=Privacy.PUBLIK,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Nama"), required=False, max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Nomor telepon atau WhatsApp"),
        required=False,
        max_length=30,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()\-]{6,24}[0-9]$",
                _("Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890."),
            )
        ],
    )
    consent = forms.BooleanField(
        label=_("Saya menyetujui pemrosesan data pribadi saya sesuai pemberitahuan privasi."),
        error_messages={
            "required": _("Centang persetujuan ini agar masukan dapat kami proses."),
        },
    )
    situs_web = forms.CharField(
        label=_("Kosongkan kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, target=None, **kwargs):
        """`target` is the (type, object) preselected by a link, which fixes the target."""
        super().__init__(*args, **kwargs)
        self.max_body = settings.FEEDBACK_MAX_BODY
        self.fields["body"].validators.append(MaxLengthValidator(self.max_body))
        self.fields["body"].widget.attrs["maxlength"] = str(self.max_body)
        self.fixed_target = target if target and target[0] != TargetType.PORTAL else None
        self.linked = targets.get(target[0]) if target else None
        if self.linked and self.linked.privacy:
            privacy = self.fields["privacy"]
            privacy.choices = [
                (v, label) for v, label in Privacy.choices if v in self.linked.privacy
            ]
            privacy.initial = self.linked.privacy[0]
        field = self.fields["sasaran"]
        if self.fixed_target and self.fixed_target[0] != TargetType.UNIT:
            token = self.token_of(*self.fixed_target)
            field.choices = [(token, str(self.fixed_target[1]))]
            field.widget = forms.HiddenInput()
            field.initial = token
        else:
            units = Unit.objects.active().only("id", "code", "name").order_by("name")
            field.choices = [
                ("portal", _("Portal ini (bukan unit tertentu)")),
                (_("Unit kerja"), [(f"unit:{unit.code}", unit.name) for unit in units]),
            ]
            field.initial = self.token_of(*target) if target else "portal"

    @staticmethod
    def token_of(target_type, obj) -> str:
        if target_type == TargetType.UNIT:
            return f"unit:{obj.code}"
        if target_type == TargetType.EMPLOYEE:
            return f"asn:{obj.public_id}"
        if target_type == TargetType.REPORT:
            return f"laporan:{obj.employee.public_id}:{obj.period.code}:{obj.version}"
        linked = targets.get(target_type)
        if linked:
            return f"{linked.type}:{linked.key(obj)}"
        return "portal"

    @property
    def privacy_options(self):
        """The privacy radios, each with what it means."""
        return [(radio, PRIVACY_HELP[radio.data["value"]]) for radio in self["privacy"]]

    def clean_sasaran(self):
        token = self.cleaned_data["sasaran"]
        target = (
            self.fixed_target
            if self.fixed_target and token == self.token_of(*self.fixed_target)
            else resolve_target(token)
        )
        if target is None:
            raise forms.ValidationError(_("Sasaran masukan ini tidak ditemukan."))
        return target

    def clean(self):
        cleaned = super().clean()
        text = " ".join(cleaned.get(field, "") for field in ("subject", "body", "name"))
        if len(LINK.findall(text)) > settings.FEEDBACK_MAX_LINKS:
            self.add_error(
                "body",
                _("Masukan berisi terlalu banyak tautan (paling banyak %(count)d).")
                % {"count": settings.FEEDBACK_MAX_LINKS},
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        """A filled honeypot: answered with a normal thank-you, and nothing is stored."""
        return bool(self.data.get(HONEYPOT, "").strip())


class LookupForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        help_text=_("Contoh: TPI-7K3F-9QX2-M4HD. Huruf besar atau kecil, tanda hubung boleh."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_kode(self):
        code = codes.normalize(self.cleaned_data["kode"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "Itu bukan kode pelacakan. Kode terdiri atas TPI dan 12 huruf atau angka, "
                    "misalnya TPI-7K3F-9QX2-M4HD."
                )
            )
        return code


class ClarificationForm(forms.Form):
    jawaban = forms.CharField(
        label=_("Jawaban Anda"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dibaca unit yang menangani masukan Anda; tidak ditampilkan ke publik."),
    )


class ObjectionForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan keberatan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Keberatan hanya dapat diajukan sekali. Masukan dikembalikan ke unit dan alasan "
            "Anda ditampilkan di linimasa."
        ),
    )
