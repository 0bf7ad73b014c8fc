from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stats import periods


@pytest.mark.parametrize(
    "text,start,end,kind",
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2024S1", date(2024, 1, 1), date(2024, 6, 30), "half"),
        ("2024s2", date(2024, 7, 1), date(2024, 12, 31), "half"),
        ("2024Q3", date(2024, 7, 1), date(2024, 9, 30), "quarter"),
        ("202402", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("202302", date(2023, 2, 1), date(2023, 2, 28), "month"),
    ],
)
def test_periods_parse(text, start, end, kind):
    period = periods.parse(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["", "24", "2024S3", "2024Q0", "2024Q5", "202413", "202400", "2024-07", "abcd"])
def test_bad_periods_are_refused(text):
    with pytest.raises(periods.PeriodError):
        periods.parse(text)
    assert not periods.is_valid(text)


@given(st.integers(1901, 2100), st.integers(1, 12))
def test_previous_month_ends_the_day_before(year, month):
    period = periods.parse(f"{year}{month:02d}")
    assert (period.start - period.previous().end).days == 1


@pytest.mark.parametrize(
    "text,previous", [("2024", "2023"), ("2024S1", "2023S2"), ("2024Q1", "2023Q4"), ("2024Q3", "2024Q2")]
)
def test_previous(text, previous):
    assert periods.parse(text).previous().code == previous
