"""The heritage demo content: complete, sourced, rights-labelled and idempotent."""

import io

from content.demo_loader import DemoLoader


def load_twice():
    import content.demo
    import heritage.demo

    runs = []
    for _ in range(2):
        loader = DemoLoader(io.StringIO())
        content.demo.load(loader)
        heritage.demo.load(loader)
        runs.append(loader)
    return {"first": runs[0], "second": runs[1]}


def test_demo_content(db, client, settings, tmp_path):
    """One test (the load is slow): every check below runs on the same loaded data."""
    settings.MEDIA_ROOT = tmp_path
    loaded = load_twice()
    check_loading_twice_changes_nothing(loaded)
    for model, minimum in COUNTS:
        check_counts(model, minimum)
    check_all_three_groups()
    check_every_factual_page_has_a_source()
    check_every_image_has_rights()
    check_only_sourced_coordinates()
    check_a_few_ethnic_language_titles()
    check_demo_pages_render(client, settings)


def check_loading_twice_changes_nothing(loaded):
    assert loaded["first"].created > 100
    assert (loaded["second"].created, loaded["second"].updated) == (0, 0)


COUNTS = [
    ("EthnicGroupPage", 3),
    ("FestivalPage", 8),
    ("StoryPage", 8),
    ("ProductPage", 8),
    ("PlacePage", 12),
]


def check_counts(model, minimum):
    from heritage import models

    cls = getattr(models, model)
    for language in ("vi", "en"):
        assert cls.objects.live().filter(locale__language_code=language).count() >= minimum


def check_all_three_groups():
    from heritage.models import EthnicGroupPage

    codes = set(EthnicGroupPage.objects.values_list("code", flat=True))
    assert codes == {"ba-na", "cham-hroi", "hre"}


def check_every_factual_page_has_a_source():
    from heritage.models import (
        EthnicGroupPage,
        FestivalPage,
        PlacePage,
        ProductPage,
        StoryPage,
    )

    for cls in (EthnicGroupPage, FestivalPage, PlacePage, ProductPage, StoryPage):
        for page in cls.objects.live():
            assert len(page.sources) >= 1, page


def check_every_image_has_rights():
    from content.models import HeritageImage

    images = HeritageImage.objects.filter(title__startswith="Nhà Rông demo")
    assert images.count() >= 45
    for image in images:
        assert image.alt_text and image.credit and image.licence
        assert "Pillow" in image.credit


def check_only_sourced_coordinates():
    from heritage.models import PlacePage

    with_coords = PlacePage.objects.filter(locale__language_code="vi", latitude__isnull=False)
    assert set(with_coords.values_list("slug", flat=True)) == {"thap-banh-it", "thap-phu-loc"}
    assert all(p.coordinates_source for p in with_coords)


def check_a_few_ethnic_language_titles():
    from heritage.models import FestivalPage

    titles = dict(
        FestivalPage.objects.live()
        .exclude(locale__language_code__in=["vi", "en"])
        .values_list("locale__language_code", "title")
    )
    assert titles == {"bdq": "Xa mok", "hre": "H'tend", "hro": "Quai Yang Cham"}


def check_demo_pages_render(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    for path in (
        "/vi/peoples/ba-na/",
        "/en/festivals/quai-yang-cham/",
        "/vi/products/",
        "/vi/places/thap-banh-it/",
        "/bdq/festivals/xa-mok/",
        "/hro/stories/nha-rong/",
        "/vi/festivals/calendar/",
        "/vi/places/map/",
    ):
        assert client.get(path).status_code == 200, path
