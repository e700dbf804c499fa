"""The parts of the layout that every public page renders: the main menu and the language switch.

Written in Python because they are the same few dozen nodes on every request: as template
markup they took ~0.45 ms of each page (ten `{% url %}`s, ten tests of the resolver match, a
`get_language_info` per language), as much as the rest of the layout.
"""

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from portal.links import Link

register = template.Library()

# (link, label, the URL names or app names of the pages the item is "current" on)
MENU = (
    (Link("home"), _("Beranda"), {"home"}, set()),
    (Link("reports:report-list"), _("Laporan kinerja"), {"report-list"}, set()),
    (Link("reports:city-dashboard"), _("Kinerja kota"), {"city-dashboard"}, set()),
    (Link("selection:list"), _("Seleksi terbuka"), set(), {"selection"}),
    (Link("forums:list"), _("Forum warga"), set(), {"forums"}),
    (Link("training:calendar"), _("Pelatihan"), set(), {"training"}),
    (Link("personnel:unit-directory"), _("Unit kerja"), set(), {"personnel"}),
    (Link("feedback:submit"), _("Masukan"), set(), {"feedback"}),
    (Link("data-index"), _("Data terbuka"), {"data-index", "data-detail"}, set()),
    (Link("about"), _("Tentang"), {"about"}, set()),
)
SET_LANGUAGE = Link("set_language")


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """The items of the main menu, the page's own marked with aria-current."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match else None
    app_name = match.app_name if match else None
    items = []
    for link, label, url_names, app_names in MENU:
        current = ' aria-current="page"' if url_name in url_names or app_name in app_names else ""
        url = escape(link())
        items.append(f'<li><a href="{url}"{current}>{escape(label)}</a></li>')
    return mark_safe("\n".join(items))


@register.simple_tag(takes_context=True)
def language_switch(context) -> str:
    """A form of one button per language, the current one pressed and disabled.

    A POST to Django's set_language, so it needs no JavaScript; `next` brings the reader back to
    the same page.
    """
    request = context["request"]
    current = get_language()
    buttons = []
    for code, _name in settings.LANGUAGES:
        pressed = ' aria-pressed="true" disabled' if code == current else ""
        buttons.append(
            f'<button type="submit" name="language" value="{escape(code)}" lang="{escape(code)}"'
            f' aria-describedby="bahasa-label"{pressed}>'
            f"{escape(get_language_info(code)['name_local'])}</button>"
        )
    action = escape(SET_LANGUAGE())
    label = _("Bahasa")  # outside the f-string: makemessages does not look inside one
    return mark_safe(
        f'<form class="language-switch" action="{action}" method="post">\n'
        f'  <input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">\n'
        f'  <input type="hidden" name="next" value="{escape(request.get_full_path())}">\n'
        f'  <span id="bahasa-label">{escape(label)}:</span>\n  '
        + "\n  ".join(buttons)
        + "\n</form>"
    )
