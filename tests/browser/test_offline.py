"""The website offline (issue 19), in Debian chromium: a learner signs in, saves a course
for offline use, the network is cut, the lessons and their pictures still open, the
learner answers a quiz and finishes a lesson offline, the network returns and the
events arrive exactly once (static/js/offline.js, templates/cms/sw.js)."""

import re

import pytest

from lessons.learners.records import ProgressEvent
from tests.factories import AudioDocumentFactory, HeritageImageFactory, UserFactory
from tests.lessons.conftest import QUIZ_ID, RIGHT, CourseIndexPageFactory, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUED = "Đã lưu trên điện thoại này, sẽ gửi khi có mạng."
STALE = (
    "new Promise(done => { const o = indexedDB.open('nharong-offline', 1); o.onsuccess = () => { "
    "const s = o.result.transaction('courses', 'readwrite').objectStore('courses'); "
    "s.getAll().onsuccess = (e) => { e.target.result.forEach(r => { r.checked_at = 0; s.put(r); }); "
    "s.transaction.oncomplete = () => { o.result.close(); done(true); }; }; }; })"
)
CHECKED = (
    "() => new Promise(done => { const o = indexedDB.open('nharong-offline', 1); o.onsuccess = () => { "
    "o.result.transaction('courses').objectStore('courses').getAll().onsuccess = (e) => { "
    "o.result.close(); done(e.target.result.length > 0 && e.target.result.every(r => r.checked_at > 0)); }; }; })"
)


def _course(home):
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    course, lessons = make_course(index, title="Bán hàng an toàn", lessons=2)
    first = lessons[0]
    first.body.append(("image", {"image": HeritageImageFactory(), "caption": "Chợ phiên", "alt": "Chợ phiên"}))
    first.audio = AudioDocumentFactory()
    first.save_revision().publish()
    return course, lessons


def _sign_in(page, base, username):
    page.goto(f"{base}/vi/learn/login/")
    page.fill('input[name="identifier"]', username)
    page.fill('input[name="password"]', "correct-horse-42")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/vi/learn/$"))


