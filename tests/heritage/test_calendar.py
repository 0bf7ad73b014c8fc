"""The festival calendar page and its iCalendar feed."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from heritage.calendar import describe_timing, month_grids, occurrences
from tests.factories import FestivalPageFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def festivals(indexes, units):
    parent = indexes["festivals"]
    return {
        # 16th day of the 1st lunar month: 21 Feb 2027, 10 Feb 2028
        "lunar": FestivalPageFactory(
            parent=parent,
            title="Hội đầu năm",
            slug="hoi-dau-nam",
            calendar="lunar",
            start_month=1,
            start_day=16,
        ),
        "months": FestivalPageFactory(
            parent=parent,
            title="Lễ thần làng",
            slug="than-lang",
            calendar="lunar",
            start_month=2,
            start_day=None,
            end_month=5,
        ),
        "solar": FestivalPageFactory(
            parent=parent,
            title="Liên hoan tháng sáu",
            slug="lien-hoan",
            calendar="solar",
            start_month=6,
            start_day=16,
            end_day=18,
            unit=units["van_canh"],
        ),
        "season": FestivalPageFactory(
            parent=parent,
            title="Ăn cốm mới",
            slug="an-com",
            calendar="variable",
            start_month=12,
            start_day=None,
            end_month=3,
            season_text="Sau mùa gặt",
        ),
        "undated": FestivalPageFactory(
            parent=parent,
            title="Lễ cầu mưa",
            slug="cau-mua",
            calendar="variable",
            start_month=None,
            start_day=None,
            season_text="Chưa rõ",
        ),
        "draft": FestivalPageFactory(parent=parent, title="Lễ bản nháp", slug="nhap", live=False),
    }


def test_occurrences_convert_lunar_dates(festivals):
    start, end = datetime.date(2027, 1, 1), datetime.date(2028, 12, 31)
    found = occurrences(festivals["lunar"], start, end)
    assert [o.start for o in found] == [datetime.date(2027, 2, 21), datetime.date(2028, 2, 10)]
    assert all(o.exact and o.start == o.end for o in found)


def test_lunar_month_range_spans_whole_months(festivals):
    (occ,) = occurrences(festivals["months"], datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    # 1st day of lunar month 2 (2027) … last day of lunar month 5
    assert occ.start == datetime.date(2027, 3, 8)
    assert occ.end == datetime.date(2027, 7, 3)
    assert not occ.exact


def test_season_appears_under_its_months(festivals):
    grids = month_grids(list(festivals.values())[:4], datetime.date(2027, 1, 1))
    seasonal = {g["start"].month: [o.festival.title for o in g["seasonal"]] for g in grids}
    assert "Ăn cốm mới" in seasonal[1] and "Ăn cốm mới" in seasonal[3]
    assert "Ăn cốm mới" not in seasonal[4]
    assert "Ăn cốm mới" in seasonal[12]


def test_describe_timing(festivals):
    from django.utils import translation

    with translation.override("en"):
        assert describe_timing(festivals["lunar"]) == "Lunar calendar: 16/1"
        assert describe_timing(festivals["months"]) == "Lunar calendar: lunar month 2 – lunar month 5"
    with translation.override("vi"):
        assert describe_timing(festivals["lunar"]) == "Âm lịch: 16/1"
    assert describe_timing(festivals["undated"]) == "Chưa rõ"


def test_calendar_page(festivals):
    response = Client().get("/vi/festivals/calendar/?start=2027-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tháng 1/2027" in html and "Tháng 12/2027" in html
    assert "21/2/2027" in html  # the lunar festival, converted
    assert "Hội đầu năm" in html and "Lễ cầu mưa" in html  # undated listed too
    assert "Lễ bản nháp" not in html
    assert html.count('class="cal-month"') == 12
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]  # no JS needed


@pytest.mark.parametrize("language", ["vi", "en", "bdq", "hre", "hro"])
def test_calendar_urls_in_every_language(festivals, all_homes, language):
    client = Client()
    assert client.get(f"/{language}/festivals/calendar/").status_code == 200
    response = client.get(f"/{language}/festivals/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_ics_parses_and_is_rfc5545(festivals):
    response = Client().get("/en/festivals/calendar.ics?start=2027-01")
    body = response.content.decode()
    assert "\r\n" in body and body.startswith("BEGIN:VCALENDAR")
    cal = Calendar.from_ical(response.content)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = list(cal.walk("VEVENT"))
    assert events
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert event["DTSTAMP"]
        assert isinstance(event.decoded("DTSTART"), datetime.date)
        assert not isinstance(event.decoded("DTSTART"), datetime.datetime)
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    lunar = [e for e in events if str(e["SUMMARY"]) == "Hội đầu năm"]
    assert [e.decoded("DTSTART") for e in lunar] == [datetime.date(2027, 2, 21)]
    assert "DTSTART;VALUE=DATE:20270221" in body
    assert "Lễ bản nháp" not in body
    assert all(str(e["SUMMARY"]) != "Lễ cầu mưa" for e in events)  # no date, no event


@pytest.mark.parametrize("bad", ["2027-13", "abc", "1800-01", "2027-1-1"])
def test_bad_start_is_400(festivals, bad):
    assert Client().get(f"/vi/festivals/calendar/?start={bad}").status_code == 400
    assert Client().get(f"/vi/festivals/calendar.ics?start={bad}").status_code == 400


def test_festival_page_shows_next_dates(festivals):
    html = Client().get(festivals["lunar"].url).content.decode()
    assert "Những ngày sắp tới" in html
    assert "/vi/festivals/calendar/" in html


def test_private_festival_never_listed(festivals, indexes):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=festivals["lunar"], restriction_type=PageViewRestriction.LOGIN)
    client = Client()
    assert "Hội đầu năm" not in client.get("/vi/festivals/calendar/?start=2027-01").content.decode()
    assert "Hội đầu năm" not in client.get("/vi/festivals/calendar.ics?start=2027-01").content.decode()
    assert "Hội đầu năm" not in client.get(indexes["festivals"].url).content.decode()
    assert "Lễ thần làng" in client.get(indexes["festivals"].url).content.decode()


@pytest.fixture
def day_30_festivals(indexes):
    parent = indexes["festivals"]
    return {
        # 30th of the last lunar month: month 12 of 2023 has 30 days, of 2024 only 29.
        "eve": FestivalPageFactory(
            parent=parent, title="Lễ tất niên", slug="tat-nien", calendar="lunar", start_month=12, start_day=30
        ),
        # 15th … 30th of month 2: 30 days in 2024, 29 in 2025.
        "range": FestivalPageFactory(
            parent=parent,
            title="Lễ nửa tháng",
            slug="nua-thang",
            calendar="lunar",
            start_month=2,
            start_day=15,
            end_day=30,
        ),
    }


def test_recurring_day_30_falls_on_the_last_day_of_a_29_day_month(day_30_festivals):
    start, end = datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)
    eve = occurrences(day_30_festivals["eve"], start, end)
    assert [o.start for o in eve] == [
        datetime.date(2024, 2, 9),  # 30/12 of lunar 2023
        datetime.date(2025, 1, 28),  # 29/12 of lunar 2024, its last day
    ]
    spans = [(o.start, o.end) for o in occurrences(day_30_festivals["range"], start, end)]
    assert spans == [
        (datetime.date(2024, 3, 24), datetime.date(2024, 4, 8)),  # 15/2 – 30/2
        (datetime.date(2025, 3, 14), datetime.date(2025, 3, 28)),  # 15/2 – 29/2
    ]


def test_calendar_and_feed_with_day_30_festivals(day_30_festivals):
    client = Client()
    response = client.get("/vi/festivals/calendar/?start=2025-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "28/1/2025" in html and "Lễ tất niên" in html
    response = client.get("/en/festivals/calendar.ics?start=2025-01")
    assert response.status_code == 200
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    eve = [e.decoded("DTSTART") for e in events if str(e["SUMMARY"]) == "Lễ tất niên"]
    assert eve == [datetime.date(2025, 1, 28)]
    assert client.get(day_30_festivals["eve"].url).status_code == 200


@pytest.mark.parametrize("start", ["2054-05", "2062-04"])
def test_calendar_grid_has_no_day_zero(festivals, start):
    html = Client().get(f"/vi/festivals/calendar/?start={start}").content.decode()
    assert '<span class="l">0/' not in html
    assert '<span class="l">30/3</span>' in html or '<span class="l">30/2</span>' in html


# ---------------------------------------------------------------------------
# Windows: festivals with no fixed date, held on a day chosen locally within known months
# ---------------------------------------------------------------------------


@pytest.fixture
def windows(indexes):
    parent = indexes["festivals"]
    return {
        "village": FestivalPageFactory(
            parent=parent,
            title="Lễ thần làng",
            slug="than-lang",
            calendar="lunar",
            start_month=2,
            start_day=None,
            end_month=5,
            date_chosen_by="village",
        ),
        "harvest": FestivalPageFactory(
            parent=parent,
            title="Ăn cốm mới",
            slug="an-com",
            calendar="solar",
            start_month=12,
            start_day=None,
            end_month=3,
            season_text="Sau mùa gặt",
            date_chosen_by="household",
        ),
        "biennial": FestivalPageFactory(
            parent=parent,
            title="Ngày hội văn hóa",
            slug="ngay-hoi",
            calendar="solar",
            start_month=6,
            start_day=None,
            every_years=2,
            cycle_year=2024,
            date_chosen_by="organisers",
        ),
    }


def test_window_in_words(windows):
    from django.utils import translation

    with translation.override("vi"):
        assert windows["village"].window_display() == "Tổ chức trong tháng 2–5 âm lịch; mỗi làng tự chọn ngày"
        assert windows["biennial"].window_display() == (
            "Tổ chức trong tháng 6 dương lịch; hai năm một lần; ban tổ chức công bố ngày"
        )
    with translation.override("en"):
        assert windows["village"].window_display() == "Held in lunar months 2–5; each village chooses its day"
        assert windows["harvest"].window_display() == (
            "Held in December–March; each village or household chooses its day"
        )
        assert windows["biennial"].window_display() == (
            "Held in June; every two years; the organisers announce the dates"
        )


def test_every_two_years_only_in_its_years(windows):
    found = occurrences(windows["biennial"], datetime.date(2025, 1, 1), datetime.date(2028, 12, 31))
    assert [(o.start, o.end) for o in found] == [
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 30)),
        (datetime.date(2028, 6, 1), datetime.date(2028, 6, 30)),
    ]


def test_biennial_needs_a_year_it_was_held(windows):
    from django.core.exceptions import ValidationError

    festival = windows["biennial"]
    festival.cycle_year = None
    with pytest.raises(ValidationError) as caught:
        festival.clean()
    assert "cycle_year" in caught.value.message_dict


def test_calendar_shows_windows_in_grid_and_list(windows):
    html = Client().get("/vi/festivals/calendar/?start=2027-01").content.decode()
    # Lunar months 2–5 of 2027: 8 March to 3 July, shaded day by day in the grid.
    assert "in-window" in html and '<span class="win" title="Lễ thần làng">' in html
    assert "Tổ chức trong tháng 2–5 âm lịch; mỗi làng tự chọn ngày" in html
    assert "8/3/2027 – 3/7/2027" in html
    assert "Tổ chức trong tháng 12–3 dương lịch; mỗi làng hoặc mỗi nhà tự chọn ngày" in html
    assert "Ngày hội văn hóa" not in html  # not in 2027: every two years from 2024
    html = Client().get("/en/festivals/calendar/?start=2026-01").content.decode()
    assert "Held in June; every two years; the organisers announce the dates" in html


def test_ics_window_is_an_all_day_span_saying_so(windows):
    response = Client().get("/en/festivals/calendar.ics?start=2027-01")
    cal = Calendar.from_ical(response.content)
    for component in cal.walk():  # the strict reading: no property the parser could not read
        assert component.errors == [], (component.name, component.errors)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    event = events["Lễ thần làng (day not fixed)"]
    assert event.decoded("DTSTART") == datetime.date(2027, 3, 8)  # 1st day of lunar month 2
    assert event.decoded("DTEND") == datetime.date(2027, 7, 4)  # the day after the last of month 5
    description = str(event["DESCRIPTION"])
    assert description.startswith("This is a window, not a date: Held in lunar months 2–5; each village chooses")
    assert "08/03/2027 – 03/07/2027" in description
    assert "Ngày hội văn hóa (day not fixed)" not in events
    response = Client().get("/vi/festivals/calendar.ics?start=2026-01")
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    biennial = events["Ngày hội văn hóa (ngày không cố định)"]
    assert (biennial.decoded("DTSTART"), biennial.decoded("DTEND")) == (
        datetime.date(2026, 6, 1),
        datetime.date(2026, 7, 1),
    )
    assert "Đây là khoảng thời gian, không phải ngày cụ thể" in str(biennial["DESCRIPTION"])


def test_api_window(windows):
    body = Client().get(f"/api/v1/festivals/{windows['village'].pk}?locale=vi").json()
    assert body["window"] == {
        "text": "Tổ chức trong tháng 2–5 âm lịch; mỗi làng tự chọn ngày",
        "calendar": "lunar",
        "start_month": 2,
        "end_month": 5,
        "every_years": 1,
        "cycle_year": None,
        "date_chosen_by": "village",
    }
    items = {i["title"]: i for i in Client().get("/api/v1/festivals?locale=en").json()["results"]}
    assert items["Ngày hội văn hóa"]["window"]["every_years"] == 2


def test_dated_festival_is_no_window(festivals):
    assert festivals["lunar"].window() is None and festivals["lunar"].window_display() == ""
    assert festivals["undated"].window() is None


def test_jsonld_schedule_describes_the_window(windows, rf):
    from django.utils import translation

    with translation.override("en"):
        schedule = windows["village"].jsonld(rf.get("/"))["eventSchedule"]
    assert schedule["repeatFrequency"] == "P1Y"
    assert schedule["description"] == "Held in lunar months 2–5; each village chooses its day"
