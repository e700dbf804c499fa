"""{% filter_fields %} writes what the filter form's template loop wrote."""

import re

import django_filters
import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext_lazy

from personnel.models import Unit
from portal import filtering
from portal.filtering import ChoiceFilter, NormalizedChoices, TranslatedOnce
from portal.templatetags.fields import filter_fields
from portal.widgets import QuickSelect, QuickTextInput

LOOP = Template(
    """{% for field in form %}
    <div class="field{% if field.errors %} has-error{% endif %}">
      <label for="{{ field.id_for_label }}">{{ field.label }}</label>
      {{ field }}
      {% if field.errors %}<p class="field-error" id="{{ field.auto_id }}_error">"""
    """{{ field.errors|join:" " }}</p>{% endif %}
    </div>
    {% endfor %}"""
)


class Filters(forms.Form):
    unit = forms.ChoiceField(
        label="Unit <kerja> & sub-unit",
        choices=[("", "Semua"), ("dinkes", "Dinas Kesehatan")],
        required=False,
        widget=QuickSelect,
    )
    q = forms.CharField(label="Nama", max_length=5, required=False, widget=QuickTextInput)


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize(
    "data",
    [None, {}, {"unit": "dinkes", "q": "siti"}, {"unit": "<zzz>", "q": 'terlalu "panjang"'}],
)
def test_the_fields_tag_writes_the_markup_of_the_template_loop(data):
    form = Filters(data) if data is not None else Filters()
    assert normalised(filter_fields(form)) == normalised(LOOP.render(Context({"form": form})))


def test_an_invalid_field_is_marked_with_its_message():
    html = filter_fields(Filters({"unit": "zzz"}))
    assert 'class="field has-error"' in html
    assert '<p class="field-error" id="id_unit_error">' in html


# ------------------------------------------------------- django-filter's choice fields, shared


class Sorted(django_filters.FilterSet):
    unit = ChoiceFilter(
        widget=QuickSelect, choices=[("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan")]
    )
    lazy = ChoiceFilter(widget=QuickSelect, choices=lambda: [("a", "Pertama")])

    class Meta:
        model = Unit
        fields = []


def test_a_choice_filter_normalizes_its_choices_once_and_its_copies_share_them(monkeypatch):
    calls = []
    normalize = filtering.normalize_choices
    monkeypatch.setattr(
        filtering, "normalize_choices", lambda value: calls.append(value) or normalize(value)
    )
    filterset = Sorted({"unit": "disdik"}, queryset=Unit.objects.none())
    assert filterset.is_valid()
    html = str(filterset.form["unit"]) + str(filterset.form["unit"])
    assert html.count('<option value="disdik" selected>Dinas Pendidikan</option>') == 2
    given = [value for value in calls if not callable(value)]  # the lazy filter's aside
    assert given == [[("dinkes", "Dinas Kesehatan"), ("disdik", "Dinas Pendidikan")]]
    field = filterset.form.fields["unit"]
    assert field.choices.choices is filterset.filters["unit"].field.choices.choices


def test_choices_given_as_a_callable_stay_lazy():
    filterset = Sorted({"lazy": "a"}, queryset=Unit.objects.none())
    assert filterset.is_valid()
    assert '<option value="a" selected>Pertama</option>' in str(filterset.form["lazy"])
    assert not isinstance(filterset.form.fields["lazy"].choices.choices, NormalizedChoices)


class Translated(TranslatedOnce, django_filters.FilterSet):
    urut = ChoiceFilter(
        widget=QuickSelect,
        label=gettext_lazy("Urutkan"),
        choices=[("predikat", gettext_lazy("Predikat (terbaik dulu)"))],
        empty_label=gettext_lazy("Semua predikat"),
    )

    class Meta:
        model = Unit
        fields = []


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("id", ["Urutkan", "Predikat (terbaik dulu)", "Semua predikat"]),
        ("en", ["Sort by", "Rating (best first)", "All ratings"]),
    ],
)
def test_labels_and_choices_are_translated_once_per_language(language, texts):
    filtering.translated_extras.cache_clear()
    with translation.override(language):
        forms = [Translated({}, queryset=Unit.objects.none()).form for _ in range(3)]
        html = [filter_fields(form) for form in forms]
    assert html[0] == html[1] == html[2]
    assert all(text in html[0] for text in texts), html[0]
    assert filtering.translated_extras.cache_info().misses == 1
    field = forms[0].fields["urut"]
    assert type(field.label) is str and all(type(label) is str for _, label in field.choices)
