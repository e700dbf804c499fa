import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from personnel import search as personnel_search
from personnel.models import Employee, Position, Unit
from portal import search
from portal.models import SearchWord
from reports.models import SEARCH_BLOCK, SEARCH_BUCKETS, Indicator, Withholding
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def report_with(
    iki, *, employee=None, status="published", rhk="Terlaksananya tugas pokok", **report
):
    report = ReportFactory(employee=employee or EmployeeFactory(), indicators=0, **report)
    Indicator.objects.create(
        report=report, rhk=rhk, aspect="kuantitas", iki=iki, target="100%", order=0
    )
    return advance(report, status) if status != "draft" else report


def found(client, q, kind=None, **params):
    """The result texts of one kind (or of every kind) for the query `q`."""
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    groups = {group.kind.key: group for group in response.context["groups"]}
    if kind is None:
        return groups
    group = groups.get(kind)
    return [text_of(item) for item in group.results] if group else []


def text_of(item):
    for attribute in ("iki", "title", "full_name", "name"):
        if hasattr(item, attribute):
            return getattr(item, attribute)
    raise AssertionError(item)


def error_of(response):
    return response.context["form"].errors["q"][0]


# --------------------------------------------------------------------------- matching


def test_pelayanan_finds_layanan_and_melayani_by_their_indonesian_stem(client):
    report_with("Persentase layanan perizinan yang selesai tepat waktu")
    report_with("Jumlah warga yang dilayani di loket")
    report_with("Persentase pelayanan pengaduan yang ditindaklanjuti")
    report_with("Jumlah dokumen arsip yang didigitalkan")

    assert sorted(found(client, "pelayanan", "indikator")) == [
        "Jumlah warga yang dilayani di loket",
        "Persentase layanan perizinan yang selesai tepat waktu",
        "Persentase pelayanan pengaduan yang ditindaklanjuti",
    ]
    assert len(found(client, "melayani", "indikator")) == 3


