# The community models became the ``community`` app (community 0001 takes them over
# with the same tables); here they only leave the content app's migration state.

from django.db import migrations

MOVED = [
    "CommunityCourseLink",
    "JobCourseLink",
    "PolicyAmendment",
    "ConsultationRequest",
    "CommunityArticlePage",
    "CommunityIndexPage",
    "HealthServicePage",
    "HealthIndexPage",
    "JobPostingPage",
    "JobIndexPage",
    "PolicyDocumentPage",
    "PolicyLibraryPage",
]


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_job_sources"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        )
    ]
