import re

from django import forms
from django.utils.translation import gettext_lazy as _

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100
# Letters and digits of any script, spaces, and the marks websearch_to_tsquery reads as a
# phrase ("…") or names carry (apostrophes, dots, commas, inner hyphens); anything else
# (tsquery operators & | ! : *, brackets, emoji, control characters) only separates words. A
# leading hyphen would mean "without this word", and a query of exclusions alone matches
# nearly every row without the help of an index, so it goes too.
NOT_SEARCHABLE = re.compile(r"[^\w\s'\".,-]|_|(?<![\w])-+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Kata yang dicari"),
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "required": _("Ketik kata yang dicari."),
            "max_length": _(
                "Kata yang dicari terlalu panjang: paling banyak %(limit_value)d huruf."
            ),
            "null_characters_not_allowed": _("Kata yang dicari memuat karakter yang tidak sah."),
        },
    )

    def clean_q(self):
        terms = " ".join(NOT_SEARCHABLE.sub(" ", self.cleaned_data["q"]).split())
        letters = sum(character.isalnum() for character in terms)
        if letters == 0:
            raise forms.ValidationError(
                _("Kata yang dicari harus memuat huruf atau angka."), code="no_letters"
            )
        if letters < SEARCH_MIN_LENGTH:
            raise forms.ValidationError(
                _("Ketik paling sedikit %(count)d huruf atau angka."),
                code="too_short",
                params={"count": SEARCH_MIN_LENGTH},
            )
        return terms
