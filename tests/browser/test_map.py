"""The map in a real browser: load, filter, open an event, highlight text, Ctrl + Enter, submit, approve in
the moderation queue and see the change. Screenshots go to test-artifacts/."""
from __future__ import annotations

import re

import httpx
import pytest

pytestmark = pytest.mark.browser

COUNT = re.compile(r"([\d,]+) of ([\d,]+) events on the map")


def shown(page) -> tuple[int, int]:
    match = COUNT.search(page.text_content("#count") or "")
    assert match, page.text_content("#count")
    return int(match[1].replace(",", "")), int(match[2].replace(",", ""))


def wait_for_count(page, previous: str) -> None:
    page.wait_for_function("(previous) => { const text = document.querySelector('#count').textContent;"
                           " return text !== previous && text.includes('events on the map'); }", arg=previous)


def open_an_event(page) -> str:
    """Click clusters (each zooms in, or lists its events when they share one place) until an event
    marker or list entry shows, then click it."""
    for _ in range(12):
        dots, listed = page.locator(".ev-dot"), page.locator(".cluster-list button")
        if dots.count():
            dots.first.click()
            break
        if listed.count():
            listed.first.click()
            break
        page.locator(".ev-cluster").first.click()
        page.wait_for_timeout(700)  # the zoom animation
    page.wait_for_selector(".article-text mark", timeout=20_000)
    return page.text_content("#event-title")


def select_first_evidence_line(page) -> str:
    """Drag the mouse over the first line of the first highlighted evidence span, as a reader would."""
    mark = page.locator(".article-text mark").first
    mark.scroll_into_view_if_needed()
    line = page.evaluate("(mark) => { const r = mark.getClientRects()[0];"
                         " return {left: r.left, right: r.right, middle: (r.top + r.bottom) / 2}; }",
                         mark.element_handle())
    page.mouse.move(line["left"] + 1, line["middle"])
    page.mouse.down()
    page.mouse.move(line["right"] - 1, line["middle"], steps=8)
    page.mouse.up()
    selected = page.evaluate("window.getSelection().toString().trim()")
    assert len(selected) >= 3
    return selected


def test_map_draws_events_legend_timeline_and_base_map(page, shoot):
    on_map, total = shown(page)
    assert on_map == total >= 2
    assert page.locator(".ev-cluster, .ev-dot").count() >= 1
    for style in page.eval_on_selector_all(".ev-cluster", "cs => cs.map(c => c.getAttribute('style'))"):
        assert "conic-gradient(" in style  # each cluster is a ring of its event types' colours
    assert page.locator(".legend div").count() == 6
    # The timeline canvas has bars: some pixels are not transparent.
    painted = page.evaluate("""() => { const c = document.querySelector('#timeline');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i]) n++; return n; }""")
    assert painted > 100
    page.wait_for_function("document.querySelectorAll('.leaflet-basemap-pane canvas').length > 0")
    shoot(page, "01-map")


def test_filters_change_what_the_map_shows(page, shoot):
    _, total = shown(page)
    present = page.evaluate("fetch('/api/events?limit=5000').then(r => r.json())"
                            ".then(a => [...new Set(a.events.map(e => e.event_type))])")
    absent = [t for t in page.eval_on_selector_all("#filter-type option", "os => os.map(o => o.value)")
              if t and t not in present]
    before = page.text_content("#count")
    page.select_option("#filter-type", present[0])
    wait_for_count(page, before)
    typed, typed_total = shown(page)
    assert 1 <= typed == typed_total <= total
    shoot(page, "02-filtered-by-type")

    before = page.text_content("#count")
    page.select_option("#filter-type", absent[0])
    wait_for_count(page, before)
    assert shown(page) == (0, 0)

    page.click("#filter-reset")
    page.wait_for_function(f"document.querySelector('#count').textContent.startsWith('{total}')")
    before = page.text_content("#count")
    page.fill("#filter-q", "zzzqqqnonexistentword")
    page.press("#filter-q", "Enter")
    wait_for_count(page, before)
    assert shown(page) == (0, 0)

    page.click("#filter-reset")
    page.wait_for_function(f"document.querySelector('#count').textContent.startsWith('{total}')")
    page.fill("#filter-end", "2000-01-01")
    page.dispatch_event("#filter-end", "change")
    page.wait_for_function("document.querySelector('#count').textContent.startsWith('0 of')")
    assert shown(page)[1] == total  # the date range hides markers; the filtered set itself is unchanged


def test_timeline_brush_narrows_the_dates(page, shoot):
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 20, steps=5)
    page.mouse.up()
    start, end = page.input_value("#filter-start"), page.input_value("#filter-end")
    assert start and end and start <= end
    assert page.text_content("#timeline-range") == f"{start} – {end}"
    shoot(page, "03-timeline-brushed")
    page.dblclick("#timeline")
    assert page.input_value("#filter-start") == "" and page.input_value("#filter-end") == ""


