"""Live Wagtail pages created in bulk, copied from a template page.

``add_child`` costs about 16 queries a page (treebeard's path lookups, ``full_clean``'s
slug check, the base and specific rows, signal handlers) and no revision; the corpus
needs tens of thousands of pages. Here a chunk of pages costs a fixed few statements per
page type: the tree paths are computed in Python from each parent's last child (read
once per parent), the ``wagtailcore_page`` rows go in one ``bulk_create``, the specific
rows, many-to-many rows, child objects and revisions in one insert per table, and each
parent's ``numchild`` in one UPDATE. The result is what ``add_child`` plus
``save_revision().publish()`` would leave: live, a latest and live revision, the right
``path``/``depth``/``url_path``/``numchild``. Bulk inserts send no signals: the caller
indexes, logs and invalidates once at the end.
"""

from dataclasses import dataclass, field

from django.db.models import F
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_serializable_data_for_fields
from wagtail.models import Page, Revision

# Child objects that belong to an editor's session, not to the content.
SKIPPED_CHILD_RELATIONS = {"wagtail_admin_comments"}


@dataclass
class Spec:
    """One page to create: ``template``'s content under ``parent`` with these changes.

    ``parent`` may be a page created earlier in the same run (it needs its path)."""

    template: Page
    parent: Page
    title: str
    slug: str
    locale_id: int
    translation_key: object
    fields: dict = field(default_factory=dict)  # attname -> value, over the template's


class Template:
    """What every copy of one template shares, read once: its field values, many-to-many
    ids and child objects."""

    def __init__(self, page):
        self.page = page
        self.model = type(page)
        opts = self.model._meta
        self.values = {f.attname: getattr(page, f.attname) for f in opts.concrete_fields}
        self.m2m = {
            f.name: list(getattr(page, f.name).values_list("pk", flat=True))
            for f in opts.get_fields()
            if isinstance(f, ParentalManyToManyField)
        }
        self.children = {}
        for rel in opts.related_objects:
            name = rel.get_accessor_name()
            if isinstance(rel.remote_field, ParentalKey) and name not in SKIPPED_CHILD_RELATIONS:
                self.children[name] = (rel, list(getattr(page, name).all()))


class Builder:
    """Creates pages chunk by chunk; keeps each parent's last child step between chunks."""

    def __init__(self, now):
        self.now = now
        self.templates = {}
        self.last_step = {}  # parent pk -> last child step used

    def template(self, page):
        if page.pk not in self.templates:
            self.templates[page.pk] = Template(page)
        return self.templates[page.pk]

    def _next_path(self, parent):
        if parent.pk not in self.last_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.last_step[parent.pk] = Page._str2int(last[-Page.steplen :]) if last else 0
        self.last_step[parent.pk] += 1
        return Page._get_path(parent.path, parent.depth + 1, self.last_step[parent.pk])

    def _instance(self, spec):
        template = self.template(spec.template)
        values = dict(template.values)
        for name in ("id", "page_ptr_id", "latest_revision_id", "live_revision_id", "locked_by_id", "locked_at"):
            values[name] = None
        values.update(
            path=self._next_path(spec.parent),
            depth=spec.parent.depth + 1,
            numchild=0,
            url_path=f"{spec.parent.url_path}{spec.slug}/",
            title=spec.title,
            draft_title=spec.title,
            slug=spec.slug,
            locale_id=spec.locale_id,
            translation_key=spec.translation_key,
            live=True,
            has_unpublished_changes=False,
            locked=False,
            show_in_menus=False,  # generated content, not new sections of the main menu
            first_published_at=self.now,
            last_published_at=self.now,
            latest_revision_created_at=self.now,
            alias_of_id=None,
        )
        values.update(spec.fields)
        return template.model(**values)

    def create(self, specs):
        """Create ``specs`` (parents before their children); returns the saved pages."""
        pages = [self._instance(spec) for spec in specs]
        Page.objects.bulk_create(pages, batch_size=500)  # the base rows; sets page.id
        by_model = {}
        for page, spec in zip(pages, specs, strict=True):
            page.page_ptr_id = page.id
            page._state.adding = False
            by_model.setdefault(type(page), []).append((page, spec))
        children = {}
        for model, rows in by_model.items():
            self._insert_specific(model, [page for page, _ in rows])
            self._insert_m2m(model, rows)
            children.update(self._insert_children(rows))
        self._revisions(pages, specs, children)
        counts = {}
        for spec in specs:
            counts[spec.parent.pk] = counts.get(spec.parent.pk, 0) + 1
        parents = {spec.parent.pk: spec.parent for spec in specs}
        for pk, n in counts.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + n)
            parents[pk].numchild += n
        return pages

    @staticmethod
    def _insert_specific(model, pages):
        """The rows of the tables below ``wagtailcore_page`` (one insert per table)."""
        for concrete in [*reversed(model._meta.get_parent_list()), model]:
            if concrete is Page:
                continue
            fields = list(concrete._meta.local_concrete_fields)
            size = max(1, min(500, 900 // len(fields)))  # SQLite's variable limit on old builds
            for start in range(0, len(pages), size):
                concrete._base_manager._insert(pages[start : start + size], fields=fields)

    def _insert_m2m(self, model, rows):
        for name in {n for _, spec in rows for n in self.template(spec.template).m2m}:
            through = getattr(model, name).through
            source = through._meta.get_field(model._meta.get_field(name).m2m_field_name()).attname
            target = through._meta.get_field(model._meta.get_field(name).m2m_reverse_field_name()).attname
            links = [
                through(**{source: page.pk, target: pk})
                for page, spec in rows
                for pk in self.template(spec.template).m2m.get(name, ())
            ]
            through.objects.bulk_create(links, batch_size=500)

    def _insert_children(self, rows):
        """Copies of the template's child objects (orderables); returns, per page, the
        serialised copies for its revision."""
        made = {}
        relations = {}
        for page, spec in rows:
            for name, (rel, objects) in self.template(spec.template).children.items():
                for obj in objects:
                    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
                    values[obj._meta.pk.attname] = None
                    values[rel.field.attname] = page.pk
                    relations.setdefault(rel.related_model, []).append((page, name, rel.related_model(**values)))
        for model, items in relations.items():
            model.objects.bulk_create([obj for _, _, obj in items], batch_size=500)
            for page, name, obj in items:
                data = get_serializable_data_for_fields(obj)
                made.setdefault(page.pk, {}).setdefault(name, []).append(data)
        return made

    def _revisions(self, pages, specs, children):
        """One revision per page (its own fields, the template's many-to-many ids, its
        copied child objects: what ``save_revision`` would store), then each page's
        ``latest_revision`` and ``live_revision`` pointed at it."""
        revisions = []
        for page, spec in zip(pages, specs, strict=True):
            template = self.template(spec.template)
            content = get_serializable_data_for_fields(page)
            for name, ids in template.m2m.items():
                content[name] = list(ids)
            for name in template.children:
                content[name] = children.get(page.pk, {}).get(name, [])
            content["pk"] = page.pk
            revisions.append(
                Revision(
                    content_type_id=page.content_type_id,
                    base_content_type_id=_page_type_id(),
                    object_id=str(page.pk),
                    created_at=self.now,
                    object_str=page.title,
                    content=content,
                )
            )
        Revision.objects.bulk_create(revisions, batch_size=500)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=500)


def _page_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page).pk
