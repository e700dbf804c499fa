import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback import ratelimit
from feedback.models import RateCounter, Submission
from tests.feedback.helpers import close, make_submission

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Budi Santoso", "email": "budi@contoh.id", "phone": "081234567890"}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_the_purge_blanks_contact_data_of_long_closed_submissions_and_keeps_the_text():
    old = close(
        make_submission(subject="Trotoar rusak", body="Isi tetap", **CONTACT), days_ago(200)
    )
    call_command("purge_feedback_contacts", days=180)
    old.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "")
    assert old.contact_purged_at is not None
    assert (old.subject, old.body) == ("Trotoar rusak", "Isi tetap")


def test_the_purge_leaves_recently_closed_and_open_submissions_alone():
    recent = close(make_submission(**CONTACT), days_ago(10))
    still_open = make_submission(**CONTACT)
    call_command("purge_feedback_contacts", days=180)
    for submission in (recent, still_open):
        submission.refresh_from_db()
        assert submission.email == "budi@contoh.id"
        assert submission.contact_purged_at is None


def test_the_retention_comes_from_the_settings(settings):
    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 5
    from feedback.services import purge_contacts

    close(make_submission(**CONTACT), days_ago(6))
    assert purge_contacts(older_than_days=settings.FEEDBACK_CONTACT_RETENTION_DAYS) == 1


def test_a_dry_run_changes_nothing(capsys):
    close(make_submission(**CONTACT), days_ago(200))
    call_command("purge_feedback_contacts", days=180, dry_run=True)
    assert "1 masukan" in capsys.readouterr().out
    assert Submission.objects.get().email == "budi@contoh.id"


def test_the_audit_trail_never_holds_contact_data():
    submission = make_submission(**CONTACT)
    close(submission, days_ago(200))
    call_command("purge_feedback_contacts", days=180)
    events = submission.events.all()
    assert events.count() >= 2
    snapshot_fields = {field.name for field in events.model._meta.get_fields()}
    assert not {"name", "email", "phone"} & snapshot_fields


def test_the_database_refuses_a_purged_row_that_still_has_contact_data():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_submission(contact_purged_at=timezone.now(), **CONTACT)


def test_the_database_refuses_a_closed_submission_without_a_closing_date():
    from django.db import IntegrityError

    submission = make_submission()
    with pytest.raises(IntegrityError):
        Submission.objects.filter(pk=submission.pk).update(status="ditolak")


def test_the_database_refuses_a_jump_in_the_lifecycle():
    from django.db import ProgrammingError

    submission = make_submission()
    with pytest.raises(ProgrammingError, match="Invalid transition"):
        Submission.objects.filter(pk=submission.pk).update(status="ditanggapi", closed_at=None)


def test_the_purge_also_drops_expired_rate_counters():
    key = ratelimit.address_key("198.51.100.1")
    ratelimit.hit("submit-ip", key, (10, 3600), now=days_ago(3))
    ratelimit.hit("submit-ip", key, (10, 3600))
    call_command("purge_feedback_contacts")
    assert RateCounter.objects.count() == 1
