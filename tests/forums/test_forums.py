"""Forums: registration within capacity (also under concurrent requests), the waiting list,
the calendar feed, and the commitments tracker."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import Commitment, CommitmentUpdate, Registration
from personnel import roles
from tests.factories import CommitmentFactory, ForumFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def register(forum, n):
    return services.forum_register(forum=forum, name=f"Warga {n}", email=f"warga{n}@contoh.id")


def form(**overrides):
    return {
        "name": "Siti Rahma",
        "email": "siti@contoh.id",
        "community": "RT 02/RW 04",
        "consent": "on",
        "website": "",
        **overrides,
    }


# --------------------------------------------------------------------------- registration


def test_registrations_beyond_capacity_go_to_the_waiting_list_in_order():
    forum = ForumFactory(capacity=2)
    seats = [register(forum, n) for n in range(4)]
    assert [seat.waiting_position for seat in seats] == [None, None, 1, 2]
    assert forum.registrations.filter(status="terdaftar").count() == 2


def test_a_cancelled_seat_goes_to_the_first_on_the_waiting_list():
    forum = ForumFactory(capacity=1)
    first, second, third = (register(forum, n).registration for n in range(3))
    promoted = services.registration_cancel(registration=first)
    assert promoted == second
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("terdaftar", "menunggu")


def test_the_same_email_registers_once():
    forum = ForumFactory()
    register(forum, 1)
    with pytest.raises(ValidationError):
        register(forum, 1)


def test_registration_closes_at_its_deadline():
    forum = ForumFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="ditutup"):
        register(forum, 1)


def test_the_database_refuses_an_overbooking_by_any_path():
    forum = ForumFactory(capacity=1)
    register(forum, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            forum=forum, name="Lewat jalan lain", email="lain@contoh.id", status="terdaftar"
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook():
    forum = ForumFactory(capacity=5)
    barrier = threading.Barrier(12)
    outcomes = []

    def attempt(n):
        try:
            barrier.wait()
            outcomes.append(register(forum, n).waiting_position)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 12
    assert outcomes.count(None) == 5
    assert sorted(p for p in outcomes if p) == list(range(1, 8))
    assert Registration.objects.filter(forum=forum, status="terdaftar").count() == 5


# --------------------------------------------------------------------------- the pages


def test_a_resident_registers_on_the_forum_page(client):
    forum = ForumFactory(capacity=3)
    response = client.post(reverse("forums:register", args=[forum.slug]), form())
    assert response.status_code == 200
    assert "Anda terdaftar" in response.content.decode()
    assert Registration.objects.get().email == "siti@contoh.id"


def test_a_full_forum_tells_the_place_on_the_waiting_list(client):
    forum = ForumFactory(capacity=1)
    register(forum, 1)
    response = client.post(reverse("forums:register", args=[forum.slug]), form())
    assert "urutan 1 daftar tunggu" in response.content.decode()


def test_a_filled_honeypot_gets_the_usual_answer_and_records_nothing(client):
    forum = ForumFactory()
    response = client.post(
        reverse("forums:register", args=[forum.slug]), form(website="http://spam.example")
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "bukan-email"}, "alamat email"),
        ({"consent": ""}, "Tanpa persetujuan ini"),
        ({"name": "   "}, "Isi nama Anda"),
    ],
    ids=["email", "consent", "name"],
)
def test_bad_input_is_explained_and_records_nothing(client, overrides, message):
    forum = ForumFactory()
    response = client.post(reverse("forums:register", args=[forum.slug]), form(**overrides))
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Registration.objects.exists()


def test_contact_data_never_reaches_the_public_page(client):
    forum = ForumFactory()
    register(forum, 1)
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "warga1@contoh.id" not in html and "Warga 1" not in html


def test_an_unannounced_forum_is_not_public(client):
    forum = ForumFactory(published_at=None)
    assert client.get(forum.get_absolute_url()).status_code == 404
    assert client.post(reverse("forums:register", args=[forum.slug]), form()).status_code == 404


def test_the_calendar_feed_lists_upcoming_forums_as_icalendar(client):
    ForumFactory(title="Forum Warga Tanjungpinang Kota; Desember, 2026", slug="forum-des")
    ForumFactory(
        title="Forum Lama",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(hours=2),
    )
    response = client.get(reverse("forums:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Forum Warga Tanjungpinang Kota\\; Desember\\, 2026" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_forum_pages_cost_the_same_queries_for_more_forums(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        ForumFactory()
    with django_assert_max_num_queries(3):
        client.get(reverse("forums:list"))
    forum = ForumFactory()
    for n in range(10):
        register(forum, n)
    with django_assert_max_num_queries(4):
        client.get(forum.get_absolute_url())


# --------------------------------------------------------------------------- commitments


def test_an_overdue_commitment_is_flagged_and_filtered(client):
    late = CommitmentFactory(
        title="Perbaikan drainase", due_date=TODAY - datetime.timedelta(days=3)
    )
    CommitmentFactory(title="Taman baca", due_date=TODAY + datetime.timedelta(days=3))
    done = CommitmentFactory(title="Lampu jalan", due_date=TODAY - datetime.timedelta(days=9))
    CommitmentUpdate.objects.create(
        commitment=done, date=TODAY, text="Selesai dipasang", status="selesai", progress=100
    )
    services.commitment_sync(commitment=done)
    assert list(Commitment.objects.overdue()) == [late]
    html = client.get(reverse("forums:commitments"), {"terlambat": "ya"}).content.decode()
    assert "Perbaikan drainase" in html and "Taman baca" not in html and "Lampu jalan" not in html
    assert "melewati tenggatnya" in client.get(late.get_absolute_url()).content.decode()


def test_the_latest_update_sets_status_and_progress():
    commitment = CommitmentFactory()
    for day, status, progress in ((1, "berjalan", 30), (5, "berjalan", 60)):
        CommitmentUpdate.objects.create(
            commitment=commitment,
            date=TODAY - datetime.timedelta(days=10 - day),
            text="Kemajuan",
            status=status,
            progress=progress,
        )
    services.commitment_sync(commitment=commitment)
    assert (commitment.status, commitment.progress) == ("berjalan", 60)


def test_a_commitment_cannot_be_done_at_less_than_100_percent():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentUpdate.objects.create(
            commitment=CommitmentFactory(), date=TODAY, text="x", status="selesai", progress=80
        )


def test_the_commitments_filter_by_unit_includes_sub_units_and_explains_bad_values(client):
    kecamatan = UnitFactory(code="kec-bukit-bestari", name="Kecamatan Bukit Bestari")
    kelurahan = UnitFactory(code="kel-sei-jang", parent=kecamatan)
    CommitmentFactory(title="Posyandu baru", unit=kelurahan)
    CommitmentFactory(title="Di tempat lain")
    html = client.get(reverse("forums:commitments"), {"unit": kecamatan.code}).content.decode()
    assert "Posyandu baru" in html and "Di tempat lain" not in html
    response = client.get(reverse("forums:commitments"), {"unit": "x", "status": "y"})
    assert response.status_code == 200


def test_the_unit_page_lists_its_open_commitments(client):
    kecamatan = UnitFactory(code="kec-bukit-bestari", name="Kecamatan Bukit Bestari")
    CommitmentFactory(title="Posyandu baru", unit=kecamatan)
    html = client.get(reverse("personnel:unit-detail", args=[kecamatan.code])).content.decode()
    assert "Posyandu baru" in html


def test_a_unit_responder_sees_only_their_units_commitments_in_the_admin(client):
    mine = UnitFactory(code="dinkes")
    CommitmentFactory(title="Milik kami", unit=mine)
    CommitmentFactory(title="Milik orang lain")
    responder = UserFactory(units=[mine], groups=[Group.objects.get(name=roles.UNIT_RESPONDER)])
    client.force_login(responder)
    html = client.get(reverse("admin:forums_commitment_changelist")).content.decode()
    assert "Milik kami" in html and "Milik orang lain" not in html


def test_the_home_page_shows_the_next_forum_and_overdue_commitments(client):
    ForumFactory(title="Forum Warga Kelurahan Senggarang")
    CommitmentFactory(title="Perbaikan drainase", due_date=TODAY - datetime.timedelta(days=3))
    html = client.get("/").content.decode()
    assert "Forum Warga Kelurahan Senggarang" in html and "Perbaikan drainase" in html


def test_forum_dates_must_be_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        ForumFactory(ends_at=timezone.now())  # before the default start a week ahead


# --------------------------------------------------------------------------- aspirations


def test_an_aspiration_raised_at_a_forum_becomes_a_tracked_submission(client):
    from feedback.models import Submission

    kecamatan = UnitFactory(code="kec-bukit-bestari", name="Kecamatan Bukit Bestari")
    forum = ForumFactory(unit=kecamatan)
    aspiration = services.aspiration_record(
        forum=forum,
        subject="Lampu jalan padam di RW 04",
        body="Sudah tiga bulan lampu jalan di RW 04 padam.",
        raised_by="Ketua RW 04",
    )
    submission = Submission.objects.get()
    assert aspiration.submission == submission
    assert (submission.kind, submission.target_type, submission.unit) == (
        "aspirasi",
        "unit",
        kecamatan,
    )
    assert submission.status == "baru"
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "Lampu jalan padam di RW 04" in html
    assert submission.display_code in html


def test_a_moderator_enters_an_aspiration_in_the_admin_and_gets_its_code(client):
    from feedback.models import Submission

    forum = ForumFactory()
    dinas = UnitFactory(code="dishub", name="Dinas Perhubungan")
    moderator = UserFactory(groups=[Group.objects.get(name=roles.MODERATOR)])
    client.force_login(moderator)
    response = client.post(
        reverse("admin:forums_forumaspiration_add"),
        {
            "forum": forum.pk,
            "raised_by": "",
            "subject": "Trayek angkot ke Dompak",
            "body": "Warga meminta trayek angkot sampai ke Dompak.",
            "unit": dinas.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.unit == dinas
    assert any(submission.display_code in str(m) for m in response.context["messages"])


def test_the_forum_page_lists_aspirations_in_constant_queries(
    client, django_assert_max_num_queries
):
    forum = ForumFactory()
    for n in range(6):
        services.aspiration_record(forum=forum, subject=f"Aspirasi {n}", body=f"Uraian nomor {n}")
    with django_assert_max_num_queries(5):
        response = client.get(forum.get_absolute_url())
    assert response.content.decode().count("Aspirasi ") >= 6
