// The territorial-control layer (when the server includes control/api.py): areas held by each side on
// the day chosen with the slider, the front line between them (/api/control/areas?date=), and the
// settlements with evidence, each with its status and since when (/api/control?date=).
import { getJSON } from './api.js';
import { toast } from './dom.js';
import { toDay, toISO } from './timeline.js';

const STYLE = {
  UA: { color: '#1f5fbf', fillColor: '#4f8ee8', fillOpacity: 0.18, weight: 0 },
  RU: { color: '#b22222', fillColor: '#e0584f', fillOpacity: 0.2, weight: 0 },
  contested: { color: '#c77c00', fillColor: '#f0b04a', fillOpacity: 0.3, weight: 0 },
  unknown: { stroke: false, fill: false },
};
const FRONT_LINE = { color: '#111', weight: 2.5, dashArray: '6 3' };

export class ControlLayer {
  constructor(map, { bar, toggle, slider, label }) {
    this.map = map;
    this.toggle = toggle;
    this.slider = slider;
    this.label = label;
    this.layer = L.geoJSON(null, {
      pane: 'control',
      interactive: false,
      style: (feature) => (feature.properties.kind === 'front_line' ? FRONT_LINE : STYLE[feature.properties.status] || STYLE.unknown),
    });
    this.points = L.geoJSON(null, {
      pane: 'control',
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
        radius: 4, weight: 1, color: '#fff', fillOpacity: 0.95,
        fillColor: (STYLE[feature.properties.status] || {}).fillColor || '#777',
      }),
      onEachFeature: (feature, marker) => {
        const p = feature.properties;
        // bindTooltip with a DOM node: the settlement name is data and must not be parsed as HTML.
        const tip = document.createElement('span');
        tip.textContent = `${p.name}: ${p.status} since ${p.since} (${p.evidence_status})`;
        marker.bindTooltip(tip);
      },
    });
    bar.hidden = false;
    this.setExtent(toISO(toDay('2022-02-24')), new Date().toISOString().slice(0, 10));
    toggle.addEventListener('change', () => this.refresh());
    slider.addEventListener('input', () => { this.label.value = this.date(); });
    slider.addEventListener('change', () => this.refresh());
  }

  // The slider spans the dates of the events on the map; it starts on the last one.
  setExtent(first, last) {
    this.first = toDay(first);
    this.slider.min = 0;
    this.slider.max = Math.max(0, toDay(last) - this.first);
    this.slider.value = this.slider.max;
    this.label.value = this.date();
    if (this.toggle.checked) this.refresh();
  }

  date() { return toISO(this.first + Number(this.slider.value)); }

  async refresh() {
    if (!this.toggle.checked) { this.layer.remove(); this.points.remove(); return; }
    const date = this.date();
    try {
      const [areas, points] = await Promise.all([
        getJSON('/api/control/areas', { date }), getJSON('/api/control', { date })]);
      if (date !== this.date()) return; // the slider moved on meanwhile
      this.layer.clearLayers();
      this.layer.addData(areas);
      this.layer.addTo(this.map);
      this.points.clearLayers();
      this.points.addData(points);
      this.points.addTo(this.map);
    } catch (error) {
      toast(`Control layer for ${date}: ${error.message}`);
    }
  }
}
