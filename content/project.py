"""How every app of this project declares what it offers (``ProjectAppConfig``),
so that no command or module keeps a list of the project's apps. Depends on
nothing but Django, so anything may ask ``project_apps()``."""

from django.apps import AppConfig, apps


class ProjectAppConfig(AppConfig):
    """An app of this project (not a library). What it declares:

    * ``demo_order``: ``load_demo_content`` runs ``<app>.demo.load(loader)`` in this
      order (lowest first; None: the app has no demo).
    * ``api_router``: dotted path of its django-ninja router, mounted under
      ``/api/v1/`` by ``cms/api.py`` (None: no endpoints).
    * ``private_models``: names of its models whose writes change nothing the
      public sees (personal or high-churn records); writing any other model of
      the app invalidates kept pages (``content.cache``).
    * ``tagged_models``: names of its models whose writes bump only the cache tag
      ``model:<app>.<model>`` and ``app:<app>``, never the whole site; the views
      that show them call ``content.cachetags.depends_on`` with one of them (a
      certificate's public page), or the models read through
      ``content.cachetags.TaggedReadsManager``, which records ``app:<app>`` for every
      query (the statistics).

    Every project app may have translation catalogues in ``<app>/locale`` (compiled
    and checked by the catalogue commands) and templates in ``templates/<app>/``.
    """

    default = False  # a base class: Django picks each app's own subclass (default = True)
    default_auto_field = "django.db.models.BigAutoField"
    demo_order = None
    api_router = None
    private_models = ()
    tagged_models = ()


def project_apps():
    """The installed apps of this project, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, ProjectAppConfig)]
