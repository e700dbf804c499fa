"""Open selections: the schedule's rules, what the public sees of candidates, the feeds."""

import datetime
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from personnel import roles
from selection.choices import Outcome, StageKind
from selection.models import Selection, Stage, StageResult
from tests.factories import CandidateFactory, SelectionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = timezone.localdate()


def stage(selection, kind):
    return selection.stages.get(kind=kind)


def announce(stage_, *, outcomes):
    """Record each (candidate, outcome) for the stage and announce the results."""
    StageResult.objects.bulk_create(
        StageResult(stage=stage_, candidate=candidate, outcome=outcome)
        for candidate, outcome in outcomes
    )
    stage_.results_published_at = timezone.now() - datetime.timedelta(hours=1)
    stage_.save()


def check_deferred_constraints():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


# --------------------------------------------------------------------------- the schedule


def test_a_stage_placed_before_an_earlier_stage_is_refused_by_the_database():
    selection = SelectionFactory(schedule=TODAY)
    late_announcement = stage(selection, StageKind.ANNOUNCEMENT)
    late_announcement.start = late_announcement.end = TODAY + datetime.timedelta(days=100)
    with pytest.raises(IntegrityError), transaction.atomic():
        late_announcement.save()
        check_deferred_constraints()


def test_overlapping_stages_are_refused_by_the_database():
    selection = SelectionFactory(schedule=TODAY)
    administration = stage(selection, StageKind.ADMINISTRATION)
    administration.start = TODAY + datetime.timedelta(days=3)  # inside the announcement
    with pytest.raises(IntegrityError), transaction.atomic():
        administration.save()
        check_deferred_constraints()


def test_a_whole_schedule_can_move_in_one_transaction():
    selection = SelectionFactory(schedule=TODAY)
    with transaction.atomic():
        for item in selection.stages.order_by("position"):
            item.start += datetime.timedelta(days=30)
            item.end += datetime.timedelta(days=30)
            item.save()
        check_deferred_constraints()
    assert stage(selection, StageKind.ANNOUNCEMENT).start == TODAY + datetime.timedelta(days=30)


def test_a_stage_ending_before_it_starts_is_refused():
    selection = SelectionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(
            selection=selection,
            kind=StageKind.ANNOUNCEMENT,
            start=TODAY,
            end=TODAY - datetime.timedelta(days=1),
        )


def test_a_result_joins_a_stage_and_a_candidate_of_the_same_selection():
    selection = SelectionFactory(schedule=TODAY)
    stranger = CandidateFactory()  # of another selection
    with pytest.raises(IntegrityError), transaction.atomic():
        StageResult.objects.create(
            stage=stage(selection, StageKind.ADMINISTRATION),
            candidate=stranger,
            outcome=Outcome.PASSED,
        )


def test_an_appointment_needs_its_date():
    selection = SelectionFactory()
    selection.appointed = CandidateFactory(selection=selection)
    with pytest.raises(IntegrityError), transaction.atomic():
        selection.save()


# --------------------------------------------------------------------------- the admin


def verifier():
    return UserFactory(groups=[Group.objects.get(name=roles.VERIFIER)])


def admin_form(unit, stages):
    data = {
        "title": "Seleksi Terbuka JPT Pratama Kepala Dinas Perhubungan 2027",
        "slug": "jpt-dishub-2027",
        "unit": unit.pk,
        "legal_basis": "PermenPANRB 15/2019",
        "stages-TOTAL_FORMS": str(len(stages)),
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "panel-TOTAL_FORMS": "0",
        "panel-INITIAL_FORMS": "0",
        "panel-MIN_NUM_FORMS": "0",
        "panel-MAX_NUM_FORMS": "1000",
    }
    for n, (kind, start, end) in enumerate(stages):
        data[f"stages-{n}-kind"] = kind
        data[f"stages-{n}-start"] = start
        data[f"stages-{n}-end"] = end
    return data


