"""The layout's rules that a test can hold: apps declare themselves, what is kept is
named in one place, blocks decide what leaves the server, fields are declared once,
one translation rule, and no fabricated requests in production code."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail import blocks
from wagtail.models import Page

from content import cache, seams
from content.api.blocks import serialize_stream, stream_schema
from content.api.context import TYPES, ApiContext
from content.api.fields import ApiField
from content.locales import best_per_translation, localized
from content.project import project_apps
from lessons.blocks import QuizBlock
from tests.factories import SectionPageFactory

BASE = Path(settings.BASE_DIR)


def test_every_project_app_declares_itself():
    declared = {config.label: config for config in project_apps()}
    assert set(declared) >= {"content", "heritage", "lessons", "community", "search"}
    assert all(config.api_router for config in declared.values())
    orders = [declared[label].demo_order for label in ("content", "heritage", "lessons", "community", "search")]
    assert orders == sorted(orders)  # content first (home pages), search last (indexes everything)
    assert "progressevent" in declared["lessons"].private_models


def test_what_is_kept_must_be_named_in_one_place():
    with pytest.raises(KeyError, match="KEPT"):
        cache.memoize("something_new", (), lambda: 1)
    with pytest.raises(KeyError, match="KEPT"):
        cache.memoize_many("something_new", {1: (1,)}, lambda ids: {})


QUIZ = {
    "title": "Kiểm tra",
    "pass_mark": None,
    "questions": [
        {
            "type": "item",
            "id": "q1",
            "value": {
                "kind": "single",
                "prompt": "Có nên chia sẻ mật khẩu?",
                "image": None,
                "audio": None,
                "feedback_correct": "Đúng.",
                "feedback_wrong": "Không bao giờ.",
                "options": [
                    {
                        "type": "item",
                        "id": "o1",
                        "value": {"text": "Có", "image": None, "audio": None, "correct": False},
                    },
                    {
                        "type": "item",
                        "id": "o2",
                        "value": {"text": "Không", "image": None, "audio": None, "correct": True},
                    },
                ],
            },
        }
    ],
}


def test_a_quiz_under_any_name_in_any_stream_never_sends_its_answers(db):
    """A new page type that uses the quiz block (here under another name) is safe in
    both APIs without anyone listing it anywhere."""
    stream_block = blocks.StreamBlock([("kiem_tra", QuizBlock()), ("doan_van", blocks.RichTextBlock())])
    value = stream_block.to_python([{"type": "kiem_tra", "id": "b1", "value": QUIZ}])
    ctx = ApiContext("http://testserver/", "vi")
    v1 = serialize_stream(value, ctx)
    v2 = stream_block.get_api_representation(value)
    assert v1[0]["type"] == "kiem_tra" and v1[0]["questions"][0]["prompt"] == "Có nên chia sẻ mật khẩu?"
    for payload in (str(v1), str(v2)):
        assert "correct" not in payload and "feedback" not in payload and "Đúng." not in payload
    # the field's schema is generated from its blocks
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[stream_schema(stream_block)])
    assert adapter.validate_python(v1)[0].type == "kiem_tra"
    mapping = adapter.json_schema()["items"]["discriminator"]["mapping"]
    assert set(mapping) == {"kiem_tra", "doan_van"}


def test_fields_are_declared_once_for_both_apis():
    from cms import api  # noqa: F401  (the routers register the page types)

    assert TYPES, "no page type registered"
    for label, spec in TYPES.items():
        declared = [f for f in spec.model.api_fields if isinstance(f, ApiField)]
        assert declared, f"{label} declares no ApiField"
        detail = spec.detail_schema.model_fields
        for field in declared:
            assert field.name in detail, f"{label}.{field.name} missing from /api/v1/"
            if field.label:
                assert f"{field.name}_label" in detail
            if not field.detail:
                assert field.name in spec.list_schema.model_fields
            else:
                assert field.name not in spec.list_schema.model_fields
        # Wagtail's /api/v2/ reads the same declarations; computed ones have a serializer there
        assert all(f.serializer is not None for f in declared if f.value is not None)


@pytest.mark.django_db
def test_the_sql_form_of_the_translation_rule_agrees_with_the_python_form(all_homes):
    from content.demo_loader import DemoLoader

    loader = DemoLoader(__import__("io").StringIO())
    home = all_homes["vi"]
    only_vi = SectionPageFactory(parent=home, title="Chỉ tiếng Việt")
    with_en = SectionPageFactory(parent=home, title="Có tiếng Anh")
    loader.translate(with_en, "en", title="Has English")
    with_bdq = SectionPageFactory(parent=home, title="Có tiếng Ba Na")
    loader.translate(with_bdq, "bdq", title="Bahnar title")
    for language in ("vi", "en", "bdq", "hre"):
        sql = set(localized(Page.objects.filter(depth__gt=2), language).values_list("pk", flat=True))
        python = {p.pk for p in best_per_translation(Page.objects.filter(depth__gt=2), language)}
        assert sql == python, language
        assert only_vi.pk in sql
    assert with_bdq.pk not in set(localized(Page.objects.filter(depth__gt=2), "bdq").values_list("pk", flat=True))


@pytest.mark.django_db
def test_seams_answer_nothing_for_strangers_and_what_lessons_knows_for_learners(django_user_model):
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert seams.completed_course_keys(anonymous) == set()
    assert seams.home_commune_id(anonymous) is None
    user = django_user_model.objects.create_user("hoc-vien-seam", password="x-x-x-x-x-1")
    assert seams.completed_course_keys(user) == set()


def test_no_fabricated_requests_in_production_code():
    offenders = []
    for path in BASE.rglob("*.py"):
        parts = path.relative_to(BASE).parts
        if parts[0] in ("tests", ".venv", "bench") or "node_modules" in parts:
            continue
        if "RequestFactory" in path.read_text(encoding="utf-8", errors="ignore"):
            offenders.append(str(path.relative_to(BASE)))
    assert not offenders
