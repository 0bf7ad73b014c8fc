from tests.factories import SectionPageFactory


def test_home_pages_serve_in_every_language(client, all_homes):
    for code in ("vi", "en", "bdq", "hre", "hro"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()


def test_section_page_factory_publishes(client, home):
    page = SectionPageFactory(parent=home, title="Giới thiệu")
    assert page.live
    assert client.get("/vi/gioi-thieu/").status_code == 200
