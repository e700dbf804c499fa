import pytest
from django.urls import reverse
from django.utils.html import escape

from feedback.choices import EventKind, Status
from feedback.models import Submission, TimelineEvent
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import LOOKUP, SUBMIT, form_data, make_submission

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "{{ 7*7 }} {% debug %}",
    "</textarea><b>tebal</b>",
    "<iframe src=//evil.example></iframe>",
]
RAW_MARKERS = [
    "<script>",
    "<img src=x",
    "<svg/onload",
    '<a href="javascript',
    "<iframe",
    "<b>tebal",
]


def status_page(client, submission):
    response = client.get(LOOKUP, {"kode": submission.display_code})
    assert response.status_code == 200
    return response.content.decode()


def test_the_status_page_shows_the_status_and_the_public_timeline(client):
    submission = make_submission(subject="Jalan berlubang")
    TimelineEvent.objects.create(
        submission=submission, kind=EventKind.NOTE, note="Catatan publik moderator"
    )
    TimelineEvent.objects.create(
        submission=submission, kind=EventKind.NOTE, note="Catatan internal", is_public=False
    )
    html = status_page(client, submission)
    assert "Diterima, menunggu pemeriksaan" in html
    assert "Catatan publik moderator" in html
    assert "Catatan internal" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_every_text_field_is_escaped_on_the_status_page(client, payload):
    submission = make_submission(
        subject=f"Judul {payload}", body=f"Isi {payload}", name=f"Nama {payload}"
    )
    TimelineEvent.objects.create(submission=submission, kind=EventKind.NOTE, note=payload)
    html = status_page(client, submission)
    for marker in RAW_MARKERS:
        assert marker not in html
    assert escape(f"Judul {payload}") in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_the_moderation_fields_is_escaped_on_the_status_page(client, payload):
    submission = make_submission(
        subject="Judul asli",
        body="Isi asli",
        public_subject=f"Judul publik {payload}",
        public_body=f"Isi publik {payload}",
        rejection_reason=f"Alasan {payload}",
    )
    html = status_page(client, submission)
    for marker in RAW_MARKERS:
        assert marker not in html
    assert escape(f"Judul publik {payload}") in html
    assert escape(f"Alasan {payload}") in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_every_text_field_is_escaped_in_the_admin(client, payload):
    submission = make_submission(
        subject=f"Judul {payload}",
        body=f"Isi {payload}",
        name=f"Nama {payload}",
        email="warga@contoh.id",
        phone="0812 3456 7890",
        public_subject=f"Judul publik {payload}",
        public_body=f"Isi publik {payload}",
        rejection_reason=f"Alasan {payload}",
    )
    TimelineEvent.objects.create(submission=submission, kind=EventKind.NOTE, note=payload)
    client.force_login(UserFactory(is_superuser=True))
    for url in (
        reverse("admin:feedback_submission_changelist"),
        reverse("admin:feedback_submission_change", args=[submission.pk]),
        reverse("admin:feedback_submission_moderate", args=[submission.pk]),
    ):
        html = client.get(url).content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, url


def test_a_payload_sent_through_the_form_comes_back_escaped(client):
    payload = PAYLOADS[1]
    client.post(
        SUBMIT, form_data(subject=f"Judul {payload}", body=f"Isi yang cukup panjang {payload}")
    )
    submission = Submission.objects.get()
    assert submission.subject == f"Judul {payload}"  # stored as typed, escaped on output
    html = status_page(client, submission)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_only_a_public_sender_has_a_name_public_pages_may_show():
    names = {
        privacy: make_submission(privacy=privacy, name="Budi Santoso").public_name
        for privacy in ("publik", "anonim", "rahasia")
    }
    assert names == {"publik": "Budi Santoso", "anonim": "", "rahasia": ""}


def test_an_anonymous_senders_name_is_not_on_the_status_page(client):
    html = status_page(client, make_submission(privacy="anonim", name="Rina Kartika"))
    assert "Rina Kartika" not in html


def test_a_confidential_submission_shows_neither_its_text_nor_its_sender(client):
    submission = make_submission(
        privacy="rahasia", subject="Dugaan pungutan liar", body="Rincian rahasia", name="Andi"
    )
    html = status_page(client, submission)
    assert "Dugaan pungutan liar" not in html
    assert "Rincian rahasia" not in html
    assert "Andi" not in html
    assert "Diterima, menunggu pemeriksaan" in html


