import time

import pytest
from django.db import IntegrityError
from django.urls import reverse

from feedback.forms import rendered_token
from feedback.models import RateCounter, Submission, TimelineEvent
from reports.models import Withholding
from tests.factories import EmployeeFactory, ReportFactory, UnitFactory, UserFactory
from tests.feedback.helpers import BODY, LOOKUP, SUBMIT, form_data, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def health():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)


def nothing_written():
    return Submission.objects.count() == 0 and TimelineEvent.objects.count() == 0


def test_a_citizen_sends_a_critique_to_a_unit_and_gets_a_tracking_code(client, health):
    response = client.post(SUBMIT, form_data(sasaran="unit:dinkes"), follow=True)
    assert response.status_code == 200
    submission = Submission.objects.get()
    assert submission.unit == health
    assert submission.target_type == "unit"
    assert submission.status == "baru"
    assert response.context["code"] == submission.display_code
    assert submission.display_code in response.content.decode()
    assert list(submission.timeline.values_list("kind", "status")) == [("diterima", "baru")]


def test_the_form_preselects_a_unit_from_the_link_on_its_page(client, health):
    page = client.get(reverse("personnel:unit-detail", args=["dinkes"]))
    assert f'href="{SUBMIT}?unit=dinkes"' in page.content.decode()
    response = client.get(SUBMIT, {"unit": "dinkes"})
    assert response.context["form"]["sasaran"].value() == "unit:dinkes"


def test_an_employee_link_fixes_the_target_to_that_employee(client):
    employee = EmployeeFactory(name="Siti Rahmawati")
    page = client.get(reverse("reports:employee-detail", args=[employee.public_id]))
    assert f"{SUBMIT}?asn={employee.public_id}" in page.content.decode()
    response = client.get(SUBMIT, {"asn": employee.public_id})
    assert "Siti Rahmawati" in response.content.decode()
    client.post(SUBMIT, form_data(sasaran=f"asn:{employee.public_id}"))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.employee) == ("pegawai", employee)


def test_a_report_link_fixes_the_target_to_that_report(client):
    report = ReportFactory(status="published")
    target = f"laporan:{report.employee.public_id}:{report.period.code}:{report.version}"
    page = client.get(report.get_absolute_url())
    assert f"?asn={report.employee.public_id}&amp;periode={report.period.code}" in (
        page.content.decode()
    )
    response = client.get(
        SUBMIT,
        {"asn": report.employee.public_id, "periode": report.period.code, "versi": "1"},
    )
    assert response.context["form"]["sasaran"].value() == target
    client.post(SUBMIT, form_data(sasaran=target))
    submission = Submission.objects.get()
    assert (submission.target_type, submission.report) == ("laporan", report)


def test_a_withheld_employees_report_cannot_be_targeted(client):
    report = ReportFactory(status="published")
    Withholding.objects.create(
        employee=report.employee, reason="Keputusan PPID", decided_by=UserFactory()
    )
    target = f"laporan:{report.employee.public_id}:{report.period.code}:1"
    response = client.post(SUBMIT, form_data(sasaran=target))
    assert response.status_code == 400
    assert nothing_written()


def test_an_unknown_target_in_a_link_is_said_and_the_form_still_works(client, health):
    response = client.get(SUBMIT, {"unit": "tidak-ada"})
    assert response.status_code == 200
    assert "tidak ditemukan" in response.content.decode()
    assert response.context["form"]["sasaran"].value() == "portal"


def test_the_database_refuses_a_submission_with_two_targets(health):
    employee = EmployeeFactory()
    with pytest.raises(IntegrityError):
        make_submission(target_type="unit", unit=health, employee=employee)


def test_the_database_refuses_a_portal_submission_that_names_a_unit(health):
    with pytest.raises(IntegrityError):
        make_submission(target_type="portal", unit=health)


