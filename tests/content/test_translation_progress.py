"""A page made with "Translate into Bahnar" counts as translated only when its text is
(mostly) translated: until then readers get the Vietnamese page with the mark (issue 18)."""

import unicodedata

import pytest
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object

from content import translations
from content.models import SyncEvent, UnfinishedTranslation
from content.public import is_public, public_pages
from tests.factories import SectionPageFactory


def _on_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def source(all_homes):
    return SectionPageFactory(
        parent=all_homes["vi"],
        title="Nhà rông làng Kon Klor",
        slug="nha-rong-kon-klor",
        summary="Ngôi nhà chung của làng Ba Na.",
    )


def _translate_into_bahnar(page):
    # wagtail-localize publishes on commit: run those callbacks as a real request would
    with _on_commit():
        translate_object(page, [Locale.objects.get(language_code="bdq")])
    return Page.objects.get(translation_key=page.translation_key, locale__language_code="bdq")


def _publish(translation):
    with _on_commit():
        translation.save_target(publish=True)


def _translate_segments(page, share=1.0):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="bdq"
    )
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string"))
    for segment in segments[: round(len(segments) * share)]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"[bdq] {segment.string.data}", "translation_type": "manual"},
        )
    return translation


def test_a_new_translation_is_live_but_readers_get_the_marked_fallback(client, source):
    bahnar = _translate_into_bahnar(source)
    assert bahnar.live  # wagtail-localize publishes it holding the Vietnamese text
    assert UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()
    assert not is_public(bahnar)
    assert not public_pages(Page.objects.filter(pk=bahnar.pk)).exists()

    html = client.get("/bdq/nha-rong-kon-klor/").content.decode()
    assert 'class="notice untranslated"' in html
    assert '<html lang="vi">' in html

    item = client.get(f"/api/v1/sections/{source.pk}", {"locale": "bdq"}).json()
    assert (item["served_locale"], item["is_fallback"]) == ("vi", True)
    assert item["id"] == source.pk

    # the offline sync feed says the Bahnar page is not there (the reader keeps the Vietnamese one)
    assert SyncEvent.objects.filter(page_id=bahnar.pk).latest("id").action == SyncEvent.Action.DELETE
    # nor do the sitemap and the Bahnar list of sections
    assert "/bdq/nha-rong-kon-klor/" not in client.get("/sitemap.xml").content.decode()
    listed = client.get("/api/v1/sections", {"locale": "bdq", "limit": 100}).json()["results"]
    mine = [item for item in listed if item["translation_key"] == str(source.translation_key)]
    assert [(item["id"], item["is_fallback"]) for item in mine] == [(source.pk, True)]


def test_a_translation_half_done_is_still_the_fallback(client, source):
    bahnar = _translate_into_bahnar(source)
    translation = _translate_segments(source, share=0.5)
    _publish(translation)
    row = UnfinishedTranslation.objects.get(page_id=bahnar.pk)
    assert 0 < row.translated_segments < row.total_segments
    assert 'class="notice untranslated"' in client.get("/bdq/nha-rong-kon-klor/").content.decode()


def test_a_finished_and_published_translation_is_served_in_bahnar(client, source):
    bahnar = _translate_into_bahnar(source)
    client.get("/bdq/nha-rong-kon-klor/")  # the fallback is kept in the caches now
    translation = _translate_segments(source)
    _publish(translation)

    assert not UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()
    bahnar = Page.objects.get(pk=bahnar.pk)
    assert is_public(bahnar)
    html = client.get(bahnar.url).content.decode()  # its slug is translated too
    assert 'class="notice untranslated"' not in html
    assert "[bdq] Nhà rông làng Kon Klor" in html

    item = client.get(f"/api/v1/sections/{source.pk}", {"locale": "bdq"}).json()
    assert (item["served_locale"], item["is_fallback"]) == ("bdq", False)
    assert item["id"] == bahnar.pk
    assert SyncEvent.objects.filter(page_id=bahnar.pk).latest("id").action == SyncEvent.Action.UPSERT


def test_the_share_that_counts_as_done_is_a_setting(client, source, settings):
    settings.TRANSLATION_DONE_SHARE = 0.5
    bahnar = _translate_into_bahnar(source)
    _publish(_translate_segments(source, share=0.5))
    assert not UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()


def test_a_page_translated_by_hand_counts_as_translated(client, source, demo_loader):
    page = demo_loader.translate(source, "bdq", title="Hnam rông")
    assert is_public(Page.objects.get(pk=page.pk))
    assert 'class="notice untranslated"' not in client.get("/bdq/nha-rong-kon-klor/").content.decode()


def test_the_command_marks_translations_made_before_the_rule(source):
    from django.core.management import call_command

    bahnar = _translate_into_bahnar(source)
    UnfinishedTranslation.objects.all().delete()  # as on a database from before the rule
    assert is_public(Page.objects.get(pk=bahnar.pk))
    call_command("refresh_translation_progress", stdout=open("/dev/null", "w"))
    assert UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()


# -- a copy is not a translation (content.translations.is_copied) ---------------------------