def test_learner_saves_a_course_learns_offline_and_the_events_arrive_once(page, live_server, home):
    course, lessons = _course(home)
    learner = UserFactory(username="hoa-offline")
    base = live_server.url
    _sign_in(page, base, learner.username)

    page.goto(f"{base}{course.url}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the worker
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.goto(f"{base}{lessons[0].url}")  # the learner's own page: never kept while browsing
    page.goto(f"{base}{course.url}")
    save = page.locator("[data-offline-save]")
    save.wait_for()
    kept = page.evaluate("caches.open('nr-pages').then(c => c.keys()).then(k => k.map(r => r.url))")
    assert not [url for url in kept if "/learn/" in url or url.endswith((course.url, lessons[0].url))]
    assert re.search(r"\(\d+(,\d)? (KB|MB)\)", page.locator(".offline-save").inner_text())
    save.click()
    page.locator(".offline-status", has_text="Đã lưu trên điện thoại này").wait_for()
    assert page.locator("[data-offline-remove]").is_visible()

    # The next online visit refreshes the saved copy: pages asked with their ETag (304),
    # pictures not fetched again (their URL changes with their content).
    seen = []
    page.on("response", lambda r: seen.append((r.url, r.status)))
    page.evaluate(STALE)
    with page.expect_response(lambda r: r.url.endswith(lessons[0].url)) as answer:
        page.reload()
    assert answer.value.status == 304
    page.wait_for_function(CHECKED)
    assert not [url for url, _status in seen if "/media/" in url]

    page.goto(f"{base}/vi/")  # a public page visited is kept
    page.context.set_offline(True)
    page.goto(f"{base}/vi/")
    assert page.locator("a.brand").count() == 1
    page.goto(f"{base}/vi/chua-tung-mo/")  # never opened: the offline page, in Vietnamese
    assert page.locator("h1").inner_text().strip() == "Bạn đang không có mạng"
    page.goto(f"{base}{lessons[0].url}")
    assert page.locator("h1").inner_text().strip() == lessons[0].title
    picture = page.locator("main figure.picture img").first
    picture.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    audio = page.evaluate(
        "fetch(document.querySelector('audio').src, {headers: {Range: 'bytes=0-99'}})"
        ".then(r => r.arrayBuffer().then(b => [r.status, b.byteLength]))"
    )
    assert audio == [206, 100]  # the narration, kept with the course, answers a range
    page.locator("[data-offline-complete]").click()
    page.locator(".offline-note", has_text=QUEUED).first.wait_for()

    page.goto(f"{base}{lessons[1].url}")
    quiz = page.locator(f"#quiz-{QUIZ_ID} form")
    for question, answers in RIGHT.items():
        for answer in answers:
            quiz.locator(f'input[name="q-{question}"][value="{answer}"]').check()
    quiz.locator("button[type=submit]").click()
    page.locator(f"#quiz-{QUIZ_ID} .offline-note", has_text=QUEUED).wait_for()
    page.goto(f"{base}/vi/saved/")  # the saved courses page works offline too
    assert page.locator(".saved-courses a", has_text=course.title).count() == 1
    assert ProgressEvent.objects.filter(learner=learner).count() == 0

    page.context.set_offline(False)
    page.goto(f"{base}{lessons[1].url}")  # online: the learner's own page, and the queue is sent
    page.wait_for_function(
        "() => new Promise(r => { const o = indexedDB.open('nharong-offline', 1); o.onsuccess = () => "
        "{ const q = o.result.transaction('events').objectStore('events').count(); "
        "q.onsuccess = () => { o.result.close(); r(q.result === 0); }; }; })"
    )
    page.reload()  # a second visit sends nothing again
    progress = page.evaluate("fetch('/api/v1/me/progress').then(r => r.json())")
    state = next(s for s in progress if s["course"] == course.pk)
    assert next(ls for ls in state["lessons"] if ls["lesson"] == lessons[0].pk)["completed"] is True
    assert state["quizzes"][0]["passed"] is True
    events = ProgressEvent.objects.filter(learner=learner)
    assert events.filter(kind="lesson_completed", lesson=lessons[0]).count() == 1
    assert events.filter(kind="quiz_submitted").count() == 1
    assert page.locator(f'form[action$="/lessons/{lessons[1].pk}/complete/"]').count() == 1  # own page again

    lessons[0].unpublish()  # online, an unpublished lesson is gone even though it was saved
    response = page.goto(f"{base}{lessons[0].url}")
    assert response.status == 404


def _open_controlled(page, base, username, course):
    """Sign a new learner in and open ``course`` once the service worker controls the page."""
    _sign_in(page, base, UserFactory(username=username).username)
    page.goto(f"{base}{course.url}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def test_quick_exit_and_sign_out_forget_what_was_kept(page, live_server, home):
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    course, lessons = make_course(index, title="Quyền của phụ nữ", lessons=1, sensitive=True)
    base = live_server.url
    _open_controlled(page, base, "lan-offline", course)
    page.locator("[data-offline-save]").wait_for()
    page.locator("[data-offline-save]").click()  # not ticked: nothing is kept
    assert not [n for n in page.evaluate("caches.keys()") if "nr-course-" in n]
    page.locator("[data-offline-consent]").check()
    page.locator("[data-offline-save]").click()
    page.locator(".offline-status", has_text="Đã lưu trên điện thoại này").wait_for()
    assert any(n.startswith("nr-course-s-") for n in page.evaluate("caches.keys()"))

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(re.compile(r"/vi/$"))
    page.wait_for_function("caches.keys().then(names => !names.some(n => n.startsWith('nr-course-s-')))")
    page.goto(f"{base}/vi/saved/")
    page.locator("[data-offline-saved] p", has_text="Chưa có khoá học nào").wait_for()


def test_sign_out_forgets_pages_kept_and_private_courses(page, live_server, home):
    index = CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)
    course, _lessons = make_course(index, title="Sức khoẻ sinh sản", lessons=1, sensitive=True)
    base = live_server.url
    _open_controlled(page, base, "mai-offline", course)
    page.locator("[data-offline-consent]").check()
    page.locator("[data-offline-save]").click()
    page.locator(".offline-status", has_text="Đã lưu trên điện thoại này").wait_for()
    page.evaluate("caches.open('nr-pages').then(c => c.put('/vi/', new Response('kept')))")

    page.goto(f"{base}/vi/learn/")
    page.locator('form[action$="/learn/logout/"] button').click()
    page.wait_for_url(re.compile(r"/vi/$"))
    page.wait_for_function(
        "caches.keys().then(names => !names.some(n => n.startsWith('nr-course-s-') || n === 'nr-pages'))"
    )
    assert page.evaluate("localStorage.getItem('nr-learner')") is None