def test_a_filled_honeypot_gets_the_normal_thank_you_page_and_writes_nothing(client):
    response = client.post(SUBMIT, form_data(situs_web="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert response.templates[0].name == "feedback/thanks.html"
    assert response.context["code"].startswith("TPI-")
    assert nothing_written()
    assert RateCounter.objects.count() == 0


def test_a_form_sent_under_three_seconds_after_rendering_is_refused(client, settings):
    settings.FEEDBACK_FORM_MIN_SECONDS = 3
    response = client.post(SUBMIT, form_data(rendered=rendered_token(time.time() - 1)))
    assert response.status_code == 400
    assert "terlalu cepat" in response.content.decode()
    assert nothing_written()
    # what was typed is kept, under a fresh clock
    assert response.context["form"]["subject"].value() == "Antrean loket terlalu panjang"


def test_a_form_sent_more_than_a_day_after_rendering_is_refused(client):
    response = client.post(SUBMIT, form_data(rendered=rendered_token(time.time() - 86401)))
    assert response.status_code == 400
    assert "terlalu lama" in response.content.decode()
    assert nothing_written()


def test_a_missing_or_forged_render_time_is_refused(client):
    for forged in ("", "1700000000", rendered_token()[:-2] + "xx"):
        response = client.post(SUBMIT, form_data(rendered=forged))
        assert response.status_code == 400
    assert nothing_written()


def test_the_consent_must_be_given(client):
    data = form_data()
    del data["consent"]
    response = client.post(SUBMIT, data)
    assert response.status_code == 400
    assert "persetujuan" in response.content.decode()
    assert nothing_written()


def test_a_body_over_the_length_limit_is_refused(client, settings):
    settings.FEEDBACK_MAX_BODY = 100
    response = client.post(SUBMIT, form_data(body="a" * 101))
    assert response.status_code == 400
    assert nothing_written()


def test_a_body_with_too_many_links_is_refused(client, settings):
    settings.FEEDBACK_MAX_LINKS = 2
    links = " ".join(f"https://contoh{n}.example/promo" for n in range(3))
    response = client.post(SUBMIT, form_data(body=f"Kunjungi tautan ini: {links}"))
    assert response.status_code == 400
    assert "tautan" in response.content.decode()
    assert nothing_written()


def test_a_bad_phone_number_is_refused_with_a_message(client):
    response = client.post(SUBMIT, form_data(phone="telepon saya"))
    assert response.status_code == 400
    assert nothing_written()


def test_the_same_text_sent_twice_is_stored_once(client):
    assert client.post(SUBMIT, form_data()).status_code == 302
    again = client.post(SUBMIT, form_data(body=BODY.upper() + "  !!", subject="Lagi soal antrean"))
    assert again.status_code == 409
    assert "sudah kami terima" in again.content.decode()
    assert Submission.objects.count() == 1


def test_the_same_text_is_accepted_again_after_the_duplicate_window(client, settings):
    make_submission(body=BODY)
    Submission.objects.update(created_at="2020-01-01T00:00:00Z")
    assert client.post(SUBMIT, form_data()).status_code == 302
    assert Submission.objects.count() == 2


def test_the_limit_per_address_answers_429_with_retry_after(client, settings):
    settings.FEEDBACK_RATE_SUBMIT_IP = (3, 3600)
    for n in range(3):
        assert client.post(SUBMIT, form_data(body=f"{BODY} ke-{n}")).status_code == 302
    response = client.post(SUBMIT, form_data(body=f"{BODY} keempat"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert Submission.objects.count() == 3


def test_a_forged_x_forwarded_for_does_not_reset_the_limit(client, settings):
    settings.FEEDBACK_RATE_SUBMIT_IP = (2, 3600)
    statuses = [
        client.post(
            SUBMIT,
            form_data(body=f"{BODY} ke-{n}"),
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_behind_a_trusted_proxy_only_the_hop_it_saw_counts(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.FEEDBACK_RATE_SUBMIT_IP = (2, 3600)
    statuses = [
        client.post(
            SUBMIT,
            form_data(body=f"{BODY} ke-{n}"),
            REMOTE_ADDR="127.0.0.1",
            # the client wrote the first entry; the proxy appended the address it saw
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    other = client.post(
        SUBMIT,
        form_data(body=f"{BODY} orang lain"),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other.status_code == 302


def test_the_limit_per_email_holds_across_addresses(client, settings):
    settings.FEEDBACK_RATE_SUBMIT_EMAIL = (2, 86400)
    statuses = [
        client.post(
            SUBMIT,
            form_data(
                body=f"{BODY} ke-{n}", email="Warga@Contoh.id" if n % 2 else "warga@contoh.id"
            ),
            REMOTE_ADDR=f"198.51.100.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Submission.objects.count() == 2


def test_the_rate_table_holds_hashes_not_addresses_or_emails(client):
    client.post(SUBMIT, form_data(email="warga@contoh.id"), REMOTE_ADDR="198.51.100.77")
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "198.51.100.77" not in keys
    assert "warga" not in keys
    assert RateCounter.objects.count() == 2


def test_a_submission_costs_the_same_queries_whatever_the_table_holds(
    client, health, django_assert_max_num_queries
):
    for _ in range(30):
        make_submission()
    # 14: the ban look-up (e-mail and address in one query) and the holidays for the deadline.
    with django_assert_max_num_queries(14):
        response = client.post(SUBMIT, form_data(sasaran="unit:dinkes", email="a@contoh.id"))
    assert response.status_code == 302


def test_the_form_page_costs_a_fixed_number_of_queries(
    client, health, django_assert_max_num_queries
):
    for n in range(40):
        UnitFactory(code=f"unit-{n}", parent=health)
    with django_assert_max_num_queries(3):
        assert client.get(SUBMIT, {"unit": "dinkes"}).status_code == 200


def test_the_privacy_notice_is_linked_from_the_form(client):
    response = client.get(SUBMIT)
    assert reverse("feedback:privacy") in response.content.decode()
    notice = client.get(reverse("feedback:privacy"))
    assert notice.status_code == 200
    assert "180 hari" in notice.content.decode()


def test_the_nav_links_to_the_form_and_the_form_to_the_lookup(client):
    response = client.get("/")
    assert f'href="{SUBMIT}"' in response.content.decode()
    assert LOOKUP in client.get(SUBMIT).content.decode()


def test_a_post_without_the_csrf_token_is_refused_with_a_readable_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SUBMIT, form_data())
    assert response.status_code == 403
    assert "Formulir tidak dapat diterima" in response.content.decode()
    assert nothing_written()


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "a\x00b"},
        {"asn": "x" * 500},
        {"asn": "abc", "periode": "2025", "versi": "²"},
        {"asn": "abc", "periode": "2025", "versi": "99999999999"},
        {"unit": "<script>"},
    ],
)
def test_a_broken_link_gets_the_form_with_a_message_never_an_error(client, params):
    response = client.get(SUBMIT, params)
    assert response.status_code == 200
    assert response.context["unknown_target"]


def test_a_posted_target_that_is_garbage_is_a_form_error(client):
    response = client.post(SUBMIT, form_data(sasaran="laporan:\x00:x:²"))
    assert response.status_code == 400
    assert nothing_written()


def test_an_ipv6_client_counts_by_its_64_prefix():
    from feedback.ratelimit import address_key

    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:198.51.100.1") == address_key("198.51.100.1")
