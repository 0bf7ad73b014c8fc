from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class LessonsConfig(ProjectAppConfig):
    default = True
    name = "lessons"
    label = "lessons"
    verbose_name = _("Lessons")
    demo_order = 30
    api_router = "lessons.api.router.router"
    private_models = ("accesstoken", "learnerprofile", "enrollment", "progressevent", "quizattempt")
    tagged_models = ("certificate",)  # its public pages depend on model:lessons.certificate

    def ready(self):
        from . import tasks

        tasks.connect()
