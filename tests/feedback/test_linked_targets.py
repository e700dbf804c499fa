"""Selections, candidates, forums and commitments as feedback targets: the link on their page,
the form fixed to them, the link row their app keeps, and what the public then sees."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from feedback.choices import Status
from feedback.models import Submission
from forums.models import FeedbackLink as ForumLink
from personnel import roles
from selection.choices import Outcome, StageKind
from selection.models import FeedbackLink as SelectionLink
from selection.models import StageResult
from tests.factories import (
    CandidateFactory,
    CommitmentFactory,
    ForumFactory,
    SelectionFactory,
    UnitFactory,
    UserFactory,
)
from tests.feedback.helpers import SUBMIT, form_data, make_submission

pytestmark = pytest.mark.django_db

PUBLIC_LIST = reverse("feedback:public-list")
CHANGELIST = reverse("admin:feedback_submission_changelist")


def published(submission):
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    return submission


def about_commitment(commitment, **fields):
    submission = make_submission(target_type="komitmen", **fields)
    ForumLink.objects.create(submission=submission, commitment=commitment)
    return submission


def named_candidate(selection, outcome=Outcome.PASSED, announced=True):
    candidate = CandidateFactory(selection=selection)
    stage = selection.stages.get(kind=StageKind.ADMINISTRATION)
    StageResult.objects.create(stage=stage, candidate=candidate, outcome=outcome)
    if announced:
        stage.results_published_at = timezone.now() - datetime.timedelta(hours=1)
        stage.save()
    return candidate


def past_schedule():
    """A selection whose stages all lie in the past: its input window is closed."""
    return SelectionFactory(schedule=timezone.localdate() - datetime.timedelta(days=90))


# --------------------------------------------------------------------------- sending


def test_a_resident_sends_feedback_from_a_forum_page_and_the_forum_keeps_the_link(client):
    forum = ForumFactory(title="Forum Warga Dompak November")
    page = client.get(forum.get_absolute_url()).content.decode()
    assert f'href="{SUBMIT}?forum={forum.slug}"' in page

    form = client.get(SUBMIT, {"forum": forum.slug})
    assert form.context["form"]["sasaran"].value() == f"forum:{forum.slug}"
    assert "Forum Warga Dompak November" in form.content.decode()
    assert "forum warga" in form.content.decode()

    client.post(SUBMIT, form_data(sasaran=f"forum:{forum.slug}"))
    submission = Submission.objects.get()
    assert submission.target_type == "forum"
    assert (submission.unit, submission.employee, submission.report) == (None, None, None)
    assert submission.forums_link.forum == forum
    assert submission.target == forum


def test_a_commitment_link_fixes_the_target_to_that_commitment(client):
    commitment = CommitmentFactory()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert f'href="{SUBMIT}?komitmen={commitment.pk}"' in page
    client.post(SUBMIT, form_data(sasaran=f"komitmen:{commitment.pk}"))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.target) == ("komitmen", commitment)


def test_a_selection_link_fixes_the_target_to_that_selection(client):
    selection = SelectionFactory(schedule=timezone.localdate())
    page = client.get(selection.get_absolute_url()).content.decode()
    assert f'href="{SUBMIT}?seleksi={selection.slug}"' in page
    client.post(SUBMIT, form_data(sasaran=f"seleksi:{selection.slug}"))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.target) == ("seleksi", selection)
    assert SelectionLink.objects.get().selection == selection


def test_feedback_on_a_named_candidate_is_always_confidential(client):
    selection = past_schedule()
    candidate = named_candidate(selection)

    form = client.get(SUBMIT, {"kandidat": candidate.pk})
    assert [value for value, _label in form.context["form"].fields["privacy"].choices] == [
        "rahasia"
    ]
    assert "tidak pernah ditampilkan di portal" in form.content.decode()

    refused = client.post(SUBMIT, form_data(sasaran=f"kandidat:{candidate.pk}", privacy="publik"))
    assert refused.status_code == 400
    assert not Submission.objects.exists()

    client.post(SUBMIT, form_data(sasaran=f"kandidat:{candidate.pk}", privacy="rahasia"))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.privacy) == ("kandidat", "rahasia")
    assert submission.target == candidate


@pytest.mark.parametrize(
    "case", ["failed", "unannounced", "unannounced selection", "not a number", "unknown"]
)
def test_a_candidate_no_public_page_names_cannot_be_targeted(client, case):
    selection = past_schedule()
    if case == "failed":
        key = named_candidate(selection, outcome=Outcome.FAILED).pk
    elif case == "unannounced":
        key = named_candidate(selection, announced=False).pk
    elif case == "unannounced selection":
        key = named_candidate(selection).pk
        type(selection).objects.filter(pk=selection.pk).update(published_at=None)
    elif case == "not a number":
        key = "1 OR 1=1"
    else:
        key = 999999
    form = client.get(SUBMIT, {"kandidat": key})
    assert form.status_code == 200
    assert "tidak ditemukan" in form.content.decode()
    response = client.post(SUBMIT, form_data(sasaran=f"kandidat:{key}", privacy="rahasia"))
    assert response.status_code == 400
    assert not Submission.objects.exists() and not SelectionLink.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"forum": "belum-diumumkan"},
        {"forum": "x" * 500},
        {"komitmen": "12abc"},
        {"komitmen": "99999999999999999999"},
        {"seleksi": "tidak-ada"},
        {"seleksi": "a\x00b"},
    ],
)
def test_a_link_to_something_not_public_is_said_and_nothing_is_stored(client, params):
    ForumFactory(slug="belum-diumumkan", published_at=None)
    form = client.get(SUBMIT, params)
    assert form.status_code == 200
    assert "tidak ditemukan" in form.content.decode()
    [(param, value)] = params.items()
    type_ = {"forum": "forum", "komitmen": "komitmen", "seleksi": "seleksi"}[param]
    response = client.post(SUBMIT, form_data(sasaran=f"{type_}:{value}"))
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_the_database_refuses_a_link_to_a_forum_and_a_commitment_at_once():
    submission = make_submission(target_type="forum")
    with pytest.raises(IntegrityError):
        ForumLink.objects.create(
            submission=submission, forum=ForumFactory(), commitment=CommitmentFactory()
        )


def test_the_database_refuses_feedback_on_a_candidate_that_is_not_confidential():
    with pytest.raises(IntegrityError):
        make_submission(target_type="kandidat", privacy="anonim")


def test_the_database_refuses_a_link_to_nothing():
    submission = make_submission(target_type="seleksi")
    with pytest.raises(IntegrityError):
        SelectionLink.objects.create(submission=submission)


def test_the_database_refuses_a_forum_submission_that_names_a_unit():
    with pytest.raises(IntegrityError):
        make_submission(target_type="forum", unit=UnitFactory())


# --------------------------------------------------------------------------- what the public sees


def test_the_commitment_page_shows_published_feedback_about_it_and_nothing_else(client):
    commitment = CommitmentFactory()
    published(about_commitment(commitment, subject="Lampu masih padam di RW 03"))
    about_commitment(commitment, subject="Belum diperiksa moderator")
    published(about_commitment(commitment, subject="Isi rahasia", privacy="rahasia"))
    published(about_commitment(CommitmentFactory(), subject="Tentang komitmen lain"))
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Lampu masih padam di RW 03" in page
    for hidden in ("Belum diperiksa moderator", "Isi rahasia", "Tentang komitmen lain"):
        assert hidden not in page


def test_the_public_list_narrows_to_one_commitment_and_the_item_links_back(client):
    commitment = CommitmentFactory(title="Memperbaiki drainase Jalan Ganet")
    mine = [published(about_commitment(commitment, subject=f"Drainase {n}")) for n in range(7)]
    published(make_submission(subject="Masukan tentang portal", target_type="portal"))

    page = client.get(commitment.get_absolute_url()).content.decode()
    assert f"?tentang=komitmen%3A{commitment.pk}" in page  # more than five: a link to all

    response = client.get(PUBLIC_LIST, {"tentang": f"komitmen:{commitment.pk}"})
    assert {s.pk for s in response.context["submissions"]} == {s.pk for s in mine}
    assert "Memperbaiki drainase Jalan Ganet" in response.content.decode()

    item = client.get(reverse("feedback:public-detail", args=[mine[0].pk])).content.decode()
    assert f'href="{commitment.get_absolute_url()}"' in item


@pytest.mark.parametrize("value", ["komitmen:999999", "unit:dinkes", "garbage", "forum:"])
def test_an_unknown_subject_in_the_public_list_is_said_and_ignored(client, value):
    published(make_submission(subject="Masukan tentang portal", target_type="portal"))
    response = client.get(PUBLIC_LIST, {"tentang": value})
    assert response.status_code == 200
    if value != "forum:":
        assert "tidak ditemukan; filter diabaikan" in response.content.decode()
        # the form does not carry the bad value into the next search
        assert 'name="tentang"' not in response.content.decode()
    assert len(response.context["submissions"]) == 1


def test_the_status_page_tells_the_sender_what_the_feedback_is_about(client):
    forum = ForumFactory(title="Forum Warga Senggarang")
    client.post(SUBMIT, form_data(sasaran=f"forum:{forum.slug}"))
    submission = Submission.objects.get()
    page = client.get(reverse("feedback:lookup"), {"kode": submission.display_code})
    assert f'<a href="{forum.get_absolute_url()}">Forum Warga Senggarang</a>' in (
        page.content.decode()
    )


def test_the_selection_page_offers_feedback_on_named_candidates_only_outside_the_window(
    client,
):
    selection = past_schedule()
    passed = named_candidate(selection)
    failed = named_candidate(selection, outcome=Outcome.FAILED)
    page = client.get(selection.get_absolute_url()).content.decode()
    assert f'<option value="{passed.pk}">' in page
    assert f'<option value="{failed.pk}">' not in page

    during = SelectionFactory(
        schedule=timezone.localdate() - datetime.timedelta(days=14)  # track record: week 3
    )
    named_candidate(during)
    page = client.get(during.get_absolute_url()).content.decode()
    assert 'name="kandidat"' not in page  # the panel's own input form takes it


# --------------------------------------------------------------------------- moderation


@pytest.fixture
def moderator():
    root = UnitFactory(code="pemkot", kind="pemkot")
    return UserFactory(units=[root], groups=[Group.objects.get(name=roles.MODERATOR)])


def test_moderation_suggests_routing_to_the_commitments_responsible_unit(client, moderator):
    commitment = CommitmentFactory(unit=UnitFactory(name="Dinas PUPR"))
    submission = about_commitment(commitment)
    client.force_login(moderator)
    page = client.get(reverse("admin:feedback_submission_moderate", args=[submission.pk]))
    assert page.context["forms"]["route"].initial["units"] == [commitment.unit]


@pytest.mark.parametrize("rows", [5, 40])
def test_the_changelist_with_linked_targets_costs_the_same_queries(
    client, moderator, rows, django_assert_max_num_queries
):
    forum = ForumFactory()
    for n in range(rows):
        if n % 2:
            about_commitment(CommitmentFactory())
        else:
            submission = make_submission(target_type="forum")
            ForumLink.objects.create(submission=submission, forum=forum)
    client.force_login(moderator)
    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert forum.title in response.content.decode()
