"""``make screenshots`` (bench/screenshots.py): the key pages it finds, and a clear
message instead of a crash when chromium is missing."""

import io

import pytest

from bench import screenshots


def test_without_chromium_it_says_why_and_writes_nothing(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(screenshots, "CHROMIUM", str(tmp_path / "no-chromium"))
    assert "chromium not found" in screenshots.unavailable()
    assert screenshots.main(["--out", str(tmp_path / "shots")]) == 0
    assert "Screenshots skipped: chromium not found" in capsys.readouterr().out
    assert not (tmp_path / "shots").exists()


@pytest.mark.django_db
def test_key_pages_are_found_in_the_demo_and_answer(home, client):
    import heritage.demo
    import lessons.demo
    from content.demo_loader import DemoLoader

    loader = DemoLoader(io.StringIO())
    heritage.demo.load(loader)
    lessons.demo.load(loader)
    pages = screenshots.key_pages()
    assert {"home", "ethnic-group", "festival", "story", "product", "course", "lesson-with-quiz"} <= set(pages)
    assert pages["lesson-with-quiz"].endswith("/so-sanh-gia-nong-san/")
    for name, path in pages.items():
        if name != "home-bahnar":  # the fixture's home has no Bahnar translation
            assert client.get(path).status_code == 200, (name, path)
