"""factory_boy factories shared by the apps' tests.

Page factories create pages through the tree API (``parent.add_child``) and
publish them unless ``live=False`` is passed, as an editor would.
"""

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image as PILImage

LOCALES = ["vi", "en", "bdq", "hre", "hro"]


def png_bytes(size=(64, 48), colour=(138, 59, 18)):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


class HeritageImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.HeritageImage"

    title = factory.Sequence(lambda n: f"Ảnh thử {n}")
    alt_text = factory.LazyAttribute(lambda o: f"Mô tả {o.title}")
    credit = "Tạo bằng Pillow cho kiểm thử"
    licence = "CC0-1.0"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="test.png"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-42")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class PageFactory(factory.django.DjangoModelFactory):
    """Base for Wagtail page factories: ``SectionPageFactory(parent=home, title=…)``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang {n}")
    slug = None

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        from django.utils.text import slugify

        if not kwargs.get("slug"):
            kwargs["slug"] = slugify(kwargs["title"]) or "page"
        page = model_class(locale=parent.locale, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        else:
            model_class.objects.filter(pk=page.pk).update(live=False)
            page.refresh_from_db()
        return page

    @classmethod
    def _build(cls, model_class, parent=None, live=True, **kwargs):
        return model_class(**kwargs)


class SectionPageFactory(PageFactory):
    class Meta:
        model = "content.SectionPage"

    summary = "Một trang thử nghiệm"
