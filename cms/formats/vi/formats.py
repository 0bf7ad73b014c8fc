"""Vietnamese: dates typed dd/mm/yyyy (Django's vi formats define no input formats)."""

from django.conf import settings

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = settings.DATETIME_INPUT_FORMATS
