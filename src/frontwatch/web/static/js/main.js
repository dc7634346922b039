// Wiring the map page: filters → /api/events/points → clustered markers + timeline; click → panel;
// Ctrl + Enter → correction dialog; moderation queue; the control layer when the server offers it.
import { getJSON } from './api.js';
import { createMap, drawBaseMap } from './basemap.js';
import { CorrectionDialog } from './correct.js';
import { el } from './dom.js';
import { EventsLayer } from './events-layer.js';
import { ModerationQueue } from './moderation.js';
import { EventPanel } from './panel.js';
import { Timeline, toISO } from './timeline.js';
import { colourOf } from './types.js';

const $ = (id) => document.getElementById(id);

function addLegend(map, eventTypes) {
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => el('div', { class: 'legend' }, eventTypes.map((name) => el('div', {},
    el('span', { class: 'swatch', style: `background:${colourOf(name)}` }), name)));
  legend.addTo(map);
}

function fillSelect(select, values) {
  for (const value of values) select.append(el('option', { value }, value));
}

async function start() {
  // The first (unfiltered) points are asked for at once, beside the metadata, not after it.
  let firstPoints = getJSON('/api/events/points', {});
  firstPoints.catch(() => {}); // its error is reported where it is awaited, in reload()
  const meta = await getJSON('/api/meta');
  const eventTypes = Object.keys(meta.event_types);
  fillSelect($('filter-type'), eventTypes);
  fillSelect($('filter-side'), meta.sides);

  const map = createMap($('map'));
  addLegend(map, eventTypes);
  drawBaseMap(map).catch((error) => console.error('base map', error));

  const panel = new EventPanel($('panel'), $('panel-body'));
  $('panel-close').addEventListener('click', () => panel.close());
  const layer = new EventsLayer(map, (id) => panel.show(id));

  const startInput = $('filter-start');
  const endInput = $('filter-end');
  const dateRange = () => (startInput.value || endInput.value
    ? [startInput.value || '0000-01-01', endInput.value || '9999-12-31'] : null);
  let loaded = null;
  let control = null; // the territorial-control layer, when the server offers one

  const showCount = (shown) => {
    if (!loaded) return;
    const unmapped = loaded.unmapped ? `, ${loaded.unmapped} without coordinates` : '';
    $('count').textContent = `${shown.toLocaleString()} of ${loaded.total.toLocaleString()} events on the map${unmapped}`;
  };
  const timeline = new Timeline($('timeline'), (range) => {
    startInput.value = range ? range[0] : '';
    endInput.value = range ? range[1] : '';
    $('timeline-range').textContent = range ? `${range[0]} – ${range[1]}` : 'All dates';
    layer.show(range).then(showCount);
  });

  const reload = async () => {
    const form = new FormData($('filters'));
    const filters = { event_type: form.get('event_type'), side: form.get('side'), q: form.get('q').trim() };
    $('count').textContent = 'Loading events…';
    const timing = { started: performance.now() };
    const unfiltered = !filters.event_type && !filters.side && !filters.q;
    const request = firstPoints && unfiltered ? firstPoints : getJSON('/api/events/points', filters);
    firstPoints = null;
    try {
      loaded = await request;
    } catch (error) {
      $('count').textContent = `Could not load events: ${error.message}`;
      return;
    }
    timing.fetched = performance.now();
    timeline.setDates(loaded.date);
    if (control && timeline.first !== null) control.setExtent(toISO(timeline.first), toISO(timeline.last));
    timeline.setRange(dateRange());
    layer.setPoints(loaded);
    timing.markers = performance.now();
    showCount(await layer.show(dateRange()));
    timing.clustered = performance.now();
    return timing;
  };

  $('filters').addEventListener('submit', (e) => { e.preventDefault(); reload(); });
  for (const select of [$('filter-type'), $('filter-side')]) select.addEventListener('change', reload);
  for (const input of [startInput, endInput]) {
    input.addEventListener('change', () => {
      timeline.setRange(dateRange());
      layer.show(dateRange()).then(showCount);
    });
  }
  $('filter-reset').addEventListener('click', () => { $('filters').reset(); reload(); });

  const correction = new CorrectionDialog({
    dialog: $('correct-dialog'), eventTypes: meta.event_types, currentEventId: () => panel.eventId,
  });
  const reportButton = $('report-button');
  reportButton.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection alive
  reportButton.addEventListener('click', () => correction.open());

  const queue = new ModerationQueue({
    dialog: $('moderation-dialog'),
    onDecided: (result) => {
      if (result.status !== 'accepted') return;
      reload();
      if (panel.eventId !== null && String(panel.eventId) === String(result.event_id)) panel.show(panel.eventId);
    },
  });
  $('open-moderation').addEventListener('click', () => queue.open());

  if (meta.control) {
    const { ControlLayer } = await import('./control.js');
    control = new ControlLayer(map, { bar: $('control-bar'), toggle: $('control-toggle'), slider: $('control-date'), label: $('control-date-label') });
  }

  const timing = await reload();
  // The browser tests and bench/api_load.py read these to know the first render is complete.
  document.body.dataset.ready = '1';
  window.frontwatchFirstRender = {
    events: loaded ? loaded.id.length : 0,
    fetchMs: timing ? timing.fetched - timing.started : null,
    markersMs: timing ? timing.markers - timing.fetched : null,
    clusterMs: timing ? timing.clustered - timing.markers : null,
  };
}

start().catch((error) => {
  $('count').textContent = `frontwatch could not start: ${error.message}`;
  document.body.dataset.ready = 'error';
});
