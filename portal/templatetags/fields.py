"""The fields of a filter form, written in Python: label, widget and error of each.

A template loop over a form's fields renders each field's label, widget and errors through
several template nodes and, for Django's own widgets, templates of their own. With the Quick
widgets (portal/widgets.py) the whole list costs less than one template include.
"""

from django import template
from django.forms.utils import pretty_name
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


def plain_widget(form, name, field) -> str | None:
    """The widget of a valid, optional, visible field of a bound form, as `str(form[name])`
    writes it, without a BoundField; None for any other field, which takes Django's way.

    For such a field Django's BoundField adds only the id to the widget's attributes, and
    renders the value the form was given."""
    widget = field.widget
    if (
        not form.is_bound
        or form.prefix
        or form.auto_id != "id_%s"
        or field.required
        or field.disabled
        or field.localize
        or field.help_text
        or widget.is_hidden
        or widget.use_fieldset
        or "id" in widget.attrs
        or "aria-describedby" in widget.attrs
        or name in form.errors
    ):
        return None
    data = widget.value_from_datadict(form.data, form.files, name)
    value = field.prepare_value(field.bound_data(data, None))
    return widget.render(name, value, {"id": f"id_{name}"}, form.renderer)


@register.simple_tag
def filter_fields(form):
    """Each field as <div class="field"><label …>…</label><widget><p class="field-error">…"""
    parts = []
    for name, field in form.fields.items():
        rendered = plain_widget(form, name, field)
        if rendered is not None:
            label = field.label if field.label is not None else pretty_name(name)
            for_id = field.widget.id_for_label(f"id_{name}")
            parts.append(
                f'<div class="field"><label for="{conditional_escape(for_id)}">'
                f"{conditional_escape(label)}</label>{rendered}</div>"
            )
            continue
        bound = form[name]
        errors = bound.errors
        error = (
            f'<p class="field-error" id="{conditional_escape(bound.auto_id)}_error">'
            f"{' '.join(conditional_escape(message) for message in errors)}</p>"
            if errors
            else ""
        )
        parts.append(
            f'<div class="field{" has-error" if errors else ""}">'
            f'<label for="{conditional_escape(bound.id_for_label)}">'
            f"{conditional_escape(bound.label)}</label>"
            f"{bound}{error}</div>"
        )
    return mark_safe("\n".join(parts))
