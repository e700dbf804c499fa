import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pghistory.models import Events

from feedback import ratelimit, services
from feedback.choices import EventKind, Status
from feedback.models import Ban, BanKind, Flag, Routing, Submission, TimelineEvent
from personnel import roles
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import LOOKUP, SUBMIT, form_data, make_submission

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_submission_changelist")


def moderate_url(submission):
    return reverse("admin:feedback_submission_moderate", args=[submission.pk])


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return {
        "root": root,
        "diskominfo": UnitFactory(code="diskominfo", name="Diskominfo", parent=root),
        "dinkes": UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root),
    }


@pytest.fixture
def moderator(city):
    return UserFactory(units=[city["root"]], groups=[Group.objects.get(name=roles.MODERATOR)])


@pytest.fixture
def responder(city):
    return UserFactory(
        units=[city["diskominfo"]], groups=[Group.objects.get(name=roles.UNIT_RESPONDER)]
    )


def verified(**fields):
    submission = make_submission(**fields)
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    submission.refresh_from_db()
    return submission


def contexts_of(submission):
    return [
        event.pgh_context or {}
        for event in Events.objects.references(submission).order_by("pgh_created_at")
        if event.pgh_model == "feedback.SubmissionEvent"
    ]


# --- the queue -------------------------------------------------------------------------------


def test_the_moderator_queue_lists_new_submissions_oldest_first(client, moderator):
    newest = make_submission()
    oldest = make_submission()
    Submission.objects.filter(pk=oldest.pk).update(created_at="2026-01-01T08:00:00+07:00")
    done = verified()
    client.force_login(moderator)
    response = client.get(CHANGELIST)
    assert [s.pk for s in response.context["cl"].result_list] == [oldest.pk, newest.pk]
    everything = client.get(CHANGELIST, {"status": "semua"})
    assert done.pk in {s.pk for s in everything.context["cl"].result_list}


def test_the_verify_action_verifies_new_ones_and_skips_the_rest(client, moderator):
    new = make_submission()
    rejected = make_submission()
    Submission.objects.filter(pk=rejected.pk).update(
        status=Status.DITOLAK, closed_at="2026-01-06T10:00:00+07:00"
    )
    client.force_login(moderator)
    response = client.post(
        CHANGELIST + "?status=semua",
        {"action": "verify", "_selected_action": [new.pk, rejected.pk]},
        follow=True,
    )
    assert response.status_code == 200
    new.refresh_from_db()
    rejected.refresh_from_db()
    assert new.status == Status.DIVERIFIKASI
    assert rejected.status == Status.DITOLAK
    event = new.timeline.get(kind=EventKind.STATUS)
    assert event.actor == moderator
    assert contexts_of(new)[-1]["user"] == moderator.pk
    assert contexts_of(new)[-1]["action"] == "feedback_verify"


def test_a_unit_responder_has_no_verify_action(client, responder):
    client.force_login(responder)
    response = client.get(CHANGELIST)
    assert "verify" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)


# --- services: permission, state, audit ---------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        lambda s, by: services.moderation_verify(submission=s, by=by),
        lambda s, by: services.moderation_reject(submission=s, reason="Bukan masukan", by=by),
        lambda s, by: services.moderation_redact(submission=s, subject="a", body="b", by=by),
        lambda s, by: services.moderation_mark_duplicate(
            submission=s, original=make_submission(), by=by
        ),
        lambda s, by: services.moderation_ban(
            submission=s, kind=BanKind.ADDRESS, reason="spam", by=by
        ),
        lambda s, by: services.moderation_unhide(submission=s, by=by),
    ],
)
def test_a_unit_responder_cannot_moderate(responder, action):
    submission = make_submission(sender_key="k" * 64)
    with pytest.raises(PermissionDenied):
        action(submission, responder)
    submission.refresh_from_db()
    assert submission.status == Status.BARU
    assert not Ban.objects.exists()


def test_a_unit_responder_cannot_route(responder, city):
    with pytest.raises(PermissionDenied):
        services.moderation_route(submission=verified(), units=[city["dinkes"]], by=responder)
    assert not Routing.objects.exists()


def test_a_rejection_needs_a_reason_and_shows_it_on_the_status_page(client, moderator):
    submission = make_submission()
    with pytest.raises(ValidationError):
        services.moderation_reject(submission=submission, reason="  ", by=moderator)
    services.moderation_reject(
        submission=submission, reason="Bukan wewenang Pemerintah Kota.", by=moderator
    )
    submission.refresh_from_db()
    assert submission.status == Status.DITOLAK
    assert submission.closed_at is not None
    html = client.get(LOOKUP, {"kode": submission.display_code}).content.decode()
    assert "Alasan penolakan" in html
    assert "Bukan wewenang Pemerintah Kota." in html
    assert contexts_of(submission)[-1] == {
        "action": "feedback_reject",
        "user": moderator.pk,
        "reason": "Bukan wewenang Pemerintah Kota.",
    }


