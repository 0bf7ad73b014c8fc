"""The two statistics groups, created after every migrate.

*Statistics officers* (province) define indicators and data sets, approve values and
publish reports; *Commune reporters* enter and submit values for the communes assigned
to them (``ReporterCommune``) and see nothing else.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

OFFICERS = "Statistics officers"
REPORTERS = "Commune reporters"
LABELS = {OFFICERS: _("Statistics officers"), REPORTERS: _("Commune reporters")}

PERMISSIONS = {
    OFFICERS: [
        "access_admin",
        "add_indicator",
        "change_indicator",
        "view_indicator",
        "add_dataset",
        "change_dataset",
        "view_dataset",
        "add_disaggregationoption",
        "change_disaggregationoption",
        "add_datavalue",
        "change_datavalue",
        "view_datavalue",
        "approve_datavalue",
        "add_reportercommune",
        "change_reportercommune",
        "delete_reportercommune",
    ],
    REPORTERS: ["access_admin", "add_datavalue", "change_datavalue", "view_datavalue"],
}


def ensure_stats_roles(**kwargs):
    for name, codenames in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(codename__in=codenames))


def is_officer(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=OFFICERS).exists())


def is_reporter(user):
    return user.is_active and user.groups.filter(name=REPORTERS).exists()


def assigned_unit_ids(user):
    """Ids of the communes assigned to ``user`` (``stats.ReporterCommune``, reverse name ``stats_communes``)."""
    if not user.is_authenticated:
        return set()
    return set(user.stats_communes.values_list("unit_id", flat=True))


def may_write(user, unit):
    return is_officer(user) or (is_reporter(user) and unit.pk in assigned_unit_ids(user))