def test_a_misspelt_word_still_finds_the_position_and_the_unit(client):
    unit = UnitFactory(name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    PositionFactory(unit=unit, title="Kepala Seksi Pelayanan Perizinan")
    PositionFactory(unit=unit, title="Kepala Seksi Pelaksanaan Anggaran")

    assert found(client, "pelyanan", "jabatan") == ["Kepala Seksi Pelayanan Perizinan"]
    assert found(client, "pelyanan", "unit") == [unit.name]


def test_a_renamed_unit_and_position_are_found_by_their_new_names_only(client):
    unit = UnitFactory(name="Dinas Pariwisata")
    position = PositionFactory(unit=unit, title="Kepala Seksi Promosi")

    unit.name = "Dinas Kebudayaan"
    unit.save()
    position.title = "Kepala Seksi Pelestarian"
    position.save()

    assert found(client, "kebudayaan", "unit") == ["Dinas Kebudayaan"]
    assert found(client, "pelestarian", "jabatan") == ["Kepala Seksi Pelestarian"]
    assert found(client, "pariwisata", "unit") == found(client, "promosi", "jabatan") == []


def test_a_misspelt_word_finds_indicators_through_the_word_list(client):
    report_with("Persentase pelayanan pengaduan yang ditindaklanjuti")
    report_with("Jumlah dokumen arsip yang didigitalkan")
    search.refresh_words()

    response = client.get(SEARCH, {"q": "pelyanan"})

    indicators = {group.kind.key: group for group in response.context["groups"]}["indikator"]
    assert [item.iki for item in indicators.results] == [
        "Persentase pelayanan pengaduan yang ditindaklanjuti"
    ]
    assert "Indikator kinerja juga dicari dengan ejaan: pelayanan." in response.content.decode()


def test_the_word_list_holds_only_words_of_disclosed_texts(client):
    report_with("Persentase pelayanan terbuka")
    report_with("Persentase ketertiban rahasia", status="approved")
    hidden = EmployeeFactory(name="Budi Rahasia")
    report_with("Jumlah penyelidikan tertutup", employee=hidden)
    Withholding.objects.create(employee=hidden, reason="Uji konsekuensi", decided_by=UserFactory())

    search.refresh_words()

    words = dict(SearchWord.objects.values_list("word", "public"))
    assert {"persentase", "pelayanan", "terbuka"} <= words.keys()
    assert words.keys().isdisjoint({"ketertiban", "penyelidikan", "tertutup"})
    assert words["rahasia"] is False  # the withheld employee's name: kept, never shown
    assert search.corrected("penyelidkan tertutp rahasiaa") == ("", {})


def test_a_known_word_is_kept_even_when_another_has_the_same_trigrams():
    # "nana" and "nanana" have the same trigrams (similarity 1): a word of the list is what
    # the reader meant, not its alphabetically first twin.
    SearchWord.objects.bulk_create([SearchWord(word="nana"), SearchWord(word="nanana")])

    assert search.corrected("nanana") == ("", {})
    assert search.corrected("nana nanana") == ("", {})


def test_the_word_list_lookup_is_planned_five_times_then_run_with_one_plan():
    # Every search sends this statement, and its plan is the same for any words: PostgreSQL
    # plans the first five runs for their words, then keeps its generic plan. (Other tests on
    # this connection may have run it before: the custom plans stay five, the generic grow.)
    SearchWord.objects.bulk_create([SearchWord(word="pelayanan"), SearchWord(word="kesehatan")])
    typed = ["pelyanan", "kesehatn", "pelayanan", "pelayanan kesehatan", "kesehatan", "xyzw"]
    for terms in [*typed, "pelyanan kesehatn"]:
        corrections = SearchWord.objects.corrections(terms)

    assert corrections == {"pelyanan": "pelayanan", "kesehatn": "kesehatan"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'SELECT * FROM (WITH candidate AS%%'"
        )
        ((generic, custom),) = cursor.fetchall()
    assert custom == 5 and generic >= 2


def test_a_misspelt_name_still_finds_the_employee(client):
    EmployeeFactory(name="Muhammad Rizky Pratama")

    assert found(client, "Muhamad Rizki", "pegawai") == ["Muhammad Rizky Pratama"]


def test_the_start_of_a_name_finds_the_employee(client):
    EmployeeFactory(name="Siti Aminah")
    EmployeeFactory(name="Budi Santoso")

    assert found(client, "sit", "pegawai") == ["Siti Aminah"]
    assert found(client, "amin", "pegawai") == ["Siti Aminah"]


def test_each_misspelt_word_of_a_name_may_match_a_different_spelling(client):
    for name in ("Rizky Ramadhan", "Rizki Ramadan", "Rizka Putri", "Muhammad Rizqi"):
        EmployeeFactory(name=name)

    assert sorted(found(client, "rizki ramadhan", "pegawai")) == [
        "Rizki Ramadan",
        "Rizky Ramadhan",
    ]
    # the name as typed ranks above its other spellings
    assert found(client, "rizki", "pegawai")[0] == "Rizki Ramadan"


def test_a_name_s_words_find_the_employee_but_are_never_shown_as_a_correction(client):
    EmployeeFactory(name="Sudarsono Wibowo")
    report_with("Persentase pelayanan pengaduan yang ditindaklanjuti")
    search.refresh_words()

    response = client.get(SEARCH, {"q": "sudarsino"})

    groups = {group.kind.key: group for group in response.context["groups"]}
    assert [employee.name for employee in groups["pegawai"].results] == ["Sudarsono Wibowo"]
    assert response.context["corrections"] == {}
    assert "juga dicari dengan ejaan" not in response.content.decode()


def test_every_name_s_words_are_in_the_rebuilt_word_list_and_none_may_be_shown(client):
    hidden = EmployeeFactory(name="Wiryawan Sembiring")
    Withholding.objects.create(employee=hidden, reason="Uji konsekuensi", decided_by=UserFactory())
    EmployeeFactory(name="Siti Aminah")
    SearchWord.objects.all().delete()

    search.refresh_words()

    words = dict(SearchWord.objects.values_list("word", "public"))
    # the withheld name too: the public list's name search must find it again when the
    # withholding is lifted, and its words only look a name up
    assert {word: words[word] for word in ("siti", "aminah", "wiryawan", "sembiring")} == {
        "siti": False,
        "aminah": False,
        "wiryawan": False,
        "sembiring": False,
    }
    response = client.get(SEARCH, {"q": "wiryawann"})
    assert response.context["corrections"] == {}
    assert "Wiryawan" not in response.content.decode()


def test_a_new_title_or_name_is_found_with_a_typo_before_the_word_list_is_rebuilt(client):
    search.refresh_words()
    unit = UnitFactory(name="Dinas Kearsipan")
    PositionFactory(unit=unit, title="Arsiparis Ahli Muda")
    EmployeeFactory(name="Gusti Ngurah Putra")

    assert found(client, "kearsipn", "unit") == ["Dinas Kearsipan"]
    assert found(client, "arsiparsi", "jabatan") == ["Arsiparis Ahli Muda"]
    assert found(client, "gusty ngura", "pegawai") == ["Gusti Ngurah Putra"]
    assert SearchWord.objects.get(word="ngurah").public is False
    assert SearchWord.objects.get(word="arsiparis").public is True


@pytest.mark.parametrize(
    ("terms", "near", "query"),
    [
        ("sit aminah", {"sit": ["siti", "sitti"]}, "(sit | siti | sitti) & (aminah)"),
        ("Siti siti", {"siti": ["siti", "sitti"]}, "(siti | sitti)"),
        ("siti", {"siti": ["siti"]}, ""),  # nothing but itself: the typed word alone
        ("siti 1985", {"siti": ["sitti"]}, ""),  # not only words: searched as typed
        ('"siti aminah"', {"siti": ["sitti"]}, ""),
        ("-siti", {"siti": ["sitti"]}, ""),
        ("siti & aminah:*", {"siti": ["sitti"]}, ""),
        ("", {}, ""),
    ],
)
def test_the_near_words_make_a_query_only_of_letters(terms, near, query):
    assert search.near_query(terms, near) == query


def test_the_exact_name_comes_first(client):
    for name in ("Rahmat Hidayatullah", "Hidayat Rahmat Saputra", "Rahmat Hidayat", "Rahmawati"):
        EmployeeFactory(name=name)

    assert found(client, "rahmat hidayat", "pegawai")[0] == "Rahmat Hidayat"


def test_an_employee_is_shown_with_gelar_position_and_unit_and_links_to_the_public_page(client):
    unit = UnitFactory(name="Dinas Kesehatan")
    employee = EmployeeFactory(name="Siti Aminah", gelar_depan="dr.", gelar_belakang="M.Kes.")
    AssignmentFactory(employee=employee, position=PositionFactory(unit=unit, title="Dokter Ahli"))

    html = client.get(SEARCH, {"q": "siti aminah"}).content.decode()

    assert f'href="/asn/{employee.public_id}/"' in html
    assert "dr. Siti Aminah, M.Kes." in html
    assert "Dokter Ahli · Dinas Kesehatan" in html


# --------------------------------------------------------------------------- disclosure


def test_indicators_of_drafts_and_of_withheld_employees_are_not_found(client):
    report_with("Persentase pelayanan terbuka")
    report_with("Persentase pelayanan dalam draf", status="approved")
    hidden = EmployeeFactory(name="Budi Rahasia")
    report_with("Persentase pelayanan rahasia", employee=hidden)
    Withholding.objects.create(employee=hidden, reason="Uji konsekuensi", decided_by=UserFactory())

    assert found(client, "pelayanan", "indikator") == ["Persentase pelayanan terbuka"]
    assert found(client, "rahasia", "indikator") == []


def test_a_withheld_employee_is_not_found_by_name_until_the_withholding_is_lifted(client):
    hidden = EmployeeFactory(name="Budi Rahasia")
    report_with("Persentase pelayanan rahasia", employee=hidden)
    withholding = Withholding.objects.create(
        employee=hidden, reason="Uji konsekuensi", decided_by=UserFactory()
    )
    assert found(client, "budi rahasia", "pegawai") == []

    Withholding.objects.filter(pk=withholding.pk).update(lifted_at=timezone.now())
    assert found(client, "budi rahasia", "pegawai") == ["Budi Rahasia"]


def test_the_results_never_show_the_nip_or_the_birth_date(client):
    employee = EmployeeFactory(name="Siti Aminah")
    report_with("Persentase pelayanan", employee=employee)

    html = client.get(SEARCH, {"q": "siti"}).content.decode()

    assert "Siti Aminah" in html
    assert employee.nip not in html
    assert employee.nip[:8] not in html
    assert employee.birth_date.isoformat() not in html


def test_an_employee_cannot_be_found_by_nip(client):
    employee = EmployeeFactory(name="Siti Aminah")

    assert found(client, employee.nip, "pegawai") == []


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Ketik kata yang dicari."),
        ("   ", "Ketik kata yang dicari."),
        ("a", "Ketik paling sedikit 2 huruf atau angka."),
        ("a!!", "Ketik paling sedikit 2 huruf atau angka."),
        ("x" * 101, "Kata yang dicari terlalu panjang: paling banyak 100 huruf."),
        ("&|!:*", "Kata yang dicari harus memuat huruf atau angka."),
        ('""', "Kata yang dicari harus memuat huruf atau angka."),
        ("😀🙏", "Kata yang dicari harus memuat huruf atau angka."),
        ("pelayanan\x00", "Kata yang dicari memuat karakter yang tidak sah."),
    ],
)
def test_bad_input_gets_a_clear_message_and_no_search(
    client, q, message, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(SEARCH, {"q": q})

    assert response.status_code == 200
    assert error_of(response) == message
    assert message in response.content.decode()
    assert response.context["groups"] == []


@pytest.mark.parametrize(
    "q",
    [
        "'pelayanan",
        '"pelayanan',
        "pelayanan & | ! : *",
        "pelayanan:*",
        "!(pelayanan)",
        "pelayanan 😀",
        "pelayanan\\",
        "pelayanan%_",
        "-pelayanan",
        "pelayanan or",
        "dan yang di",  # stop words only: no lexeme for the full text, trigrams still run
    ],
)
def test_odd_characters_are_ignored_and_never_break_the_search(client, q):
    report_with("Persentase pelayanan pengaduan")

    response = client.get(SEARCH, {"q": q})

    assert response.status_code == 200
    assert response.context["form"].is_valid()


def test_a_leading_minus_does_not_turn_the_search_into_everything_but_the_word(client):
    report_with("Persentase pelayanan pengaduan")
    report_with("Jumlah dokumen arsip")

    assert found(client, "-pelayanan", "indikator") == ["Persentase pelayanan pengaduan"]


def test_an_unknown_kind_shows_every_kind_with_a_notice(client):
    response = client.get(SEARCH, {"q": "pelayanan", "jenis": "rahasia"})

    assert response.status_code == 200
    assert len(response.context["groups"]) == len(search.KINDS)
    assert "Jenis hasil yang diminta tidak dikenal" in response.content.decode()


def test_without_a_query_the_page_only_shows_the_box(client):
    response = client.get(SEARCH)

    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert 'name="q"' in response.content.decode()


# --------------------------------------------------------------------------- groups and pages


@pytest.fixture
def many_sitis():
    return [EmployeeFactory(name=f"Siti Nurhaliza {n:02d}") for n in range(25)]


def test_the_overview_shows_a_few_of_each_kind_with_the_count_and_a_link_to_more(
    client, many_sitis
):
    response = client.get(SEARCH, {"q": "nurhaliza"})
    group = {group.kind.key: group for group in response.context["groups"]}["pegawai"]

    assert group.count == 25
    assert len(group.results) == search.PER_GROUP
    html = response.content.decode()
    assert 'href="/cari/?q=nurhaliza&amp;jenis=pegawai"' in html


def test_the_pages_of_one_kind_follow_each_other_without_overlap(client, many_sitis):
    first = found(client, "nurhaliza", "pegawai", jenis="pegawai")
    second = found(client, "nurhaliza", "pegawai", jenis="pegawai", page="2")

    assert len(first) == search.PER_PAGE and len(second) == 25 - search.PER_PAGE
    assert set(first).isdisjoint(second)
    html = client.get(SEARCH, {"q": "nurhaliza", "jenis": "pegawai"}).content.decode()
    assert 'href="/cari/?q=nurhaliza&amp;jenis=pegawai&amp;page=2" rel="next"' in html


@pytest.mark.parametrize(("requested", "shown"), [("99", 2), ("0", 1), ("abc", 1), ("-1", 1)])
def test_a_page_that_does_not_exist_shows_the_nearest(client, many_sitis, requested, shown):
    response = client.get(SEARCH, {"q": "nurhaliza", "jenis": "pegawai", "page": requested})

    assert response.status_code == 200
    assert response.context["page"].number == shown


@pytest.fixture
def many_counters():
    unit = UnitFactory(name="Dinas Pelayanan Umum")
    return [PositionFactory(unit=unit, title=f"Petugas Loket {n:02d}") for n in range(25)]


@pytest.mark.parametrize(("requested", "shown"), [("", 1), ("2", 2), ("99", 2)])
def test_a_page_of_positions_comes_with_the_count_of_every_match(
    client, many_counters, requested, shown
):
    response = client.get(SEARCH, {"q": "loket", "jenis": "jabatan", "page": requested})

    page = response.context["page"]
    assert (page.number, page.pages, page.group.count) == (shown, 2, 25)
    assert len(page.group.results) == (search.PER_PAGE if shown == 1 else 25 - search.PER_PAGE)


def test_the_overview_reads_every_kind_in_one_statement(
    client, many_counters, django_assert_num_queries
):
    # the typo corrections, then units and positions (each page with its count), and the
    # employees' and the indicators' counts and results, in one statement
    with django_assert_num_queries(2):
        groups = found(client, "loket")

    assert (groups["jabatan"].count, len(groups["jabatan"].results)) == (25, search.PER_GROUP)
    assert (groups["unit"].count, groups["unit"].results) == (0, [])
    assert (groups["pegawai"].count, groups["indikator"].count) == (0, 0)


def test_a_page_of_indicators_past_the_last_shows_the_last_with_one_more_query(
    client, django_assert_max_num_queries
):
    for n in range(25):
        report_with(f"Persentase pelayanan {n:02d}")

    # typo corrections, the indicators' count with the requested page (none: no results to
    # read), then the last page, and its results by id
    with django_assert_max_num_queries(4):
        response = client.get(SEARCH, {"q": "pelayanan", "jenis": "indikator", "page": "99"})

    page = response.context["page"]
    assert (page.number, page.pages, page.corrected, page.group.count) == (2, 2, True, 25)
    assert len(page.group.results) == 25 - search.PER_PAGE
    first = found(client, "pelayanan", "indikator", jenis="indikator")
    assert set(first).isdisjoint(text_of(item) for item in page.group.results)


def test_a_kind_with_no_match_has_no_results_and_a_count_of_zero(client):
    UnitFactory(name="Dinas Pelayanan Umum")

    groups = found(client, "pelayanan")

    assert (groups["indikator"].count, groups["indikator"].results) == (0, [])
    assert (groups["pegawai"].count, groups["pegawai"].results) == (0, [])
    assert groups["unit"].count == 1


def test_counts_stop_at_the_cap(client, many_sitis, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 10)

    response = client.get(SEARCH, {"q": "nurhaliza"})

    group = {group.kind.key: group for group in response.context["groups"]}["pegawai"]
    assert group.capped and group.count == 10
    assert "lebih dari 10" in response.content.decode()


@pytest.fixture
def cap_of_one_page(monkeypatch):
    """COUNT_CAP at one page of results, in statements built for it (and built again after
    the test)."""
    built = (search.overview_statement, search.counted_page_statement)

    def rebuild():
        for statement in built:
            statement.cache_clear()

    monkeypatch.setattr(search, "COUNT_CAP", search.PER_PAGE)
    rebuild()
    yield
    rebuild()


def test_a_common_name_is_ranked_among_its_first_matches_alike_on_every_page(
    client, many_sitis, cap_of_one_page
):
    overview = found(client, "nurhaliza")["pegawai"]
    first, second = (
        client.get(SEARCH, {"q": "nurhaliza", "jenis": "pegawai", "page": page}).context["page"]
        for page in ("1", "2")
    )

    assert (overview.count, overview.capped, first.pages) == (search.PER_PAGE, True, 1)
    names = [text_of(item) for item in first.group.results]
    # the best 20 of the first 21 of the 25 read
    assert len(names) == len(set(names)) == search.PER_PAGE
    assert [text_of(item) for item in overview.results] == names[: search.PER_GROUP]
    assert (second.number, second.corrected) == (1, True)
    assert [text_of(item) for item in second.group.results] == names
    assert names == sorted(names)  # equal ranks: in the order of their names


def test_nothing_found_says_so(client):
    response = client.get(SEARCH, {"q": "zzqqxx"})

    assert "Tidak ada hasil untuk «zzqqxx»" in response.content.decode()


# --------------------------------------------------------------------------- queries and language


@pytest.mark.parametrize("rows", [10, 50])
def test_the_overview_takes_a_fixed_number_of_queries(
    client, rows, django_assert_num_queries, django_assert_max_num_queries
):
    unit = UnitFactory(name="Dinas Pelayanan Umum")
    position = PositionFactory(unit=unit, title="Petugas Pelayanan")
    for n in range(rows):
        employee = EmployeeFactory(name=f"Pelayanan Pegawai {n}")
        AssignmentFactory(employee=employee, position=position)
        report_with(f"Persentase pelayanan {n}", employee=employee)

    # typo corrections, then every kind with its count and results in one statement; once the
    # shares are measured, "pelayanan" (in every indicator) is common, and the indicators
    # walked (all of them here) hold too few of its matches: the buckets' count and ranked
    # ids, then their results
    for queries, measured in ((2, False), (4, True)):
        if measured:
            search.refresh_words()
        with django_assert_num_queries(queries):
            response = client.get(SEARCH, {"q": "pelayanan"})
        assert all(group.count for group in response.context["groups"])

    # typo corrections, the walk's count, the buckets' count with the page's ranked ids, their
    # results by id (with 10 rows, page 2 is past the last: then the last page's ids and results)
    with django_assert_max_num_queries(4 if rows > search.PER_PAGE else 5):
        client.get(SEARCH, {"q": "pelayanan", "jenis": "indikator", "page": "2"})


def test_each_statement_is_built_once_and_each_search_runs_with_its_own_words(client):
    UnitFactory(name="Dinas Pelayanan Umum")
    UnitFactory(name="Dinas Kesehatan")
    report_with("Jumlah pelayanan kesehatan")
    search.refresh_words()
    statements = (search.overview_statement, search.counted_page_statement)
    for statement in statements:
        statement.cache_clear()

    assert found(client, "pelayanan", "unit") == ["Dinas Pelayanan Umum"]
    built = [statement.cache_info().currsize for statement in statements]
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "kesehatan", "unit") == ["Dinas Kesehatan"]
    assert found(client, "kesehatn", "indikator") == ["Jumlah pelayanan kesehatan"]  # corrected

    # the same statements again (both words are in the only indicator: common, and walked
    # too few; then the buckets' statement); with a misspelt word, the overview's with the
    # near words (units, positions, employees) and the corrected ones (indicators)
    assert [statement.cache_info().currsize for statement in statements] == [
        built[0] + 1,
        built[1],
    ]
    assert not any("pelayanan" in query["sql"].lower() for query in queries.captured_queries)
    assert not any(search.TERMS in query["sql"] for query in queries.captured_queries)