def test_a_routed_submission_cannot_be_rejected(moderator, city):
    submission = verified()
    services.moderation_route(submission=submission, units=[city["dinkes"]], by=moderator)
    with pytest.raises(ValidationError):
        services.moderation_reject(submission=submission, reason="Terlambat", by=moderator)


def test_the_redaction_suggestion_masks_phones_emails_and_long_numbers():
    text = (
        "Hubungi saya di 0812-3456-7890 atau +62 813 1234 5678, e-mail rina.k@contoh.id. "
        "NIK saya 2172011234567890 dan NIP 198501012010011002. Jalan no 12 rusak sejak 2024."
    )
    suggestion = services.suggest_redaction(text)
    for secret in (
        "0812-3456-7890",
        "813 1234 5678",
        "rina.k@contoh.id",
        "2172011234567890",
        "198501012010011002",
    ):
        assert secret not in suggestion
    assert "Jalan no 12 rusak sejak 2024." in suggestion
    assert suggestion.count("[disamarkan]") == 5


def test_the_redacted_text_is_public_and_the_original_only_for_moderators(
    client, moderator, responder, city
):
    submission = verified(
        subject="Pelayanan KTP",
        body="Petugas minta uang. Telepon saya 081234567890.",
        routed_to=city["diskominfo"],
    )
    Submission.objects.filter(pk=submission.pk).update(status=Status.DITERUSKAN)
    services.moderation_redact(
        submission=submission,
        subject="Pelayanan KTP",
        body="Petugas minta uang. Telepon saya [disamarkan].",
        by=moderator,
    )
    submission.refresh_from_db()
    assert submission.body == "Petugas minta uang. Telepon saya 081234567890."
    assert submission.public_body == "Petugas minta uang. Telepon saya [disamarkan]."
    assert submission.public_subject == ""
    public = client.get(LOOKUP, {"kode": submission.display_code}).content.decode()
    assert "081234567890" not in public
    assert "Telepon saya [disamarkan]." in public
    change = reverse("admin:feedback_submission_change", args=[submission.pk])
    client.force_login(responder)
    assert "081234567890" not in client.get(change).content.decode()
    client.force_login(moderator)
    assert "081234567890" in client.get(change).content.decode()
    assert not submission.timeline.get(kind=EventKind.MODERATION).is_public


def test_routing_to_several_units_moves_to_diteruskan_and_shows_the_units(
    client, moderator, responder, city
):
    submission = verified()
    services.moderation_route(
        submission=submission, units=[city["diskominfo"], city["dinkes"]], by=moderator
    )
    submission.refresh_from_db()
    assert submission.status == Status.DITERUSKAN
    assert set(submission.routings.values_list("unit__code", flat=True)) == {
        "diskominfo",
        "dinkes",
    }
    assert Routing.objects.filter(routed_by=moderator).count() == 2
    html = client.get(LOOKUP, {"kode": submission.display_code}).content.decode()
    assert "Diteruskan ke Diskominfo, Dinas Kesehatan." in html
    client.force_login(responder)
    assert {s.pk for s in client.get(CHANGELIST).context["cl"].result_list} == {submission.pk}


def test_routing_again_adds_a_unit_but_never_twice(moderator, city):
    submission = verified()
    services.moderation_route(submission=submission, units=[city["diskominfo"]], by=moderator)
    services.moderation_route(submission=submission, units=[city["dinkes"]], by=moderator)
    with pytest.raises(ValidationError):
        services.moderation_route(submission=submission, units=[city["dinkes"]], by=moderator)
    assert submission.routings.count() == 2
    with pytest.raises(ValidationError):
        services.moderation_route(
            submission=make_submission(), units=[city["dinkes"]], by=moderator
        )


def test_a_duplicate_is_closed_and_points_to_the_original(client, moderator):
    original = make_submission()
    copy = make_submission()
    with pytest.raises(ValidationError):
        services.moderation_mark_duplicate(submission=copy, original=copy, by=moderator)
    services.moderation_mark_duplicate(submission=copy, original=original, by=moderator)
    copy.refresh_from_db()
    assert copy.status == Status.DITOLAK
    assert copy.duplicate_of == original
    html = client.get(LOOKUP, {"kode": copy.display_code}).content.decode()
    assert original.display_code in html


def test_a_banned_email_is_thanked_and_nothing_is_stored(client, moderator):
    first = make_submission(email="spam@contoh.id")
    services.moderation_ban(
        submission=first, kind=BanKind.EMAIL, reason="Kiriman berulang", by=moderator
    )
    assert Ban.objects.get().key == ratelimit.email_key("SPAM@contoh.id ")
    before = Submission.objects.count()
    response = client.post(SUBMIT, form_data(email="Spam@Contoh.id"), follow=True)
    assert response.status_code == 200
    assert response.context["code"]
    assert Submission.objects.count() == before