@pytest.fixture
def unit():
    return UnitFactory(code="dishub", name="Dinas Perhubungan")


def test_the_add_form_offers_every_stage_ready_for_its_dates(client):
    client.force_login(verifier())
    response = client.get(reverse("admin:selection_selection_add"))
    assert response.status_code == 200
    initial = [
        form.initial.get("kind") for form in response.context["inline_admin_formsets"][0].formset
    ]
    assert initial == StageKind.values


def test_the_admin_saves_a_schedule_in_order(client, unit):
    client.force_login(verifier())
    response = client.post(
        reverse("admin:selection_selection_add"),
        admin_form(
            unit,
            [
                ("pengumuman", "2027-01-04", "2027-01-15"),
                ("administrasi", "2027-01-18", "2027-01-22"),
            ],
        ),
    )
    assert response.status_code == 302
    assert list(Selection.objects.get().stages.values_list("kind", flat=True)) == [
        "pengumuman",
        "administrasi",
    ]


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        (
            [
                ("pengumuman", "2027-01-04", "2027-01-20"),
                ("administrasi", "2027-01-18", "2027-01-22"),
            ],
            "tidak tumpang tindih",
        ),
        (
            [
                ("administrasi", "2027-01-04", "2027-01-08"),
                ("pengumuman", "2027-01-11", "2027-01-15"),
            ],
            "berurutan",
        ),
        ([("pengumuman", "2027-01-04", "2027-01-01")], "sebelum tanggal mulai"),
        (
            [
                ("pengumuman", "2027-01-04", "2027-01-05"),
                ("pengumuman", "2027-02-04", "2027-02-05"),
            ],
            "hanya sekali",
        ),
    ],
    ids=["overlap", "out-of-order", "ends-before-start", "twice"],
)
def test_the_admin_refuses_a_bad_schedule_with_a_message_and_saves_nothing(
    client, unit, stages, message
):
    client.force_login(verifier())
    response = client.post(reverse("admin:selection_selection_add"), admin_form(unit, stages))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Selection.objects.exists()


def test_an_evaluator_cannot_manage_selections(client):
    client.force_login(UserFactory(groups=[Group.objects.get(name=roles.EVALUATOR)]))
    assert client.get(reverse("admin:selection_selection_add")).status_code == 403


# --------------------------------------------------------------------------- public pages


def test_an_unannounced_selection_is_nowhere_in_public(client):
    hidden = SelectionFactory(published_at=None, title="Seleksi Rahasia")
    assert "Seleksi Rahasia" not in client.get(reverse("selection:list")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("selection:selection-feed", args=[hidden.slug])).status_code == 404


def test_an_unknown_selection_is_a_404(client):
    assert client.get("/seleksi/tidak-ada/").status_code == 404


def test_candidates_stay_unnamed_until_the_administrative_result_is_announced(client):
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=20))
    ani = CandidateFactory(selection=selection, name="Ani Lestari")
    StageResult.objects.create(
        stage=stage(selection, StageKind.ADMINISTRATION), candidate=ani, outcome=Outcome.PASSED
    )
    html = client.get(selection.get_absolute_url()).content.decode()
    assert "Ani Lestari" not in html
    assert "Hasil tahap ini belum diumumkan" in html


def test_an_announced_stage_names_who_passed_and_only_counts_the_others(client):
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=20))
    ani = CandidateFactory(selection=selection, name="Ani Lestari")
    budi = CandidateFactory(selection=selection, name="Budi Santoso")
    announce(
        stage(selection, StageKind.ADMINISTRATION),
        outcomes=[(ani, Outcome.PASSED), (budi, Outcome.FAILED)],
    )
    html = client.get(selection.get_absolute_url()).content.decode()
    assert "Ani Lestari" in html
    assert "Budi Santoso" not in html
    assert "1 peserta lain tidak lolos" in html


