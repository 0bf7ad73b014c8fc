import pytest

pytestmark = pytest.mark.django_db


def test_course_and_lesson_pages_render(client, course):
    course_page, lessons = course
    r = client.get(course_page.url)
    assert r.status_code == 200
    assert lessons[0].title in r.content.decode()
    r = client.get(lessons[-1].url)
    assert r.status_code == 200
    assert "Kiểm tra nhanh" in r.content.decode()