def test_a_banned_address_is_thanked_and_nothing_is_stored(client, moderator):
    response = client.post(SUBMIT, form_data(), REMOTE_ADDR="203.0.113.9", follow=True)
    assert response.status_code == 200
    stored = Submission.objects.get()
    assert stored.sender_key == ratelimit.address_key("203.0.113.9")
    services.moderation_ban(submission=stored, kind=BanKind.ADDRESS, reason="Kasar", by=moderator)
    response = client.post(
        SUBMIT,
        form_data(body="Teks lain yang cukup panjang untuk dikirim ulang."),
        REMOTE_ADDR="203.0.113.9",
        follow=True,
    )
    assert response.context["code"]
    assert Submission.objects.count() == 1
    other = client.post(
        SUBMIT,
        form_data(body="Teks ketiga yang cukup panjang dari alamat lain."),
        REMOTE_ADDR="203.0.113.10",
    )
    assert other.status_code == 302
    assert Submission.objects.count() == 2


def test_banning_needs_a_known_email_or_address(moderator):
    submission = make_submission()
    with pytest.raises(ValidationError):
        services.moderation_ban(submission=submission, kind=BanKind.EMAIL, reason="x", by=moderator)
    with pytest.raises(ValidationError):
        services.moderation_ban(
            submission=submission, kind=BanKind.ADDRESS, reason="x", by=moderator
        )
    assert not Ban.objects.exists()


# --- the moderation page ---------------------------------------------------------------------


def test_the_moderation_page_suggests_a_redaction_and_runs_each_action(client, moderator, city):
    submission = make_submission(body="Hubungi saya di 081234567890 soal antrean.")
    client.force_login(moderator)
    page = client.get(moderate_url(submission))
    assert page.status_code == 200
    assert "Hubungi saya di [disamarkan] soal antrean." in page.content.decode()
    response = client.post(moderate_url(submission), {"action": "reject", "reason": ""})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.status == Status.BARU
    response = client.post(
        moderate_url(submission),
        {"action": "redact", "subject": "Judul", "body": "Hubungi saya di [disamarkan]."},
    )
    assert response.status_code == 302
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    response = client.post(
        moderate_url(submission), {"action": "route", "units": [city["dinkes"].pk]}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.public_body == "Hubungi saya di [disamarkan]."
    assert submission.status == Status.DITERUSKAN
    refused = client.post(moderate_url(submission), {"action": "reject", "reason": "x"})
    assert refused.status_code == 400
    assert "tidak berlaku" in refused.content.decode()


def test_the_moderation_page_is_for_moderators_only(client, responder, city):
    submission = make_submission(routed_to=city["diskominfo"])
    client.force_login(responder)
    assert client.get(moderate_url(submission)).status_code == 403
    assert (
        client.post(moderate_url(submission), {"action": "reject", "reason": "x"}).status_code
        == 403
    )
    submission.refresh_from_db()
    assert submission.status == Status.BARU


# --- flags -----------------------------------------------------------------------------------


def flag(client, submission, address):
    url = reverse("feedback:public-flag", args=[submission.pk])
    return client.post(url, REMOTE_ADDR=address)


def test_three_flags_from_distinct_visitors_hide_a_published_submission(client, moderator):
    submission = verified(body="Isi yang dilaporkan pengunjung.")
    for address in ("198.51.100.1", "198.51.100.1", "198.51.100.2"):
        assert flag(client, submission, address).status_code == 302
    submission.refresh_from_db()
    assert submission.hidden_at is None
    assert Flag.objects.count() == 2
    flag(client, submission, "198.51.100.3")
    submission.refresh_from_db()
    assert submission.hidden_at is not None
    html = client.get(LOOKUP, {"kode": submission.display_code}).content.decode()
    assert "Isi yang dilaporkan pengunjung." not in html
    assert "disembunyikan sementara" in html
    client.force_login(moderator)
    hidden = client.get(CHANGELIST, {"status": "semua", "tersembunyi": "ya"})
    assert [s.pk for s in hidden.context["cl"].result_list] == [submission.pk]
    services.moderation_unhide(submission=submission, by=moderator)
    submission.refresh_from_db()
    assert submission.hidden_at is None
    assert not Flag.objects.exists()


def test_a_new_or_secret_submission_cannot_be_flagged(client):
    new = make_submission()
    secret = verified(privacy="rahasia")
    for submission in (new, secret):
        for n in range(3):
            assert flag(client, submission, f"198.51.100.{n}").status_code == 404
    assert not Flag.objects.exists()


def test_every_moderation_line_names_its_actor_in_the_audit_trail(moderator, city):
    submission = make_submission(sender_key="k" * 64)
    services.moderation_redact(submission=submission, subject="a", body="b", by=moderator)
    services.moderation_verify(submission=submission, by=moderator)
    services.moderation_route(submission=submission, units=[city["dinkes"]], by=moderator)
    services.moderation_ban(submission=submission, kind=BanKind.ADDRESS, reason="r", by=moderator)
    actions = [c.get("action") for c in contexts_of(submission) if c.get("user") == moderator.pk]
    assert actions == ["feedback_redact", "feedback_verify", "feedback_route"]
    ban_event = Events.objects.references(Ban.objects.get()).get()
    assert ban_event.pgh_context["user"] == moderator.pk
    assert set(
        TimelineEvent.objects.filter(submission=submission)
        .exclude(kind=EventKind.RECEIVED)
        .values_list("actor", flat=True)
    ) == {moderator.pk}