def test_typing_the_stand_in_of_the_words_is_an_ordinary_search(client):
    UnitFactory(name="Dinas Pelayanan Umum")

    response = client.get(SEARCH, {"q": search.TERMS})

    assert response.status_code == 200
    assert not any(group.count for group in response.context["groups"])
    assert found(client, "pelayanan", "unit") == ["Dinas Pelayanan Umum"]


def test_the_portal_s_queries_run_without_parallel_workers():
    # A parallel plan's workers took longer to start than the search for a rare word took in all.
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)


def test_the_page_speaks_english_when_asked(client):
    UnitFactory(name="Dinas Pelayanan Umum")
    client.cookies["django_language"] = "en"

    html = client.get(SEARCH, {"q": "pelayanan"}).content.decode()

    assert '<html lang="en">' in html
    assert "Work units" in html


def test_every_page_has_a_labelled_search_box_in_the_header(client):
    html = client.get(reverse("home")).content.decode()

    assert 'role="search"' in html
    assert '<label for="cari-situs"' in html and 'id="cari-situs" name="q"' in html
    assert '<label for="cari-beranda">' in html


# --------------------------------------------------------------------------- indexes


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def registry_of_made_up_names(size: int = 3000):
    """`size` employees with made-up two-word names, and one Siti Aminah."""
    syllables = ["ba", "ki", "ru", "so", "te", "ma", "ni", "lo", "pu", "de"]
    Employee.objects.bulk_create(
        EmployeeFactory.build(
            name=" ".join("".join(syllables[int(d)] for d in f"{n:04d}"[i:]) for i in (0, 2))
        )
        for n in range(size)
    )
    EmployeeFactory(name="Siti Aminah")


