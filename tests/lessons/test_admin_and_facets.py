"""Editors can edit courses and lessons; search facets follow the protocol."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_edit_views_render(client, course):
    course_page, lessons = course
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    assert client.get(f"/admin/pages/{course_page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{lessons[-1].pk}/edit/").status_code == 200
    r = client.get(f"/admin/pages/add/lessons/lessonpage/{course_page.pk}/")
    assert r.status_code == 200
    menu = client.get("/admin/").content.decode()
    assert "/admin/reports/learning/" in menu


def test_search_facets_and_fields(course):
    course_page, lessons = course
    assert course_page.search_facets() == {"topic": ["it-production"]}
    assert lessons[0].search_facets() == {"topic": ["it-production"]}
    names = {f.field_name for f in lessons[0].search_fields}
    assert {"title", "summary", "body"} <= names


def test_signup_page_renders_in_vietnamese(client, db):
    r = client.get("/vi/learn/signup/")
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    assert "Số điện thoại" in r.content.decode()
