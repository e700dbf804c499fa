"""QuickSelect and QuickTextInput render what Django's widgets render, without templates."""

import re

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from portal.widgets import QuickSelect, QuickTextInput

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


def invalid_field_html(field: forms.Field, value) -> str:
    """The bound field of a one-field form given `value`, which it must refuse."""
    form = type("Form", (forms.Form,), {"field": field})({"field": value})
    assert not form.is_valid()
    return normalised(str(form["field"]))


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
        return invalid_field_html(forms.ChoiceField(choices=CHOICES[:3], widget=widget), "zzz")

    quick = rendered(QuickSelect)
    assert quick == rendered(forms.Select)
    assert 'aria-invalid="true"' in quick and "&lt;Setda&gt;" in quick


@pytest.mark.parametrize("value", [None, "", "siti", "a\"b <c> & 'd'", 3])
@pytest.mark.parametrize("attrs", [None, {"id": "id_q", "maxlength": "100", "required": True}])
def test_a_quick_text_input_renders_the_same_markup_as_djangos(value, attrs):
    django = forms.TextInput().render("q", value, attrs)
    quick = QuickTextInput().render("q", value, attrs)
    assert normalised(quick) == normalised(django)


def test_a_quick_text_input_keeps_the_attributes_a_bound_field_adds():
    def rendered(widget):
        return invalid_field_html(forms.CharField(max_length=3, widget=widget), "panjang")

    quick = rendered(QuickTextInput)
    assert quick == rendered(forms.TextInput)
    assert 'aria-invalid="true"' in quick and 'maxlength="3"' in quick


# ------------------------------------------- the options' markup, written once per set of choices


def test_a_quick_select_rendered_again_marks_only_the_value_of_that_render():
    widget, django = QuickSelect(choices=CHOICES), forms.Select(choices=CHOICES)
    for value in ["dinkes", None, "kec-b", "tidak-ada", 3, "dinkes"]:
        assert normalised(widget.render("unit", value)) == normalised(django.render("unit", value))


def test_a_quick_select_writes_its_options_once_until_its_choices_change(monkeypatch):
    widget = QuickSelect(choices=CHOICES)
    first = widget.options()
    widget.render("unit", "dinkes")
    assert widget.options() is first
    widget.choices = [*CHOICES, ("baru", "Unit Baru")]
    assert widget.options() is not first
    assert '<option value="baru" selected>Unit Baru</option>' in widget.render("unit", "baru")


def test_a_quick_select_writes_lazy_labels_again_in_another_language():
    widget = QuickSelect(choices=[("nama", gettext_lazy("Nama (A–Z)"))])
    with translation.override("id"):
        assert ">Nama (A–Z)</option>" in widget.render("urut", "nama")
    with translation.override("en"):
        assert ">Name (A–Z)</option>" in widget.render("urut", "nama")


@given(
    st.lists(st.tuples(st.text(max_size=4), st.text(max_size=6)), max_size=8),
    st.lists(st.text(max_size=4), max_size=3),
)
def test_a_quick_select_used_again_renders_what_a_new_djangos_select_renders(choices, values):
    widget = QuickSelect(choices=choices)
    for value in [*values, None]:
        assert normalised(widget.render("x", value)) == normalised(
            forms.Select(choices=choices).render("x", value)
        )
