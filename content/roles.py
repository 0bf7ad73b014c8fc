"""Editorial groups and the review workflow, created after every migrate.

*Editors* create, edit and submit for review; *Moderators* approve and
publish; *Translators* translate (edit pages, never publish);
*Community contributors* draft only. One "Review, then publish" workflow, approved by
Moderators, covers every page under the tree root. Anyone with admin access may record
or upload narration; Moderators approve it (``review_pageaudio``: ``content.recordings``).
"""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
CONTRIBUTORS = "Community contributors"
WORKFLOW_NAME = "Review, then publish"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "delete_page", "lock_page"],
    TRANSLATORS: ["change_page"],
    CONTRIBUTORS: ["add_page", "change_page"],
}
MODEL_PERMISSIONS = {
    EDITORS: [
        "access_admin",
        "add_heritageimage",
        "change_heritageimage",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    MODERATORS: [
        "access_admin",
        "add_heritageimage",
        "change_heritageimage",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
        "add_administrativeunit",
        "change_administrativeunit",
        "review_pageaudio",  # approve or reject recorded narration (content.recordings)
    ],
    TRANSLATORS: ["access_admin", "submit_translation", "choose_image", "choose_document"],
    CONTRIBUTORS: ["access_admin", "add_heritageimage", "choose_image", "add_document", "choose_document"],
}


def ensure_roles(**kwargs):
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    root = Page.get_first_root_node()
    if root is None:
        return
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in codenames:
            perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if perm:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
        for codename in MODEL_PERMISSIONS[name]:
            for perm in Permission.objects.filter(codename=codename):
                group.permissions.add(perm)
        collection = Collection.get_first_root_node()
        if collection:
            for codename in MODEL_PERMISSIONS[name]:
                if codename.endswith(("image", "document")):
                    for perm in Permission.objects.filter(codename=codename):
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=collection, permission=perm
                        )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name="Moderator approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderator approval")
    task.groups.add(groups[MODERATORS])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Wagtail's migrations assign its own "Moderators approval" workflow to the root;
    # replace that default (but leave any workflow an administrator chose).
    current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if current is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif current.workflow.name == "Moderators approval":
        current.workflow = workflow
        current.save()
