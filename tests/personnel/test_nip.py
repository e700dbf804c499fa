import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from personnel.nip import compose_pns_nip, decode_pns_nip, normalize_nip

TODAY = datetime.date(2026, 11, 29)


@st.composite
def valid_pns(draw):
    birth = draw(st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2006, 1, 1)))
    earliest = datetime.date(birth.year + 18, birth.month, 1)
    tmt = draw(st.dates(min_value=earliest, max_value=TODAY)).replace(day=1)
    gender = draw(st.sampled_from("LP"))
    sequence = draw(st.integers(min_value=1, max_value=999))
    return birth, tmt, gender, sequence


@given(valid_pns())
def test_a_valid_pns_nip_decodes_to_the_facts_it_was_built_from(facts):
    birth, tmt, gender, sequence = facts
    decoded = decode_pns_nip(compose_pns_nip(birth, tmt, gender, sequence), today=TODAY)
    assert (decoded.birth_date, decoded.tmt_cpns, decoded.gender, decoded.sequence) == facts


@given(
    year=st.integers(1950, 2000),
    month=st.integers(0, 99),
    day=st.integers(0, 99),
)
def test_a_birth_date_that_does_not_exist_is_rejected(year, month, day):
    try:
        datetime.date(year, month, day)
    except ValueError:
        pass
    else:
        return  # a real date: covered by the valid case
    nip = f"{year:04d}{month:02d}{day:02d}2010011001"
    with pytest.raises(ValidationError) as error:
        decode_pns_nip(nip, today=TODAY)
    assert error.value.code == "nip_birth_date"


@given(month=st.integers(0, 99).filter(lambda m: not 1 <= m <= 12))
def test_an_appointment_month_that_does_not_exist_is_rejected(month):
    with pytest.raises(ValidationError) as error:
        decode_pns_nip(f"198501012010{month:02d}1001", today=TODAY)
    assert error.value.code == "nip_tmt"


@given(st.text(min_size=0, max_size=25))
def test_anything_but_eighteen_digits_is_rejected(text):
    if len(text) == 18 and text.isascii() and text.isdigit():
        return
    with pytest.raises(ValidationError):
        decode_pns_nip(text, today=TODAY)


def test_february_the_thirtieth_is_not_a_birth_date():
    with pytest.raises(ValidationError, match="bukan tanggal"):
        decode_pns_nip("198502302010011001", today=TODAY)


def test_the_twenty_ninth_of_february_is_a_birth_date_in_a_leap_year_only():
    assert decode_pns_nip("198402292010011001", today=TODAY).birth_date == datetime.date(
        1984, 2, 29
    )
    with pytest.raises(ValidationError):
        decode_pns_nip("198502292010011001", today=TODAY)


def test_an_appointment_before_the_age_of_eighteen_is_rejected():
    with pytest.raises(ValidationError) as error:
        decode_pns_nip("199006152008011001", today=TODAY)
    assert error.value.code == "nip_underage"


def test_an_appointment_in_the_month_of_the_eighteenth_birthday_is_accepted():
    assert decode_pns_nip("199006152008061001", today=TODAY).tmt_cpns == datetime.date(2008, 6, 1)


def test_an_appointment_in_the_future_is_rejected():
    with pytest.raises(ValidationError) as error:
        decode_pns_nip("199001012027011001", today=TODAY)
    assert error.value.code == "nip_tmt"


def test_a_birth_date_in_the_future_is_rejected():
    with pytest.raises(ValidationError):
        decode_pns_nip("202701012045011001", today=TODAY)


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_the_gender_digit_must_be_one_or_two(digit):
    with pytest.raises(ValidationError) as error:
        decode_pns_nip(f"19850101201001{digit}001", today=TODAY)
    assert error.value.code == "nip_gender"


def test_sequence_zero_is_rejected():
    with pytest.raises(ValidationError) as error:
        decode_pns_nip("198501012010011000", today=TODAY)
    assert error.value.code == "nip_sequence"


def test_the_gender_digit_decodes_to_male_and_female():
    assert decode_pns_nip("198501012010011001", today=TODAY).gender == "L"
    assert decode_pns_nip("198501012010012001", today=TODAY).gender == "P"


def test_spaces_and_dots_typed_inside_a_nip_are_dropped():
    assert normalize_nip(" 19850101 201001 1 001 ") == "198501012010011001"
    assert normalize_nip("19850101.201001.1.001") == "198501012010011001"


def test_someone_born_on_29_february_may_be_appointed_in_the_february_they_turn_18():
    nip = compose_pns_nip(datetime.date(2000, 2, 29), datetime.date(2018, 2, 1), "L", 1)
    assert decode_pns_nip(nip, today=TODAY).birth_date == datetime.date(2000, 2, 29)
    too_early = compose_pns_nip(datetime.date(2000, 2, 29), datetime.date(2018, 1, 1), "L", 1)
    with pytest.raises(ValidationError, match="sebelum usia 18"):
        decode_pns_nip(too_early, today=TODAY)