def test_the_searches_use_the_gin_indexes(client):
    """With a few thousand rows the planner picks the full-text GIN indexes, for the typed
    words and for the words near them."""
    report = ReportFactory(indicators=0)
    Indicator.objects.bulk_create(
        Indicator(
            report=report,
            rhk=f"Terlaksananya kegiatan {n}",
            aspect="kuantitas",
            iki=f"Jumlah dokumen nomor {n}" + (" pelayanan" if n == 7 else ""),
            target="1",
            order=n,
        )
        for n in range(3000)
    )
    advance(report, "published")
    registry_of_made_up_names()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_indicator; ANALYZE personnel_employee")
        # A few thousand rows leave the planner close to a sequential scan, and ANALYZE samples
        # at random: discourage it, so the plan shows whether the indexes CAN serve the query
        # (their expressions must match the query's exactly), which is what can regress.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor may it walk a B-tree in the model's default order and filter: a GIN index only
        # serves bitmap scans, so that is what is left when the expression matches.
        cursor.execute("SET LOCAL enable_indexscan = off")

    # The indicators' text condition, as Indicator.objects.search builds it (the disclosure join
    # around it lets the planner start from the single report of this small data set instead).
    text = personnel_search.matching(Indicator.objects.all(), "pelayanan")
    assert "indicator_text_fts" in plan(text.order_by().values("pk")[:10])
    near = "(siti) & (amnah | aminah)"
    assert "employee_name_fts" in plan(Employee.objects.search("siti amnah", near).values("pk"))
    near = "(pelyanan | pelayanan)"
    assert "position_title_fts" in plan(Position.objects.search("pelyanan", near).values("pk"))
    assert "unit_name_fts" in plan(Unit.objects.search("pelyanan", near).values("pk"))