@pytest.mark.parametrize("privacy", ["publik", "anonim", "rahasia"])
def test_contact_data_never_reaches_a_public_page(client, privacy):
    response = client.post(
        SUBMIT,
        form_data(privacy=privacy, email="rahasia.warga@contoh.id", phone="0812 9999 1234"),
        follow=True,
    )
    pages = [response.content.decode()]
    submission = Submission.objects.get()
    pages.append(status_page(client, submission))
    for html in pages:
        assert "rahasia.warga@contoh.id" not in html
        assert "9999" not in html


def test_the_status_page_never_loads_contact_data(client, django_assert_max_num_queries):
    submission = make_submission(email="warga@contoh.id", phone="0812")
    loaded = Submission.objects.for_status_page().get(pk=submission.pk)
    assert {"email", "phone", "name"} & loaded.get_deferred_fields() == {"email", "phone", "name"}


def test_the_status_page_of_a_unit_target_links_the_unit(client):
    unit = UnitFactory(code="dishub", name="Dinas Perhubungan")
    html = status_page(client, make_submission(target_type="unit", unit=unit))
    assert reverse("personnel:unit-detail", args=["dishub"]) in html


@pytest.mark.parametrize("events", [10, 60])
def test_the_status_page_costs_the_same_queries_however_long_the_timeline(
    client, events, django_assert_num_queries
):
    unit = UnitFactory()
    submission = make_submission(target_type="unit", unit=unit)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(submission=submission, kind=EventKind.NOTE, note=f"catatan {n}")
        for n in range(events)
    )
    # rate-limit hit, the submission with its target, its public timeline
    with django_assert_num_queries(3):
        client.get(LOOKUP, {"kode": submission.code})


def test_lookups_are_rate_limited_against_guessing(client, settings):
    settings.FEEDBACK_RATE_LOOKUP_IP = (5, 600)
    statuses = [
        client.get(LOOKUP, {"kode": f"TPI-2222-3333-{n}{n}{n}{n}"}).status_code for n in "456789"
    ]
    assert statuses == [404] * 5 + [429]
    submission = make_submission()
    blocked = client.get(LOOKUP, {"kode": submission.code})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) <= 600


def test_the_lookup_form_alone_costs_no_rate_limit(client, settings):
    settings.FEEDBACK_RATE_LOOKUP_IP = (1, 600)
    for _ in range(3):
        assert client.get(LOOKUP).status_code == 200


def test_the_thank_you_link_expires_and_cannot_be_forged(client):
    response = client.get(reverse("feedback:thanks"), {"t": "2222AAAA3333"})
    assert response.status_code == 404
    assert "tidak berlaku" in response.content.decode()


def test_status_and_thank_you_pages_are_not_cached(client):
    submission = make_submission()
    response = client.get(LOOKUP, {"kode": submission.code})
    assert "no-store" in response["Cache-Control"]


def test_the_status_reflects_later_steps(client):
    submission = make_submission()
    Submission.objects.filter(pk=submission.pk).update(status=Status.DIVERIFIKASI)
    TimelineEvent.objects.create(
        submission=submission, kind=EventKind.STATUS, status=Status.DIVERIFIKASI
    )
    assert "Diverifikasi moderator" in status_page(client, submission)


def test_the_status_page_links_an_employee_and_a_report_target_in_fixed_queries(
    client, django_assert_num_queries
):
    from tests.factories import EmployeeFactory, ReportFactory

    employee = EmployeeFactory(name="Siti Rahmawati")
    report = ReportFactory(status="published")
    about_employee = make_submission(target_type="pegawai", employee=employee)
    about_report = make_submission(target_type="laporan", report=report)
    with django_assert_num_queries(3):
        html = status_page(client, about_employee)
    assert reverse("reports:employee-detail", args=[employee.public_id]) in html
    assert "Siti Rahmawati" in html
    with django_assert_num_queries(3):
        html = status_page(client, about_report)
    assert report.get_absolute_url() in html
    assert employee.nip not in html and report.employee.nip not in html
