"""{% filter_fields %} writes what the filter form's template loop wrote."""

import re

import pytest
from django import forms
from django.template import Context, Template

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