def test_results_scheduled_for_later_are_not_shown_yet(client):
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=20))
    ani = CandidateFactory(selection=selection, name="Ani Lestari")
    administration = stage(selection, StageKind.ADMINISTRATION)
    announce(administration, outcomes=[(ani, Outcome.PASSED)])
    administration.results_published_at = timezone.now() + datetime.timedelta(days=1)
    administration.save()
    assert "Ani Lestari" not in client.get(selection.get_absolute_url()).content.decode()


def test_the_timeline_marks_the_stage_under_way(client):
    # Started 8 days ago: the announcement (days 0–5) is over, administration (7–12) runs.
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=8))
    response = client.get(selection.get_absolute_url())
    assert response.context["current_stage"].kind == StageKind.ADMINISTRATION
    html = response.content.decode()
    assert (
        'id="tahap-administrasi" class="timeline-item timeline-berlangsung" aria-current="step"'
        in html
    )


def test_the_appointment_is_shown_when_recorded(client):
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=90))
    ani = CandidateFactory(selection=selection, name="Ani Lestari")
    Selection.objects.filter(pk=selection.pk).update(
        appointed=ani, appointed_on=TODAY - datetime.timedelta(days=10)
    )
    response = client.get(reverse("selection:list"))
    assert "Selesai" in response.content.decode()
    assert "Ani Lestari dilantik pada" in client.get(selection.get_absolute_url()).content.decode()


def test_the_home_page_lists_open_selections_but_not_finished_ones(client):
    SelectionFactory(title="Seleksi Berjalan", schedule=TODAY - datetime.timedelta(days=8))
    SelectionFactory(title="Seleksi Lama", schedule=TODAY - datetime.timedelta(days=400))
    html = client.get(reverse("home")).content.decode()
    assert "Seleksi Berjalan" in html and "Seleksi Lama" not in html


def test_the_list_costs_the_same_queries_for_many_selections(client, django_assert_num_queries):
    for _ in range(3):
        SelectionFactory(schedule=TODAY)
    with django_assert_num_queries(3) as few:
        client.get(reverse("selection:list"))
    for _ in range(12):
        SelectionFactory(schedule=TODAY)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("selection:list"))


def test_the_timeline_costs_the_same_queries_for_many_candidates(
    client, django_assert_max_num_queries
):
    selection = SelectionFactory(schedule=TODAY - datetime.timedelta(days=20))
    candidates = CandidateFactory.create_batch(30, selection=selection)
    announce(
        stage(selection, StageKind.ADMINISTRATION),
        outcomes=[(candidate, Outcome.PASSED) for candidate in candidates],
    )
    # selection, posts, panel, stages, results, the count of confirmed input, the feedback
    # about the selection (and, while the input window is open, the candidates one may speak
    # about)
    with django_assert_max_num_queries(8):
        response = client.get(selection.get_absolute_url())
    assert response.content.decode().count("<td>Calon Contoh") == 30


# --------------------------------------------------------------------------- feeds


def entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_announces_openings_and_announced_results_only(client):
    selection = SelectionFactory(
        title="Seleksi JPT Dinas Perhubungan", schedule=TODAY - datetime.timedelta(days=20)
    )
    ani = CandidateFactory(selection=selection)
    announce(stage(selection, StageKind.ADMINISTRATION), outcomes=[(ani, Outcome.PASSED)])
    titles = entries(client.get(reverse("selection:feed")))
    assert "Dibuka: Seleksi JPT Dinas Perhubungan" in titles
    assert "Hasil seleksi administrasi: Seleksi JPT Dinas Perhubungan" in titles
    assert not any("rekam jejak" in title for title in titles)


def test_a_selections_own_feed_has_only_its_announcements(client):
    mine = SelectionFactory(title="Seleksi Satu")
    SelectionFactory(title="Seleksi Dua")
    titles = entries(client.get(reverse("selection:selection-feed", args=[mine.slug])))
    assert titles == ["Dibuka: Seleksi Satu"]
