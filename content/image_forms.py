"""The admin's image upload form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): every bad upload is
a form error, never a 500.

* A file whose name says ``.gif`` (or any allowed format) but which Pillow cannot decode
  passes Willow's first look (the magic bytes) and used to fail later, while Wagtail read
  its size: ``SafeImageField`` turns any decoding error into the "not a valid image" error.
* ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (about 40 megapixels here, Wagtail's default is 128)
  is checked by the same field: a bigger picture is refused with Wagtail's "too many
  pixels" error before its renditions could take gigabytes in a worker.
* A full media disk: the upload is refused with a form error when the storage has less
  free room than the file and a margin for its first renditions (local storage only; a
  fault while saving anyway is a 503, ``cms.middleware.database``).
"""

import shutil

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

RENDITION_MARGIN = 1024 * 1024  # room for the first renditions beside the original


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001 (Pillow raises many kinds on bad bytes)
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


def free_bytes(storage=default_storage):
    """Free room where ``storage`` writes, or None when it is not a local folder."""
    location = getattr(storage, "location", None)
    if not location:
        return None
    try:
        return shutil.disk_usage(location).free
    except OSError:
        return None


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields.get("file")
        if old is not None and not isinstance(old, SafeImageField):
            field = SafeImageField(label=old.label, required=old.required, widget=old.widget)
            field.help_text = old.help_text
            self.fields["file"] = field

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        size = getattr(upload, "size", None)
        if upload is not None and size and "file" in self.changed_data:
            free = free_bytes()
            if free is not None and free < size + RENDITION_MARGIN:
                raise ValidationError(
                    _("The server has no room left for this picture. Try again later or tell the administrator."),
                    code="disk_full",
                )
        return upload
