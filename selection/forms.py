from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.forms import HONEYPOT


class CandidateInputForm(forms.Form):
    candidate = forms.ModelChoiceField(
        label=_("Calon"),
        queryset=None,
        empty_label=_("Pilih calon"),
        error_messages={
            "required": _("Pilih calon yang Anda beri masukan."),
            "invalid_choice": _("Calon itu tidak dapat diberi masukan."),
        },
    )
    text = forms.CharField(
        label=_("Masukan Anda"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Rekam jejak yang Anda ketahui sendiri: integritas, prestasi, pelayanan. Panitia "
            "membaca semuanya; yang tampil di portal hanya ringkasan panitia di akhir seleksi."
        ),
        error_messages={"required": _("Tulis masukan Anda.")},
    )
    name = forms.CharField(
        label=_("Nama"), max_length=150, error_messages={"required": _("Isi nama Anda.")}
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Kami kirim tautan konfirmasi ke alamat ini; hanya panitia yang melihatnya."),
    )
    consent = forms.BooleanField(
        label=_("Saya setuju nama dan e-mail saya diolah panitia seleksi untuk masukan ini."),
        error_messages={"required": _("Tanpa persetujuan ini masukan tidak dapat dicatat.")},
    )
    rendered = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda c: (
            f"{c.registration_number} – {c.name}"
        )

    honeypot = HONEYPOT
