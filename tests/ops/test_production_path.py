"""The README's production path (issue 16, cases 18 and 20): languages do not silently
depend on a build step, and the documented steps include it."""

import re
from pathlib import Path

from cms.checks import compiled_catalogues

ROOT = Path(__file__).resolve().parents[2]


def test_missing_catalogues_fail_the_start_up_checks(settings, tmp_path, monkeypatch):
    from django.utils.translation import trans_real

    assert compiled_catalogues() == []  # the test run compiled them
    monkeypatch.setattr(trans_real, "all_locale_paths", lambda: [str(tmp_path)])
    monkeypatch.setattr("cms.checks.all_locale_paths", lambda: [str(tmp_path)])
    [error] = compiled_catalogues()
    assert error.id == "nharong.E001"
    assert "bdq" in error.msg and "compile_catalogues" in error.hint


def test_readme_production_steps_compile_catalogues_and_document_settings():
    readme = (ROOT / "README.md").read_text()
    production = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    steps = re.search(r"```sh\n(.*?)```", production, re.S).group(1)
    assert "manage.py compile_catalogues" in steps
    assert steps.index("compile_catalogues") < steps.index("granian")
    for variable in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_TRUSTED_PROXIES", "DJANGO_SERVE_MEDIA"):
        assert f"`{variable}`" in readme
    assert "/media/documents/" in production