def as_prepared(sql: str) -> str:
    """A statement as psycopg prepares it: "%s" numbered "$1", "$2"…, "%%" a plain "%"."""
    number = itertools.count(1)
    return re.sub(r"%s|%%", lambda m: f"${next(number)}" if m.group() == "%s" else "%", sql)


@pytest.mark.parametrize(("q", "near"), [("siti", False), ("siti aminan", True)])
def test_the_prepared_statements_keep_the_name_indexes_in_their_generic_plans(client, q, near):
    """The employees' matches are read by prepared statements (the overview's, and a page of
    their own): PostgreSQL may plan them once for any words. That plan must still start from
    the name indexes, not walk the whole registry, whatever the words turn out to be, with or
    without the words near them."""
    registry_of_made_up_names()
    counts = search.overview_statement(near, False, search.looked_up(q).path)
    page = search.counted_page_statement("pegawai", 0, search.PER_PAGE, near)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE personnel_employee")
        assert found(client, q, "pegawai") == ["Siti Aminah"]  # prepares both
        assert found(client, q, "pegawai", jenis="pegawai") == ["Siti Aminah"]
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        # As in the test above: whether the indexes CAN serve the generic plan is what can
        # regress; with a few thousand rows the planner may prefer walking another index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for statement in (counts, page):
            compiled = statement.compiled()
            cursor.execute(
                "SELECT name FROM pg_prepared_statements WHERE statement = %s",
                [as_prepared(compiled.sql)],
            )
            (name,) = cursor.fetchone()
            words = ["siti"] * len(compiled.params)  # after inlined(), only the words are left
            cursor.execute(f"EXPLAIN EXECUTE {name}({', '.join(['%s'] * len(words))})", words)
            generic = "\n".join(row[0] for row in cursor.fetchall())
            assert "employee_name_fts" in generic


