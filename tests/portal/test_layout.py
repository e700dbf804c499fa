"""The layout every public page shares: the main menu and the language switch."""

import re

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import SelectionFactory, UnitFactory

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<ul class="nav">(.*?)</ul>', re.S)


def current_items(html: str) -> list[str]:
    menu = MENU.search(html).group(1)
    return re.findall(r'<a href="[^"]+" aria-current="page">([^<]+)</a>', menu)


@pytest.mark.parametrize(
    ("url", "item"),
    [
        ("/", "Beranda"),
        ("/laporan/", "Laporan kinerja"),
        ("/kinerja/", "Kinerja kota"),
        ("/seleksi/", "Seleksi terbuka"),
        ("/unit/", "Unit kerja"),
        ("/data/", "Data terbuka"),
        ("/tentang/", "Tentang"),
    ],
)
def test_the_menu_marks_the_page_s_own_item_and_no_other(client, url, item):
    UnitFactory(code="pemkot", kind="pemkot")
    assert current_items(client.get(url).content.decode()) == [item]


def test_a_page_inside_a_section_marks_the_section(client):
    selection = SelectionFactory()
    html = client.get(selection.get_absolute_url()).content.decode()
    assert current_items(html) == ["Seleksi terbuka"]


def test_a_page_outside_the_menu_marks_nothing(client):
    assert current_items(client.get("/cari/?q=dinas").content.decode()) == []


def test_the_menu_links_every_section_in_the_reader_s_language(client):
    client.cookies["django_language"] = "en"
    menu = MENU.search(client.get("/tentang/").content.decode()).group(1)
    assert re.findall(r'href="([^"]+)"', menu) == [
        "/",
        "/laporan/",
        "/kinerja/",
        "/seleksi/",
        "/forum/",
        "/pelatihan/",
        "/unit/",
        "/masukan/",
        "/data/",
        "/tentang/",
    ]
    assert ">Home<" in menu and ">Open data<" in menu


def test_the_language_switch_returns_to_the_same_page_in_the_chosen_language(client):
    html = client.get("/laporan/?urut=predikat&page=2").content.decode()
    form = re.search(r'<form class="language-switch".*?</form>', html, re.S).group(0)
    assert f'action="{reverse("set_language")}"' in form
    assert 'name="next" value="/laporan/?urut=predikat&amp;page=2"' in form
    assert re.search(r'value="id"[^>]*aria-pressed="true" disabled>Bahasa Indonesia<', form)
    assert re.search(r'value="en"[^>]*>English</button>', form)
    assert "csrfmiddlewaretoken" not in form

    checking = Client(enforce_csrf_checks=True)  # the switch needs no token
    response = checking.post(
        reverse("set_language"), {"language": "en", "next": "/laporan/?urut=predikat&page=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/laporan/?urut=predikat&page=2"
    assert '<html lang="en">' in checking.get(response["Location"]).content.decode()


def test_the_language_cookie_is_kept_from_scripts_and_other_sites(settings):
    response = Client().post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # Sent over HTTPS only, wherever the session cookie is (production).
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE


@pytest.mark.parametrize("path", ["/", "/laporan/", "/kinerja/", "/cari/?q=siti", "/tentang/"])
def test_reading_a_public_page_sets_no_cookie(path):
    """Nothing on a page to read needs one: a shared HTTP cache may store it, and the reader
    is given nothing to carry."""
    response = Client().get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_language_switch_speaks_the_reader_s_language(client):
    client.cookies["django_language"] = "en"
    assert '<span id="bahasa-label">Language:</span>' in client.get("/tentang/").content.decode()


def per_language(markup: str):
    return engines["django"].from_string("{% load i18n layout %}" + markup)


def test_a_per_language_block_renders_the_same_markup_as_without_it_in_each_language():
    markup = '<a href="{% url "about" %}">{% translate "Tentang" %}</a> {% translate "Cari" %}'
    block = per_language("{% per_language %}" + markup + "{% end_per_language %}")
    plain = per_language(markup)
    for language, expected in (("id", ">Tentang</a> Cari"), ("en", ">About</a> Search")):
        with translation.override(language):
            assert block.render({}) == plain.render({})
            assert block.render({}).endswith(expected)
    with translation.override("id"):  # rendered again after English: still Indonesian
        assert block.render({}).endswith(">Tentang</a> Cari")


def test_a_per_language_block_refuses_to_read_anything_from_the_page():
    block = per_language(
        "{% per_language %}<p>{{ report.employee.name }}</p>{% end_per_language %}"
    )
    with pytest.raises(TemplateSyntaxError, match="may not read 'report'"):
        block.render({"report": {"employee": {"name": "Siti"}}})


def test_a_per_language_block_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError, match="takes no arguments"):
        per_language("{% per_language x %}{% end_per_language %}")


def test_the_layout_s_fixed_parts_follow_the_reader_s_language(client):
    assert '<button type="submit">Cari</button>' in client.get("/tentang/").content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/tentang/").content.decode()
    assert '<button type="submit">Search</button>' in html
    assert '<a class="skip-link" href="#konten">Skip to content</a>' in html