def _fill_segments(page, text_for):
    """Fill every string segment of the Bahnar translation with ``text_for(source text)``."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="bdq"
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": text_for(segment.string.data), "translation_type": "manual"},
        )
    return translation


def _copy_unchanged(text):
    """The same text, only decomposed (NFD), in capitals and with other white space (a slug
    is left alone: it must stay a slug)."""
    if " " not in text:
        return text
    return "  " + unicodedata.normalize("NFD", text).upper().replace(" ", " \n ") + " "


@pytest.mark.parametrize(
    ("source", "translated", "copied"),
    [
        ("Ngôi nhà chung của làng Ba Na.", "Ngôi nhà chung của làng Ba Na.", True),
        ("Ngôi nhà chung của làng Ba Na.", "NGÔI  NHÀ chung của\nlàng ba na.", True),
        ("Ngôi nhà chung của làng Ba Na.", unicodedata.normalize("NFD", "Ngôi nhà chung của làng Ba Na."), True),
        ("Ngôi nhà chung của làng Ba Na.", "Hnam rông kơ pơlei Bahnar.", False),
        ("Nhà rông <b>Kon Klor</b>", "Nhà rông <b>Kon Klor</b>", True),  # four words
        ("Kon Klor", "Kon Klor", False),  # a name
        ("Làng Kon Klor", "làng kon klor", False),  # three words: may be a name
        ("Tơ Nùng – Kon Klor", "Tơ Nùng – Kon Klor", True),  # the dash is not a word: four words
        ("12/02/2026 – 15.000 đ", "12/02/2026 – 15.000 đ", False),
        ("1.200 – 2.400 – 3.600 – 4.800 – 6.000", "1.200 – 2.400 – 3.600 – 4.800 – 6.000", False),  # no letter
    ],
)
def test_the_copy_rule(source, translated, copied):
    assert translations.is_copied(source, translated) is copied


def test_a_translation_that_copies_its_source_stays_unfinished(client, source):
    bahnar = _translate_into_bahnar(source)
    _publish(_fill_segments(source, _copy_unchanged))

    row = UnfinishedTranslation.objects.get(page_id=bahnar.pk)
    # the title and the summary are copies; short segments (the slug) count as translated
    assert row.copied_segments >= 2
    assert row.translated_segments + row.copied_segments == row.total_segments
    assert row.translated_segments / row.total_segments < 0.9
    assert not is_public(Page.objects.get(pk=bahnar.pk))
    html = client.get("/bdq/nha-rong-kon-klor/").content.decode()
    assert 'class="notice untranslated"' in html
    assert '<html lang="vi">' in html
    item = client.get(f"/api/v1/sections/{source.pk}", {"locale": "bdq"}).json()
    assert (item["served_locale"], item["is_fallback"]) == ("vi", True)


def test_a_translation_with_real_text_and_copied_names_counts(client, source):
    bahnar = _translate_into_bahnar(source)
    client.get("/bdq/nha-rong-kon-klor/")  # the fallback is kept in the caches now
    real = {
        "Nhà rông làng Kon Klor": "Hnam rông pơlei Kon Klor",
        "Ngôi nhà chung của làng Ba Na.": "Hnam rông kơ pơlei Bahnar.",
    }
    # what is not one of those long texts (the slug, a name) is copied unchanged
    _publish(_fill_segments(source, lambda text: real.get(text, text)))

    assert not UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()
    bahnar = Page.objects.get(pk=bahnar.pk)
    assert is_public(bahnar)
    html = client.get(bahnar.url).content.decode()
    assert 'class="notice untranslated"' not in html
    assert "Hnam rông pơlei Kon Klor" in html


def test_short_names_copied_count_as_translated(client, all_homes):
    page = SectionPageFactory(
        parent=all_homes["vi"], title="Kon Klor", slug="kon-klor", summary="Tơ Nùng", seo_title="Kon Klor"
    )
    bahnar = _translate_into_bahnar(page)
    assert UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()  # nothing filled yet
    _publish(_fill_segments(page, lambda text: text))
    assert not UnfinishedTranslation.objects.filter(page_id=bahnar.pk).exists()
    assert is_public(Page.objects.get(pk=bahnar.pk))


def test_the_command_applies_the_copy_rule(source):
    from django.core.management import call_command

    bahnar = _translate_into_bahnar(source)
    _publish(_fill_segments(source, _copy_unchanged))
    UnfinishedTranslation.objects.all().delete()  # as on a database from before the rule
    assert is_public(Page.objects.get(pk=bahnar.pk))

    call_command("refresh_translation_progress", stdout=open("/dev/null", "w"))
    row = UnfinishedTranslation.objects.get(page_id=bahnar.pk)
    assert row.copied_segments >= 2
    assert not is_public(Page.objects.get(pk=bahnar.pk))


def test_the_list_of_untranslated_pages_says_how_many_segments_are_copied(client, source):
    from django.contrib.auth.models import User
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    bahnar = _translate_into_bahnar(source)
    _publish(_fill_segments(source, _copy_unchanged))
    copied = UnfinishedTranslation.objects.get(page_id=bahnar.pk).copied_segments

    admin = User.objects.create_superuser("quantri", "quantri@example.org", "mat-khau-dai-42")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(admin)
    html = client.get(reverse("content_untranslated_pages", args=["bdq"])).content.decode()
    assert "Nhà rông làng Kon Klor" in html
    assert f"{copied} đoạn còn giống bản gốc" in html
    assert reverse("wagtailadmin_pages:edit", args=[bahnar.pk]) in html  # "Continue the translation"