def generic_plan(statement, words: str) -> str:
    """The generic plan (EXPLAIN VERBOSE) of a statement prepared on this connection."""
    compiled = statement.compiled()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM pg_prepared_statements WHERE statement = %s",
            [as_prepared(compiled.sql)],
        )
        (name,) = cursor.fetchone()
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        arguments = [words] * len(compiled.params)
        placeholders = ", ".join(["%s"] * len(arguments))
        cursor.execute(f"EXPLAIN (VERBOSE) EXECUTE {name}({placeholders})", arguments)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("kind", ["unit", "jabatan", "pegawai"])
def test_the_generic_plans_rank_with_the_words_read_once_not_once_a_row(client, kind):
    """A plan that does not see the words would otherwise parse and stem them again for each
    row it ranks (personnel.search.Once)."""
    if search.BY_KEY[kind].large:
        page = search.counted_page_statement(kind, 0, search.PER_GROUP, False)
    else:
        page = search.page_statement(kind, 0, search.PER_GROUP)
    page.rows("pelayanan")  # prepares it on this connection

    ranks = re.findall(r"ts_rank\([^()]*(?:\([^()]*\)[^()]*)*\)", generic_plan(page, "pelayanan"))

    assert ranks, "no ranking in the plan"
    assert not [rank for rank in ranks if "websearch_to_tsquery" in rank]


