"""get_FOO_display() through ChoiceLabels gives what Django's gives (portal/labels.py)."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from portal.labels import ChoiceLabels

MODELS = [model for model in apps.get_models() if issubclass(model, ChoiceLabels)]
FIELDS = [
    (model, field)
    for model in MODELS
    for field in model._meta.get_fields()
    if getattr(field, "choices", None) and getattr(field, "attname", None)
]


def test_the_public_pages_models_use_it():
    names = {model.__name__ for model in MODELS}
    assert {"Period", "Report", "Indicator", "BehaviourRating", "UnitRating"} <= names
    assert {"Employee", "Position", "Unit"} <= names
    assert len(FIELDS) >= 10


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=lambda v: getattr(v, "name", str(v)))
def test_each_choice_and_an_unknown_value_display_as_django_displays_them(model, field):
    display = getattr(model, f"get_{field.name}_display")
    values = [value for value, _label in field.flatchoices]
    for language in ("id", "en", "id"):  # back to the first: nothing kept from another language
        with translation.override(language):
            for value in [*values, "tidak-ada", None, ["a", "list"]]:
                instance = model()
                setattr(instance, field.attname, value)
                expected = models.Model._get_FIELD_display(instance, field)
                shown = display(instance)
                assert shown == expected and type(shown) is type(expected)


def test_a_label_is_translated_at_each_call_into_the_active_language():
    from reports.models import Report

    report = Report(predikat="sangat_baik")
    with translation.override("id"):
        indonesian = report.get_predikat_display()
    with translation.override("en"):
        english = report.get_predikat_display()
    assert indonesian == "Sangat Baik" and english == "Very good"
