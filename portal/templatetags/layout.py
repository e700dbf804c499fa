"""The parts of the layout that every public page renders: the main menu and the language switch.

Written in Python because they are the same few dozen nodes on every request: as template
markup they took ~0.45 ms of each page (ten `{% url %}`s, ten tests of the resolver match, a
`get_language_info` per language), as much as the rest of the layout.
"""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from portal.links import Link, querystring
from portal.texts import interpolated

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


@functools.cache
def named_link(name: str, params: tuple[str, ...]) -> Link:
    return Link(name, *params)


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """`{% querystring %}` of the request's parameters (portal.links.querystring)."""
    return querystring(context.request.GET, **changes)


@register.simple_tag
def link(name: str, **kwargs) -> str:
    """`{% url name key=value … %}` through a Link (portal/links.py): the same URL, or the same
    NoReverseMatch, without walking the resolver at every use. Arguments by name only."""
    return named_link(name, tuple(kwargs))(*kwargs.values())


@register.simple_tag(takes_context=True)
def pagination(context, page) -> str:
    """The links to a paged list's previous and next pages, with "page 2 of 9" between them
    (nothing when there is one page): the markup the include of reports/_pagination.html wrote,
    without its eight nodes, an include and a blocktranslate."""
    if page is None or not page.has_other_pages():  # None: a list that is not paged
        return "\n"
    parameters = context.request.GET
    previous = following = ""
    # The messages outside the f-strings: makemessages does not look inside one.
    if page.has_previous():
        url = escape(querystring(parameters, page=page.previous_page_number()))
        text = escape(gettext("‹ Sebelumnya"))
        previous = f'<li><a href="{url}" rel="prev">{text}</a></li>'
    if page.has_next():
        url = escape(querystring(parameters, page=page.next_page_number()))
        text = escape(gettext("Berikutnya ›"))
        following = f'<li><a href="{url}" rel="next">{text}</a></li>'
    current = interpolated(
        gettext("Halaman %(number)s dari %(total)s"),
        number=localize(page.number),
        total=localize(page.paginator.num_pages),
    )
    label = escape(gettext("Halaman"))
    return mark_safe(
        f'\n<nav class="pagination" aria-label="{label}">\n  <ul>\n    {previous}\n'
        f'    <li aria-current="page">{current}</li>\n    {following}\n  </ul>\n</nav>\n\n'
    )


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """The items of the main menu, the page's own marked with aria-current."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match else None
    app_name = match.app_name if match else None
    return menu_items(get_language(), get_script_prefix(), url_name, app_name)


@functools.lru_cache(maxsize=256)
def menu_items(language: str, prefix: str, url_name: str | None, app_name: str | None) -> str:
    """The menu's markup for a page of this URL name and app, in this language (the arguments
    other than the names are there to key it: the labels and links are read from the active
    language and script prefix)."""
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
    the same page (set_language refuses a `next` on another host).

    Without a CSRF token, and set_language is exempt from the check (portal/urls.py). This form
    is on every page: its token made every page a reader opens set a CSRF cookie, so no public
    page could be stored by a shared HTTP cache, every reader got a cookie for only reading, and
    each request drew a new secret (~0.1 ms, a cache hit included). What another site could do
    with the form, switch a reader's language, the reader undoes with one click.
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
        f'  <input type="hidden" name="next" value="{escape(request.get_full_path())}">\n'
        f'  <span id="bahasa-label">{escape(label)}:</span>\n  '
        + "\n  ".join(buttons)
        + "\n</form>"
    )


class ReadsNothing(template.Context):
    """The context a `{% per_language %}` block renders in: any variable it reads is an error."""

    def __getitem__(self, key):
        raise template.TemplateSyntaxError(
            f"{{% per_language %}} may not read {key!r}: its markup is the same for every reader."
        )

    def get(self, key, otherwise=None):
        return self[key]


class PerLanguageNode(template.Node):
    """Markup that depends on nothing but the language (and the URLconf and its prefix): rendered
    once per language and kept with the compiled template.

    Static text, `{% translate %}`, `{% url %}` and `{% static %}` fill most of a page's layout,
    and each of those tags costs 10–40 µs a render; the same few dozen of them on every request
    added up to ~1 ms a page. The block renders in a context that refuses every variable, so
    nothing a request or the data holds can end up in it; it is a constant of the deployment, not
    a cache of data (publication changes nothing in it).
    """

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[tuple, str] = {}

    def render(self, context):
        key = (get_language(), get_script_prefix(), get_urlconf())
        html = self.rendered.get(key)
        if html is None:
            empty = ReadsNothing(autoescape=context.autoescape)
            empty.template = context.template  # {% blocktranslate %} reads the engine's settings
            html = self.rendered[key] = self.nodelist.render(empty)
        return html


@register.tag
def per_language(parser, token):
    """`{% per_language %}…{% end_per_language %}`: see PerLanguageNode."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% per_language %} takes no arguments.")
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)