@pytest.mark.parametrize(
    ("path", "indexes"),
    [
        ("index", ["indicator_text_fts"]),
        ("buckets", [f"indicator_fts_{bucket:02d}" for bucket in range(SEARCH_BUCKETS)]),
    ],
)
def test_the_indicators_statements_read_their_full_text_indexes_for_any_word(client, path, indexes):
    """Planned once for any words: the plan must read the whole index (a rare word) or each
    bucket's part of it in turn, whatever the words turn out to be."""
    report_with("Jumlah pelayanan")
    statement = search.counted_page_statement("indikator", 0, search.PER_PAGE, False, path)
    assert len(statement.rows("pelayanan")) == 1  # prepares it on this connection
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_indicator")
        # As above: a handful of rows leaves the planner close to a sequential scan, or to
        # walking a B-tree and filtering.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")

        plan = generic_plan(statement, "arsip")

    assert [index for index in indexes if not re.search(rf"Index Scan on {index}\b", plan)] == []
    assert "Seq Scan on public.reports_indicator" not in plan


def common_and_rare_words():
    """ "pelayanan" in 12 of 15 disclosed indicators (and a draft's), "arsip" in 3."""
    for n in range(12):
        report_with(f"Persentase pelayanan {n:02d} yang selesai", rhk=f"Layanan ke-{n}")
    for n in range(3):
        report_with(f"Jumlah arsip {n}")
    report_with("Pelayanan dalam konsep", status="draft")
    search.refresh_words()


def test_each_word_s_share_of_the_indicators_is_measured_by_its_stem():
    common_and_rare_words()

    shares = dict(SearchWord.objects.values_list("word", "share"))

    # a draft's indicator is in the sample but holds no disclosed match
    assert shares["pelayanan"] == shares["layanan"] == pytest.approx(12 / 16)
    assert shares["arsip"] == pytest.approx(3 / 16)


@pytest.mark.parametrize(
    ("q", "common"),
    [
        ("pelayanan", True),
        ("Pelayanan", True),
        ("layanan", True),
        ("arsip", False),  # in 3 of 16: less than a quarter
        ("pelayanan arsip", False),  # together they may be rare
        ("pelyanan", False),  # corrected: the indicators are searched for two spellings
        ('"pelayanan"', False),
        ("-pelayanan", False),
        ("konsep", False),  # only in a draft
    ],
)
def test_only_one_typed_word_that_a_quarter_of_the_indicators_hold_is_common(q, common):
    common_and_rare_words()

    assert search.looked_up(q).common is common


@pytest.mark.parametrize(
    ("q", "rare"),
    [
        ("perhubungan", True),  # a unit's word: known, in no indicator
        ("arsip perhubungan", True),  # all of them: no more than the rarest
        ("Perhubungan", True),
        ("pelayanan", False),
        ("arsip", False),
        ("zzqqxx", False),  # unknown: a stop word, say, says nothing of the others
        ("pelayanan zzqqxx", False),
        ("arsip or perhubungan", False),  # "or" makes another query
        ('"perhubungan"', False),
        ("-perhubungan", False),
        ("perhubngan", False),  # corrected
    ],
)
def test_only_known_plain_words_one_of_which_few_indicators_hold_are_rare(q, rare):
    UnitFactory(name="Dinas Perhubungan")
    common_and_rare_words()

    assert search.looked_up(q).rare is rare


@pytest.fixture
def cap_of_eleven(monkeypatch):
    """COUNT_CAP at 11, in statements built for it (and built again after the test): the
    first cap + 1 matches are all of common_and_rare_words()' 12 of "pelayanan", however they
    are read."""
    built = (search.overview_statement, search.counted_page_statement)
    for statement in built:
        statement.cache_clear()
    monkeypatch.setattr(search, "COUNT_CAP", 11)
    yield
    for statement in built:
        statement.cache_clear()


def test_a_common_word_s_indicators_are_walked_in_a_statement_planned_once(
    client, django_assert_num_queries, cap_of_eleven
):
    common_and_rare_words()
    words = search.looked_up("pelayanan")
    walking = search.overview_statement(bool(words.near), False, "walk")

    # the typo corrections, then one statement for every kind with the indicators' results
    with django_assert_num_queries(2):
        groups = found(client, "pelayanan")
    page = found(client, "pelayanan", "indikator", jenis="indikator")

    indicators = search.BY_KEY["indikator"]
    bucketed = indicators.counted_page(search.Words("pelayanan"), 0, search.PER_PAGE)
    assert (groups["indikator"].count, groups["indikator"].capped) == (11, True)
    assert bucketed[0] == 12  # the first cap + 1 matches read
    assert [text_of(item) for item in groups["indikator"].results] == [
        text_of(item) for item in bucketed[1][: search.PER_GROUP]
    ]
    assert page == [text_of(item) for item in bucketed[1]]
    plan = generic_plan(walking, "pelayanan")
    # through the reports' index, the full-text indexes left alone
    assert "reports_indicator_report_id" in plan
    assert "indicator_text_fts" not in plan and "indicator_fts_" not in plan


