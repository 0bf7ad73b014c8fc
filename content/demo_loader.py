"""Idempotent building blocks for demo content.

``python manage.py load_demo_content`` calls ``load(loader)`` in each project
app's ``demo`` module (``content`` first, then the others in INSTALLED_APPS
order). Apps describe pages as data; the loader creates what is missing,
updates what changed, publishes, and never duplicates: running it twice
changes nothing. A page that a person has edited since it was loaded (any
revision saved by a user: a draft, a publish, a translation) is left exactly as
it is, so ``make run`` and ``make setup`` never publish over an editor's work
or push an editor's unfinished draft live.
"""

import hashlib
import io
import json
import sys
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.models import Locale, Page, Site

from . import illustrations
from .models import HeritageImage, HomePage


class Progress:
    """A plain-text progress bar that works in any terminal and in logs."""

    def __init__(self, stream=None, width=30):
        self.stream = stream or sys.stdout
        self.width = width

    def __call__(self, iterable, label, total=None):
        items = list(iterable) if total is None else iterable
        total = len(items) if total is None else total
        for index, item in enumerate(items, 1):
            yield item
            filled = int(self.width * index / max(total, 1))
            self.stream.write(f"\r{label:<28} [{'#' * filled}{'.' * (self.width - filled)}] {index}/{total}")
            if index == total:
                self.stream.write("\n")
            self.stream.flush()


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout or sys.stdout
        self.progress = Progress(self.stdout)
        self.created = 0
        self.updated = 0
        self.kept = 0  # pages and images left alone because a person edited them
        self.kept_pages = []  # those pages, named in load_demo_content's report

    # -- locales and the site -------------------------------------------------
    def locale(self, code):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        return locale

    def home(self, language="vi"):
        """The home page of ``language`` (the site root is the Vietnamese one)."""
        site = Site.objects.get(is_default_site=True)
        if language == site.root_page.locale.language_code:
            return site.root_page.specific
        return site.root_page.get_translation(self.locale(language)).specific

    # -- pages ----------------------------------------------------------------
    def page(self, parent, model, slug, **fields):
        """Create or update the child ``slug`` of ``parent`` and publish it if it changed.

        Many-to-many / ParentalManyToMany values can be passed as lists; they are
        set before publishing.
        """
        with transaction.atomic():
            existing = model.objects.child_of(parent).filter(slug=slug).first()
            m2m = {k: v for k, v in fields.items() if self._is_m2m(model, k)}
            plain = {k: v for k, v in fields.items() if k not in m2m}
            if existing is None:
                page = model(slug=slug, locale=parent.locale, **plain)
                parent.add_child(instance=page)
                for name, values in m2m.items():
                    getattr(page, name).set(values)
                page.save_revision().publish()
                self.created += 1
                return page
            page = existing.specific
            if self.edited_by_someone(page):
                return self._keep(page)
            if self._differs(page, plain, m2m) or not page.live or page.has_unpublished_changes:
                for name, value in plain.items():
                    setattr(page, name, value)
                for name, values in m2m.items():
                    getattr(page, name).set(values)
                page.save_revision().publish()
                self.updated += 1
            return page

    def translate(self, page, language, **fields):
        """Create or update the ``language`` translation of ``page`` with ``fields``."""
        locale = self.locale(language)
        with transaction.atomic():
            translation = page.get_translation_or_none(locale)
            if translation is None:
                translation = page.copy_for_translation(locale, copy_parents=True)
                created = True
            else:
                translation = translation.specific
                created = False
                if self.edited_by_someone(translation):
                    return self._keep(translation)
            m2m = {k: v for k, v in fields.items() if self._is_m2m(type(translation), k)}
            plain = {k: v for k, v in fields.items() if k not in m2m}
            if created or self._differs(translation, plain, m2m) or not translation.live:
                for name, value in plain.items():
                    setattr(translation, name, value)
                for name, values in m2m.items():
                    getattr(translation, name).set(values)
                translation.save_revision().publish()
                if created:
                    self.created += 1
                else:
                    self.updated += 1
            return translation

    # -- a sample recording -------------------------------------------------
    DEMO_RECORDING_NOTE = (
        "Mẫu trình diễn: máy tổng hợp đọc phần chữ tiếng Việt, thay cho bản ghi của một người nói "
        "tiếng {language}. Không phải giọng người thật."
    )

    def demo_recording(self, page, language, text):
        """A sample recording of ``page`` "in" ``language``, clearly labelled a demonstration
        (``PageAudio.demonstration``; the page and the admin say "synthesised by a machine, not a
        real speaker"): no Bahnar, Hre or Haroi speaker can be recorded here, so the machine
        voice reads ``text`` to show how a recording in a language makes the page available
        in it (``content.locales``). Kept once made; nothing without a synthesiser."""
        from .narration import PageAudio
        from .recordings import store
        from .speech.base import SpeechUnavailable, get_synthesizer
        from .speech.normalize import normalize

        if PageAudio.objects.filter(page=page, language=language, kind=PageAudio.Kind.RECORDED).exists():
            return None
        synthesizer = get_synthesizer()
        if synthesizer is None:
            return None
        try:
            speech = synthesizer.synthesize(normalize(text))
        except SpeechUnavailable:
            return None
        from . import audio
        from .locales import LANGUAGE_INFO

        data = audio.encode(speech.pcm, speech.sample_rate)
        note = self.DEMO_RECORDING_NOTE.format(language=LANGUAGE_INFO[language]["name_vi"].removeprefix("Tiếng "))
        self.created += 1
        return store(page, language, (data, audio.duration(data)), note=note, demonstration=True, approve_now=True)

    def _keep(self, page):
        """Count ``page`` as left as a person left it (no revision, no publish), and name it."""
        self.kept += 1
        self.kept_pages.append(page)
        return page

    @staticmethod
    def edited_by_someone(page):
        """True when a person saved a revision of ``page``: the loader's own revisions have no user."""
        return page.revisions.exclude(user=None).exists()

    @staticmethod
    def _is_m2m(model, name):
        try:
            field = model._meta.get_field(name)
        except Exception:
            return False
        return field.many_to_many

    @staticmethod
    def _differs(page, plain, m2m):
        for name, value in plain.items():
            current = getattr(page, name)
            if hasattr(current, "raw_data"):  # StreamValue: compare block types and values
                if _stream_differs(current, page._meta.get_field(name), value):
                    return True
            elif current != value:
                return True
        for name, values in m2m.items():
            if {v.pk for v in getattr(page, name).all()} != {v.pk for v in values}:
                return True
        return False

    # -- images -----------------------------------------------------------------
    CREDIT = "Hình minh hoạ tạo bằng Pillow (Nhà Rông) · Illustration generated with Pillow"

    def image(
        self, key, title, motif, alt, palette="neutral", variant=0, steps=0, size=(1200, 675), licence="CC0-1.0"
    ):
        """A generated illustration of ``motif`` (a name in ``content.illustrations.MOTIFS``).

        The picture holds no text: what it is about goes into ``alt`` (Vietnamese). It is
        found again by ``title``. Its file name carries the drawing's signature, so when the
        drawing of these arguments changes (or an old text banner is found) the file and alt
        text are replaced, unless a person has edited the image in the admin or replaced
        its file: then it is left exactly as it is.
        """
        signature = illustrations.signature(motif, size, palette, variant, steps)
        existing = HeritageImage.objects.filter(title=title).first()
        if existing is not None:
            if self.image_edited_by_someone(existing):
                self.kept += 1
                return existing
            if signature in existing.file.name and existing.alt_text == alt:
                return existing
        data = illustrations.render(motif, size, palette, variant, steps)
        digest = hashlib.sha1(key.encode()).hexdigest()[:10]
        image = existing or HeritageImage(title=title)
        old_file = existing.file.name if existing is not None else None
        image.alt_text = alt
        image.credit = self.CREDIT
        image.licence = licence
        if old_file is None or signature not in old_file:
            image.file = ImageFile(io.BytesIO(data), name=f"demo-{digest}-{motif}-{signature}.png")
            image._set_image_file_metadata()
        image.save()
        if old_file and image.file.name != old_file:
            image.renditions.all().delete()
            image.file.storage.delete(old_file)
        if existing is None:
            self.created += 1
        else:
            self.updated += 1
        return image

    @staticmethod
    def image_edited_by_someone(image):
        """True when a person changed ``image`` in the admin (Wagtail logs it with a user) or
        gave it a file the loader did not draw."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        if not image.file.name.split("/")[-1].startswith("demo-"):
            return True
        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(image), object_id=str(image.pk)
        )
        return entries.exclude(user=None).exists()


def _stream_differs(current, field, value):
    """Compare a stored StreamValue with new raw data by block type and value only."""

    def normalize(stream):
        prepped = field.stream_block.get_prep_value(field.to_python(stream))
        return json.dumps([(b["type"], b["value"]) for b in prepped], sort_keys=True, default=str)

    return normalize(current) != normalize(value)


def ensure_root_home(loader):
    """Make the default site's root a content.HomePage in Vietnamese."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # flushed too: images need the root collection
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    vi = loader.locale("vi")
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (transactional tests) has no tree root
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    home = HomePage.objects.filter(depth=2, locale=vi).first()
    if home is None:
        home = HomePage(title="Nhà Rông", slug="trang-chu", locale=vi)
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Nhà Rông"
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Nhà Rông"
        site.save()
        if old_root.pk != home.pk and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home
