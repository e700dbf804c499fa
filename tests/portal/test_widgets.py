"""QuickSelect renders what Django's Select renders, without a template per option."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe

from portal.widgets import QuickSelect

CHOICES = [
    ("", "Semua unit"),
    ("dinkes", "Dinas Kesehatan"),
    ("a&b", 'Bagian "Umum" <Setda>'),
    ("safe", mark_safe("<b>Siap</b>")),
    (
        "Kecamatan",
        [("kec-a", "Kecamatan A & B"), ("kec-b", "Kecamatan B")],
    ),
    (None, "Tanpa nilai"),
    (3, "Tiga"),
]


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "dinkes", "a&b", "kec-b", 3, "3", "tidak-ada"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_unit", "aria-describedby": "x", "required": True}]
)
def test_a_quick_select_renders_the_same_markup_as_djangos_select(value, attrs):
    django = forms.Select(choices=CHOICES).render("unit", value, attrs)
    quick = QuickSelect(choices=CHOICES).render("unit", value, attrs)
    assert normalised(quick) == normalised(django)


def test_a_quick_multiple_select_marks_every_chosen_option():
    django = forms.SelectMultiple(choices=CHOICES).render("unit", ["dinkes", "kec-a"])
    quick = type("QuickMultiple", (QuickSelect,), {"allow_multiple_selected": True})(
        choices=CHOICES
    ).render("unit", ["dinkes", "kec-a"])
    assert normalised(quick) == normalised(django)


def test_a_bound_field_with_an_error_renders_as_djangos_select():
    def rendered(widget):
        class Form(forms.Form):
            unit = forms.ChoiceField(choices=CHOICES[:3], widget=widget)

        form = Form({"unit": "zzz"})
        assert not form.is_valid()
        return normalised(str(form["unit"]))

    quick = rendered(QuickSelect)
    assert quick == rendered(forms.Select)
    assert 'aria-invalid="true"' in quick and "&lt;Setda&gt;" in quick