def test_highlight_ctrl_enter_submit_approve_and_see_the_change(page, token, shoot):
    old_type = open_an_event(page)
    event_id = page.get_attribute("#event-title", "data-event-id")
    assert page.locator(".claims li, .article-text mark").count() >= 1
    shoot(page, "04-event-panel")

    selected = select_first_evidence_line(page)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#correct-dialog[open]")
    assert page.text_content("#correct-selection") == selected
    assert selected in page.text_content("#correct-context")
    new_type = "Armed clash" if old_type != "Armed clash" else "Air/drone strike"
    page.fill("#correct-comment", "This was a battle, not what the map says.")
    page.select_option("#fix-kind", "type")
    page.select_option("#fix-type", new_type)
    shoot(page, "05-correction-dialog")
    page.click("#correct-send")
    page.wait_for_selector("#correct-dialog", state="hidden")
    assert "is waiting for review" in page.text_content("#toast")

    page.click("#open-moderation")
    page.fill("#token-input", token)
    page.click("#token-form button")
    item = page.locator("#moderation-list li").first
    item.wait_for()
    assert item.locator("blockquote").text_content() == selected
    assert f"event {event_id}" in item.text_content() and new_type in item.text_content()
    shoot(page, "06-moderation-queue")
    item.locator("button.accept").click()
    page.wait_for_function("document.querySelector('#moderation-status').textContent === 'No pending reports.'")
    page.click("#moderation-close")

    page.wait_for_function("(t) => document.querySelector('#event-title').textContent === t", arg=new_type)
    assert "Corrected after reader report" in page.text_content("#panel")
    assert page.evaluate("sessionStorage.getItem('frontwatch.token')") == token
    shoot(page, "07-event-corrected")


def test_report_button_works_without_a_keyboard(page):
    open_an_event(page)
    selected = select_first_evidence_line(page)
    page.click("#report-button")
    page.wait_for_selector("#correct-dialog[open]")
    assert page.text_content("#correct-selection") == selected
    page.click("#correct-cancel")


def test_ctrl_enter_without_a_selection_says_what_to_do(page):
    page.keyboard.press("Control+Enter")
    assert "Select the words that are wrong first" in page.text_content("#toast")
    assert page.locator("#correct-dialog[open]").count() == 0


def test_reports_with_markup_are_shown_as_text_never_run(page, server, token, shoot):
    markup = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>'
    posted = httpx.post(f"{server.url}/api/corrections", json={"selection": markup, "comment": markup})
    assert posted.status_code == 201
    page.click("#open-moderation")
    page.fill("#token-input", token)
    page.click("#token-form button")
    item = page.locator(f"#moderation-list li[data-correction-id='{posted.json()['id']}']")
    item.wait_for()
    assert item.locator("blockquote").text_content() == markup
    assert item.locator("img, script").count() == 0
    assert page.evaluate("window.__injected === undefined")
    shoot(page, "08-markup-as-text")
    item.locator("button.reject").click()
    item.wait_for(state="detached")


def test_control_layer_draws_areas_for_the_chosen_day(page, shoot):
    assert page.locator("#control-bar").is_visible()
    day = page.text_content("#control-date-label")
    with page.expect_response(lambda r: "/api/control/areas" in r.url and r.status == 200, timeout=90_000) as areas:
        page.check("#control-toggle")
    assert f"date={day}" in areas.value.url
    assert any(f["properties"].get("status") == "UA" for f in areas.value.json()["features"])
    page.wait_for_function("document.querySelector('.leaflet-control-pane canvas') !== null")
    shoot(page, "09-control-layer")


def test_wrong_place_is_fixed_by_picking_a_gazetteer_candidate(page, token, shoot):
    open_an_event(page)
    event_id = page.get_attribute("#event-title", "data-event-id")
    select_first_evidence_line(page)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#correct-dialog[open]")
    page.select_option("#fix-kind", "place")
    page.fill("#fix-place-q", "Lviv")
    lviv = page.locator("#fix-place-candidates input[value='702550']")
    lviv.wait_for()
    lviv.check()
    shoot(page, "10-place-candidates")
    page.click("#correct-send")
    page.wait_for_selector("#correct-dialog", state="hidden")

    page.click("#open-moderation")
    page.fill("#token-input", token)
    page.click("#token-form button")
    item = page.locator("#moderation-list li", has_text="place → GeoNames 702550")
    item.locator("button.accept").click()
    page.wait_for_function("document.querySelector('#moderation-status').textContent === 'No pending reports.'")
    page.click("#moderation-close")
    page.wait_for_function("(id) => document.querySelector('#event-title')?.dataset.eventId === id"
                           " && document.querySelector('#panel dl').textContent.includes('Lviv')", arg=event_id)


def test_api_documentation_renders_offline(page, server, shoot):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url + "/docs")
    page.get_by_text("/api/events/{event_id}").first.wait_for(timeout=30_000)
    assert all(url.startswith(server.url) or url.startswith("data:") for url in requested), requested
    shoot(page, "11-api-docs")
