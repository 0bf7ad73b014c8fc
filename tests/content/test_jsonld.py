"""Every page type carries the schema.org JSON-LD that fits it, read as a consumer reads it:
expanded by a JSON-LD processor (PyLD, the schema.org context served from disk) and
every type and property looked up in the schema.org vocabulary (``tests.validators.schemaorg``).
"""

import datetime
import json
import re

import pytest
from django.test import Client

from tests.factories import (
    CommunityArticlePageFactory,
    CommunityIndexPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    EthnicGroupPageFactory,
    FestivalPageFactory,
    HealthIndexPageFactory,
    HealthServicePageFactory,
    HeritageIndexPageFactory,
    JobIndexPageFactory,
    JobPostingPageFactory,
    LessonPageFactory,
    PlacePageFactory,
    PolicyDocumentPageFactory,
    PolicyLibraryPageFactory,
    ProductPageFactory,
    SectionPageFactory,
    StoryPageFactory,
)
from tests.validators import schemaorg

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
HTML_LANG = re.compile(r'<html lang="([^"]+)"')


def documents(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    found = schemaorg.flatten_documents(json.loads(block) for block in SCRIPT.findall(html))
    assert found, f"no JSON-LD on {path}"
    return found, html


def by_type(found):
    return {document["@type"]: document for document in found}


@pytest.fixture
def site(home):
    indexes = {
        listing: HeritageIndexPageFactory(parent=home, title=f"Mục {listing}", slug=listing, listing=listing)
        for listing in ("groups", "stories", "festivals", "products", "places")
    }
    place = PlacePageFactory(
        parent=indexes["places"], title="Tháp Bánh Ít", latitude="13.868", longitude="109.135"
    )
    courses = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(
        parent=courses, outcomes="Chụp ảnh sản phẩm\nNhận tiền an toàn", audience="Thanh niên"
    )
    library = PolicyLibraryPageFactory(parent=home)
    jobs = JobIndexPageFactory(parent=home)
    health = HealthIndexPageFactory(parent=home)
    rights = CommunityIndexPageFactory(parent=home)
    return {
        "home": home,
        "section": SectionPageFactory(parent=home, title="Giới thiệu"),
        "peoples": indexes["groups"],
        "group": EthnicGroupPageFactory(parent=indexes["groups"], title="Người Ba Na", code="ba-na"),
        "story": StoryPageFactory(parent=indexes["stories"], title="Rượu cần"),
        "festival": FestivalPageFactory(parent=indexes["festivals"], title="Lễ hội trống", place=place),
        "product": ProductPageFactory(parent=indexes["products"], title="Thổ cẩm", price_min=150000),
        "place": place,
        "courses": courses,
        "course": course,
        "lesson": LessonPageFactory(parent=course, title="Chụp ảnh sản phẩm"),
        "library": library,
        "policy": PolicyDocumentPageFactory(parent=library, official_url="https://vanban.chinhphu.vn/"),
        "jobs": jobs,
        "job": JobPostingPageFactory(parent=jobs, wage_min=5000000, wage_max=7000000),
        "health": health,
        "service": HealthServicePageFactory(parent=health),
        "rights": rights,
        "article": CommunityArticlePageFactory(parent=rights, contributor_name="Đinh Văn Hmuch"),
        "indexes": indexes,
    }


EXPECTED = {
    "home": {"WebSite", "Organization"},
    "section": {"WebPage"},
    "peoples": {"CollectionPage"},
    "group": {"Article"},
    "story": {"Article"},
    "festival": {"Event"},
    "product": {"Product"},
    "place": {"TouristAttraction"},
    "courses": {"CollectionPage"},
    "course": {"Course"},
    "lesson": {"LearningResource"},
    "library": {"CollectionPage"},
    "policy": {"Legislation"},
    "jobs": {"CollectionPage"},
    "job": {"JobPosting"},
    "health": {"CollectionPage"},
    "service": {"GovernmentService"},
    "rights": {"CollectionPage"},
    "article": {"Article"},
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_page_type_has_valid_schema_org_jsonld(site, name):
    found, _html = documents(site[name].url)
    assert set(by_type(found)) == EXPECTED[name]
    assert schemaorg.problems(found, name) == []


def test_views_that_are_not_pages_have_jsonld(site):
    for path, expected in (
        ("/vi/festivals/calendar/", "CollectionPage"),
        ("/vi/places/map/", "CollectionPage"),
        ("/vi/search/?q=tr%E1%BB%91ng", "SearchResultsPage"),
    ):
        found, _html = documents(path)
        assert [d["@type"] for d in found] == [expected], path
        assert schemaorg.problems(found, path) == []


def test_required_properties(site):
    article = by_type(documents(site["story"].url)[0])["Article"]
    assert article["datePublished"] and article["headline"] == "Rượu cần"
    job = by_type(documents(site["job"].url)[0])["JobPosting"]
    for key in ("title", "description", "datePosted", "validThrough", "hiringOrganization", "jobLocation"):
        assert job[key], key
    assert job["validThrough"].startswith(site["job"].deadline.isoformat())
    assert job["baseSalary"]["value"]["minValue"] == 5000000
    course = by_type(documents(site["course"].url)[0])["Course"]
    assert course["provider"]["name"] == "Nhà Rông"
    assert course["hasPart"] == [{"@type": "LearningResource", "url": site["lesson"].get_full_url()}]
    lesson = by_type(documents(site["lesson"].url)[0])["LearningResource"]
    assert lesson["isPartOf"]["@type"] == "Course"
    policy = by_type(documents(site["policy"].url)[0])["Legislation"]
    assert policy["legislationIdentifier"] == site["policy"].document_number
    assert policy["legislationDate"] == "2021-10-14"
    assert policy["legislationLegalForce"] == "https://schema.org/InForce"
    home = by_type(documents("/vi/")[0])
    assert home["WebSite"]["potentialAction"]["target"]["urlTemplate"].endswith(
        "/vi/search/?q={search_term_string}"
    )


def test_festival_is_an_event_only_with_a_real_date(site):
    festivals = site["indexes"]["festivals"]
    dated = by_type(documents(site["festival"].url)[0])["Event"]  # lunar 16/1: the next one
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dated["startDate"]) and dated["location"]["name"] == "Tháp Bánh Ít"
    once = FestivalPageFactory(
        parent=festivals,
        title="Sự kiện một lần",
        calendar="solar",
        start_month=5,
        start_day=30,
        end_month=6,
        end_day=1,
        only_year=2025,
    )
    event = by_type(documents(once.url)[0])["Event"]
    assert (event["startDate"], event["endDate"]) == ("2025-05-30", "2025-06-01")  # past, but its own dates
    assert event["location"]["address"]["addressRegion"] == "Gia Lai"  # never an Event without a place
    season = FestivalPageFactory(
        parent=festivals,
        title="Mỗi làng tự chọn ngày",
        calendar="lunar",
        start_month=1,
        start_day=None,
        end_month=2,
    )
    found, _html = documents(season.url)
    event = by_type(found)["Event"]
    assert "startDate" not in event
    schedule = event["eventSchedule"]
    assert schedule["@type"] == "Schedule" and schedule["repeatFrequency"] == "P1Y"
    assert datetime.date.fromisoformat(schedule["startDate"]) <= datetime.date.fromisoformat(schedule["endDate"])
    assert schemaorg.problems(found) == []
    undated = FestivalPageFactory(
        parent=festivals,
        title="Sau mùa gặt",
        calendar="variable",
        start_month=None,
        start_day=None,
        season_text="Sau mùa gặt",
    )
    found, _html = documents(undated.url)
    assert [d["@type"] for d in found] == ["Article"]  # no Event without a date
    assert schemaorg.problems(found) == []


def test_fallback_page_language_agrees_everywhere(site, all_homes):
    """A Bahnar reader of a page only in Vietnamese: <html lang>, the article and the
    JSON-LD all say Vietnamese."""
    path = site["story"].url.replace("/vi/", "/bdq/", 1)
    found, html = documents(path)
    assert HTML_LANG.search(html).group(1) == "vi"
    assert by_type(found)["Article"]["inLanguage"] == "vi"
    assert 'lang="vi"' in html.split("<article", 1)[1][:200]
    found, html = documents("/bdq/")  # the Bahnar home page exists
    assert HTML_LANG.search(html).group(1) == "bdq"
    assert by_type(found)["WebSite"]["inLanguage"] == "bdq"


def test_checker_finds_what_is_wrong():
    """The checker itself can fail: an unknown property, a property of another type."""
    bad = [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "x",
            "citation": "y",
            "startDat": "2026-01-01",
            "location": {"@type": "Placee"},
        }
    ]
    assert sorted(schemaorg.problems(bad)) == [
        "page[0].location: unknown type Placee",
        "page[0]: citation does not apply to Event",
        "page[0]: unknown property startDat",
    ]
