def test_admin_is_branded_and_vietnamese_by_default(client, home):
    from tests.factories import UserFactory

    admin = UserFactory(username="chief", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Nhà Rông" in html


def test_api_v1_lists_locales(client, db):
    data = client.get("/api/v1/locales").json()
    assert [item["code"] for item in data] == ["vi", "en", "bdq", "hre", "hro"]
    hro = data[-1]
    assert hro["name_vi"] == "Tiếng Chăm H'roi" and hro["fallbacks"] == ["vi", "en"]
