def test_sections_list(api, sections):
    r = api.get("/api/v1/sections?locale=vi")
    assert r.status_code == 200, r.content
    data = r.json()
    titles = [i["title"] for i in data["results"]]
    assert titles == ["Bản đồ", "Giới thiệu", "Liên hệ"]
    r = api.get(f"/api/v1/sections/{sections['a'].pk}?locale=en")
    assert r.status_code == 200, r.content
    print(r.json())
