from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Nama"), max_length=150, error_messages={"required": _("Isi nama Anda.")}
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Untuk mengabari Anda bila ada perubahan; tidak pernah ditampilkan."),
    )
    community = forms.CharField(
        label=_("Asal atau komunitas (boleh kosong)"), max_length=150, required=False
    )
    consent = forms.BooleanField(
        label=_("Saya setuju nama dan e-mail saya diolah untuk pendaftaran forum ini."),
        error_messages={"required": _("Tanpa persetujuan ini pendaftaran tidak dapat dicatat.")},
    )
    # Left empty by people; filled by bots that fill every field.
    website = forms.CharField(required=False, label=_("Jangan diisi"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Isi nama Anda."))
        return name
