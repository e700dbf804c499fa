"""The fields of a filter form, written in Python: label, widget and error of each.

A template loop over a form's fields renders each field's label, widget and errors through
several template nodes and, for Django's own widgets, templates of their own. With the Quick
widgets (portal/widgets.py) the whole list costs less than one template include.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def filter_fields(form):
    """Each field as <div class="field"><label …>…</label><widget><p class="field-error">…"""
    parts = []
    for field in form:
        errors = field.errors
        error = (
            f'<p class="field-error" id="{conditional_escape(field.auto_id)}_error">'
            f"{' '.join(conditional_escape(message) for message in errors)}</p>"
            if errors
            else ""
        )
        parts.append(
            f'<div class="field{" has-error" if errors else ""}">'
            f'<label for="{conditional_escape(field.id_for_label)}">'
            f"{conditional_escape(field.label)}</label>"
            f"{field}{error}</div>"
        )
    return mark_safe("\n".join(parts))
