import datetime

import pytest
from django.utils import timezone

from tests import factories as f


@pytest.fixture
def site(home, commune):
    from content.demo_loader import DemoLoader

    loader = DemoLoader()
    library = f.PolicyLibraryPageFactory(parent=home, slug="chinh-sach")
    new = f.PolicyDocumentPageFactory(
        parent=library, title="Mới", document_number="2/QĐ", issue_date=datetime.date(2025, 6, 1)
    )
    old = f.PolicyDocumentPageFactory(
        parent=library,
        title="Cũ",
        document_number="1/QĐ",
        status="replaced",
        replaced_by=new,
        issue_date=datetime.date(2019, 1, 1),
    )
    loader.translate(new, "en", title="New")
    jobs = f.JobIndexPageFactory(parent=home, slug="viec-lam")
    open_job = f.JobPostingPageFactory(parent=jobs, title="Còn hạn", commune=commune)
    closed = f.JobPostingPageFactory(
        parent=jobs, title="Hết hạn", commune=commune, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    health = f.HealthIndexPageFactory(parent=home, slug="suc-khoe")
    service = f.HealthServicePageFactory(parent=health, commune=commune)
    voices = f.CommunityIndexPageFactory(parent=home, slug="tieng-noi", kind="voice")
    story = f.CommunityArticlePageFactory(parent=voices, kind="voice", contributor_village="K3")
    draft = f.CommunityArticlePageFactory(parent=voices, title="Nháp", live=False)
    return locals()


def test_policies_list_and_filters(client, site):
    data = client.get("/api/v1/policies").json()
    assert data["count"] == 2 and {"count", "limit", "offset", "results"} <= set(data)
    item = {r["document_number"]: r for r in data["results"]}
    assert item["1/QĐ"]["is_current"] is False
    assert item["1/QĐ"]["replaced_by"]["document_number"] == "2/QĐ"
    assert item["1/QĐ"]["served_locale"] == "vi"
    assert [r["document_number"] for r in client.get("/api/v1/policies?status=replaced").json()["results"]] == [
        "1/QĐ"
    ]
    assert client.get("/api/v1/policies?year=2025").json()["count"] == 1
    assert client.get("/api/v1/policies?status=nope").status_code == 400
    assert client.get("/api/v1/policies?year=20x5").status_code == 400


def test_policy_detail_shows_relation_both_ways_in_reader_language(client, site):
    old = client.get(f"/api/v1/policies/{site['old'].pk}?locale=en").json()
    assert old["replaced_by"]["title"] == "New" and old["replaced_by"]["served_locale"] == "en"
    assert old["requested_locale"] == "en" and old["served_locale"] == "vi"
    new = client.get(f"/api/v1/policies/{site['new'].pk}").json()
    assert [r["document_number"] for r in new["replaces"]] == ["1/QĐ"]


def test_jobs_list_excludes_closed_but_detail_says_closed(client, site):
    data = client.get("/api/v1/jobs").json()
    assert [r["title"] for r in data["results"]] == ["Còn hạn"]
    detail = client.get(f"/api/v1/jobs/{site['closed'].pk}").json()
    assert detail["is_closed"] is True and detail["apply_phone"] == ""
    assert client.get("/api/v1/jobs?commune=21787").json()["count"] == 1
    assert client.get("/api/v1/jobs?level=bogus").status_code == 400


def test_jobs_list_the_day_after_deadline(client, site):
    from community.models import JobPostingPage

    JobPostingPage.objects.filter(pk=site["open_job"].pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get("/api/v1/jobs").json()["count"] == 0


def test_health_services_and_articles(client, site):
    services = client.get("/api/v1/health-services").json()
    assert services["results"][0]["remote_days"] == ["tue", "thu"]
    assert services["results"][0]["commune"]["code"] == "21787"
    articles = client.get("/api/v1/articles?kind=voice").json()
    assert [a["contributor_village"] for a in articles["results"]] == ["K3"]
    assert client.get(f"/api/v1/articles/{site['draft'].pk}").status_code == 404
    assert client.get(f"/api/v1/articles/{site['story'].pk}").status_code == 200


def test_lists_have_constant_queries(client, site, django_assert_max_num_queries):
    home = site["home"]
    jobs = site["jobs"]
    for n in range(6):
        f.JobPostingPageFactory(parent=jobs, title=f"Việc {n}", commune=site["commune"])
    for path in ("/api/v1/jobs", "/api/v1/policies", "/api/v1/health-services", "/api/v1/articles"):
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200
    assert home.pk


def test_policy_page_labels_the_document_number_as_such(client, site):
    html = client.get(site["new"].url).content.decode()
    assert "<dt>Số hiệu văn bản</dt><dd>2/QĐ</dd>" in html
    assert "Số điện thoại" not in html  # "Number" of a helpline is a phone number; this one is not
