"""English pages of a Vietnamese site: dates are still typed dd/mm/yyyy (Django's en reads
"03/12/2026" as 12 March, while the admin's picker writes 3 December)."""

from django.conf import settings

DATE_INPUT_FORMATS = settings.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = settings.DATETIME_INPUT_FORMATS
