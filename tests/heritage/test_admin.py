"""Editors create every heritage page type in the admin; contributors draft only."""

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.roles import CONTRIBUTORS, EDITORS
from heritage.models import FestivalPage, StoryPage
from tests.factories import UserFactory

HELP = {  # one help text per type, in the editor's language (Vietnamese)
    "groups": "Mã cố định dùng chung cho mọi bản dịch",
    "stories": "Mỗi trang thông tin ghi ít nhất một nguồn",
    "festivals": "Để trống: từ đầu tháng.",
    "products": "Ai làm ra sản phẩm",
    "places": "Ghi nguồn (trang web hoặc khảo sát) cho tọa độ",
}
TYPES = {
    "groups": "ethnicgrouppage",
    "stories": "storypage",
    "festivals": "festivalpage",
    "products": "productpage",
    "places": "placepage",
}


def login(username, groups):
    user = UserFactory(username=username, groups=groups)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("listing", list(TYPES))
def test_editor_opens_add_form_with_help(indexes, listing):
    client, _user = login("editor", [EDITORS])
    url = f"/admin/pages/add/heritage/{TYPES[listing]}/{indexes[listing].pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title"' in html and 'name="summary"' in html
    assert HELP[listing] in html


def test_index_page_offers_heritage_types(home):
    from heritage.models import HeritageIndexPage

    assert set(HeritageIndexPage.allowed_subpage_models()) >= {FestivalPage, StoryPage}
    assert FestivalPage.allowed_parent_page_models() == [HeritageIndexPage]


def story_post(title, action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": "bai-dong-gop",
            "summary": "Tóm tắt",
            "topic": "customs",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
            "sources": streamfield(
                [
                    (
                        "source",
                        {
                            "title": "Nguồn",
                            "url": "https://example.org",
                            "publisher": "",
                            "accessed": "",
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return data


def test_contributor_drafts_but_cannot_publish(indexes):
    client, user = login("contrib", [CONTRIBUTORS])
    url = f"/admin/pages/add/heritage/storypage/{indexes['stories'].pk}/"
    response = client.post(url, story_post("Bài đóng góp", action="action-publish"))
    assert response.status_code in (200, 302)
    page = StoryPage.objects.get(title="Bài đóng góp")
    assert not page.live
    assert not page.permissions_for_user(user).can_publish()
    assert Client().get("/vi/stories/bai-dong-gop/").status_code == 404


def test_festival_clean_rejects_dates_without_month(indexes):
    from django.core.exceptions import ValidationError

    page = FestivalPage(title="Thử", slug="thu", calendar="lunar", start_month=None)
    with pytest.raises(ValidationError):
        page.clean()
    page = FestivalPage(title="Thử", slug="thu", calendar="lunar", start_month=1, start_day=31)
    with pytest.raises(ValidationError):
        page.clean()
    page = FestivalPage(title="Thử", slug="thu", calendar="variable", season_text="")
    with pytest.raises(ValidationError):
        page.clean()


def test_festival_clean_day_30(indexes):
    from django.core.exceptions import ValidationError

    def festival(**timing):
        return FestivalPage(title="Thử", slug="thu", calendar="lunar", **timing)

    # Yearly: day 30 is fine (it falls on day 29 in years when the month is short).
    festival(start_month=12, start_day=30).clean()
    # One-off in 2024: 30/12 of lunar 2023 (9 Feb 2024) exists.
    festival(start_month=12, start_day=30, only_year=2024).clean()
    # One-off in 2025: month 12 of lunar 2024 (January 2025) has 29 days.
    with pytest.raises(ValidationError) as error:
        festival(start_month=12, start_day=30, only_year=2025).clean()
    assert set(error.value.message_dict) == {"start_day"}
    assert "không có ngày 30" in error.value.message_dict["start_day"][0]  # Vietnamese by default
    # The end day too: 15/2 – 30/2 in 2025, when month 2 has 29 days.
    with pytest.raises(ValidationError) as error:
        festival(start_month=2, start_day=15, end_day=30, only_year=2025).clean()
    assert set(error.value.message_dict) == {"end_day"}
    festival(start_month=2, start_day=15, end_day=30, only_year=2024).clean()


def test_editor_gets_a_form_error_for_a_day_30_that_does_not_exist(indexes):
    client, _user = login("editor", [EDITORS])
    url = f"/admin/pages/add/heritage/festivalpage/{indexes['festivals'].pk}/"
    data = story_post("Lễ một lần")
    data.pop("topic")
    data.update(slug="le-mot-lan", calendar="lunar", start_month="12", start_day="30", only_year="2025")
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "không có ngày 30" in response.content.decode()
    assert not FestivalPage.objects.filter(slug="le-mot-lan").exists()
    data["start_day"] = "29"
    response = client.post(url, data)
    assert response.status_code == 302
    assert FestivalPage.objects.filter(slug="le-mot-lan").exists()
