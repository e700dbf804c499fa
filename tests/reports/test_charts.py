from hypothesis import given
from hypothesis import strategies as st

from reports.charts import decimal


@given(st.floats(min_value=-1e6, max_value=1e6))
def test_a_coordinate_is_written_as_round_to_two_places_writes_it(value):
    assert decimal(value) == f"{round(value, 2)}"


def test_a_coordinate_keeps_one_decimal_place_where_round_keeps_it():
    assert [decimal(value) for value in (0.0, 360.0, 61.5, 2.675, 0.004)] == [
        "0.0",
        "360.0",
        "61.5",
        "2.67",  # 2.675 is stored as 2.67499…, which round() also writes 2.67
        "0.0",
    ]
