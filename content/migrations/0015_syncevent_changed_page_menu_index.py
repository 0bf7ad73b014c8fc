"""Two indexes that keep cold requests from reading a table end to end at 100,000 pages
(measured with ``python -m bench.scale --sizes 1000,10000,100000``):

- the sync log's newest change per language (the API lists' Last-Modified);
- Wagtail's page table by depth and menu flag: the main menu picks the sections at one
  depth with ``show_in_menus`` (``cms.templatetags.nharong._menu_sections``), and
  generated or imported pages fill that depth by the thousand. Wagtail declares no such
  index, so it is made here, on its table, and dropped on the way back.
"""

from django.db import migrations, models

PAGE_MENU_INDEX = "nharong_page_depth_menu"


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0014_unfinishedtranslation_copied_segments"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="syncevent",
            index=models.Index(fields=["locale", "created_at"], name="content_syncevent_changed"),
        ),
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS {PAGE_MENU_INDEX} ON "wagtailcore_page" ("depth", "show_in_menus")',
            f"DROP INDEX IF EXISTS {PAGE_MENU_INDEX}",
        ),
    ]
