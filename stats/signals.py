"""The statistics app's announcements to other apps (the sharing app listens).

``values_approved(sender, dataset, period, units)``: values were approved. ``dataset`` is a
``DataSet`` or None (values approved one by one), ``period`` the period string, ``units`` a
list of the ``content.AdministrativeUnit`` whose values changed. Sent after the transaction
commits, so a listener reads the approved values through ``stats.queries``.

``report_published(sender, report)``: a periodic report was published.
"""

from django.dispatch import Signal

values_approved = Signal()
report_published = Signal()