def test_a_common_word_with_too_few_matches_walked_is_read_from_the_buckets(
    client, monkeypatch, cap_of_eleven
):
    common_and_rare_words()
    monkeypatch.setattr(search, "WALK_BUDGET", 5)  # fewer than the cap of matches walked

    groups = found(client, "pelayanan")
    page = found(client, "pelayanan", "indikator", jenis="indikator")

    bucketed = search.BY_KEY["indikator"].counted_page(search.Words("pelayanan"), 0, 20)
    assert (groups["indikator"].count, groups["indikator"].capped) == (11, True)
    assert page == [text_of(item) for item in bucketed[1]]


def test_an_indicator_s_bucket_is_its_report_s_run_of_reports():
    first, fifth, again = (
        report_with(f"Jumlah arsip {n}", pk=pk)
        for n, pk in enumerate((7, SEARCH_BLOCK * 5 + 1, SEARCH_BLOCK * (SEARCH_BUCKETS + 1)))
    )

    buckets = [report.indicators.get().search_bucket for report in (first, fifth, again)]

    assert buckets == [0, 5, 1]


def test_matches_in_every_bucket_are_found_and_counted(client):
    pks = [SEARCH_BLOCK * bucket + 3 for bucket in range(SEARCH_BUCKETS)]
    for n, pk in enumerate(reversed(pks)):
        report_with(f"Jumlah arsip {n}", pk=pk)

    for words in (search.Words("arsip"), search.Words("arsip", rare=True)):
        count, results = search.BY_KEY["indikator"].counted_page(words, 0, 100)
        assert count == len(results) == SEARCH_BUCKETS


def test_the_word_list_command_says_how_many_words_it_holds():
    report_with("Persentase pelayanan")
    out = StringIO()

    call_command("refresh_search_words", stdout=out)

    assert f"Daftar kata pencarian: {SearchWord.objects.count()} kata." in out.getvalue()
    assert SearchWord.objects.filter(word="pelayanan").exists()


def test_indicator_pages_follow_the_rank_then_the_id_without_overlap():
    texts = [
        "pelayanan",  # the exact text: first
        "Pelayanan publik pelayanan prima pelayanan cepat",
        "Indeks pelayanan",
        "Persentase pelayanan administrasi kependudukan yang selesai tepat waktu",
        "Jumlah pelayanan kesehatan",
        "Pelayanan pelayanan",
        "Laporan kegiatan pelayanan bulanan",
        "Pelayanan",
    ]
    for text in texts:
        report_with(text)
    report_with("pelayanan rahasia", status="draft")
    rank = personnel_search.rank("pelayanan", exact_field="iki")
    expected = [
        indicator.pk
        for indicator in sorted(
            Indicator.objects.search("pelayanan").annotate(search_rank=rank),
            key=lambda indicator: (-indicator.search_rank, indicator.pk),
        )
    ]
    indicators = search.BY_KEY["indikator"]
    words = search.Words("pelayanan")
    pages = [indicators.page(words, start, start + 3) for start in (0, 3, 6)]
    assert [indicator.pk for page in pages for indicator in page] == expected
    assert len(expected) == len(texts)
    assert pages[0][0].iki == "pelayanan"


@pytest.mark.parametrize("walked", [False, True], ids=["buckets", "walked"])
def test_every_page_of_indicators_up_to_the_cap_has_results_ranked_among_the_same_matches(
    client, walked
):
    report = ReportFactory(indicators=0)
    Indicator.objects.bulk_create(
        Indicator(
            report=report,
            rhk="Terlaksananya pelayanan",
            aspect="kuantitas",
            # one match in a hundred is the exact word: it ranks first wherever it is read
            iki="pelayanan" if n % 100 == 99 else f"Jumlah pelayanan nomor {n}",
            target="1",
            order=n,
        )
        for n in range(search.COUNT_CAP + 100)
    )
    advance(report, "published")
    if walked:  # measured: a word every indicator holds is common
        search.refresh_words()
    assert search.looked_up("pelayanan").common is walked
    last = search.COUNT_CAP // search.PER_PAGE

    first, middle, final = (
        client.get(SEARCH, {"q": "pelayanan", "jenis": "indikator", "page": page}).context["page"]
        for page in (1, last // 2 + 1, last)
    )

    assert (first.group.count, first.group.capped, first.pages) == (search.COUNT_CAP, True, last)
    assert len(middle.group.results) == len(final.group.results) == search.PER_PAGE
    # the exact ones first: one in a hundred of the COUNT_CAP + 1 matches read
    exact = [text_of(item) == "pelayanan" for item in first.group.results]
    assert sum(exact) >= search.COUNT_CAP // 100 and exact == sorted(exact, reverse=True)
