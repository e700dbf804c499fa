import re

import pytest

from feedback import codes
from feedback.models import Submission
from feedback.services import _insert_with_fresh_code, body_hash
from tests.feedback.helpers import LOOKUP, make_submission

pytestmark = pytest.mark.django_db

CONFUSABLE = set("0O1IL")


def test_a_code_has_twelve_symbols_without_look_alikes():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 12
        assert not CONFUSABLE & set(code)
        assert set(code) <= set(codes.ALPHABET)


def test_a_code_is_shown_with_the_prefix_in_groups_of_four():
    assert codes.display("7K3F9QX2M4HD") == "TPI-7K3F-9QX2-M4HD"
    assert re.fullmatch(r"TPI-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", codes.display(codes.new_code()))


def test_codes_carry_enough_randomness_not_to_repeat():
    drawn = {codes.new_code() for _ in range(20000)}
    assert len(drawn) == 20000
    # every symbol turns up in every position: no position is fixed
    for position in range(codes.LENGTH):
        assert {code[position] for code in drawn} == set(codes.ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "TPI-7K3F-9QX2-M4HD",
        "tpi-7k3f-9qx2-m4hd",
        "7K3F9QX2M4HD",
        " 7k3f 9qx2 m4hd ",
        "TPI 7K3F–9QX2—M4HD",
        "tpi7k3f9qx2m4hd",
        "7K3F-9QX2-M4HD",
    ],
)
def test_a_typed_code_is_understood_in_any_case_and_with_any_dashes(typed):
    assert codes.normalize(typed) == "7K3F9QX2M4HD"


@pytest.mark.parametrize(
    "typed",
    ["", "TPI-7K3F-9QX2", "7K3F9QX2M4H0", "7K3F9QX2M4HO", "7K3F9QX2M4HI", "x" * 40, "'; --"],
)
def test_what_cannot_be_a_code_is_refused(typed):
    assert codes.normalize(typed) is None


def test_the_database_refuses_a_code_outside_the_alphabet():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Submission.objects.create(
            code="OOOOOOOOOOOO",
            kind="saran",
            subject="Judul",
            body="Isi",
            body_hash=body_hash("Isi"),
            consent_at="2026-01-01T00:00:00Z",
        )


def test_a_clash_of_codes_draws_again():
    taken = make_submission()
    draws = iter([taken.code, "22222222AAAA"])
    fields = {
        "kind": "saran",
        "subject": "Judul",
        "body": "Isi lain",
        "body_hash": body_hash("Isi lain"),
        "consent_at": "2026-01-01T00:00:00Z",
    }
    submission = _insert_with_fresh_code(fields, new_code=lambda: next(draws))
    assert submission.code == "22222222AAAA"


def test_the_lookup_finds_a_code_typed_in_lower_case_with_spaces(client):
    submission = make_submission(subject="Lampu jalan padam")
    typed = " ".join(submission.code[i : i + 4] for i in range(0, 12, 4)).lower()
    response = client.get(LOOKUP, {"kode": typed})
    assert response.status_code == 200
    assert "Lampu jalan padam" in response.content.decode()


def test_a_lookup_of_an_unknown_code_says_so(client):
    response = client.get(LOOKUP, {"kode": "TPI-2222-3333-4444"})
    assert response.status_code == 404
    assert "Tidak ada masukan dengan kode itu" in response.content.decode()


def test_a_lookup_of_something_that_is_not_a_code_explains_the_format(client):
    response = client.get(LOOKUP, {"kode": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "bukan kode pelacakan" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
