// Events as clustered markers coloured by type. Clustering is supercluster's (a k-d tree per zoom,
// built once per data set): on 50,000 events it indexes in ~0.2 s where leaflet.markercluster took
// 1.7-3.3 s in the same headless Chromium. Only the clusters and points in view become Leaflet
// markers, re-drawn after each move, so the map stays light however many events there are.
import { el } from './dom.js';
import { colourOf } from './types.js';

const RADIUS = 45; // pixels within which points join a cluster

function dotIcon(colour) {
  return L.divIcon({
    className: '',
    html: `<div class="ev-dot" style="width:12px;height:12px;background:${colour}"></div>`,
    iconSize: [12, 12],
  });
}

// A cluster is a ring of its event types' shares (a conic gradient in the type colours) around its count.
function clusterIcon(count, typeCounts, typeNames) {
  const size = count < 10 ? 28 : count < 100 ? 34 : count < 1000 ? 40 : 48;
  let at = 0;
  const stops = [];
  typeCounts.forEach((n, i) => {
    if (!n) return;
    const end = at + (n / count) * 360;
    stops.push(`${colourOf(typeNames[i])} ${at.toFixed(1)}deg ${end.toFixed(1)}deg`);
    at = end;
  });
  return L.divIcon({
    className: '',
    html: `<div class="ev-cluster" style="width:${size}px;height:${size}px;background:conic-gradient(${stops.join(',')})">`
      + `<span>${count}</span></div>`,
    iconSize: [size, size],
  });
}

export class EventsLayer {
  constructor(map, onSelect) {
    this.map = map;
    this.onSelect = onSelect;
    this.group = L.layerGroup().addTo(map);
    this.features = [];
    this.index = null;
    this.icons = new Map();
    map.on('moveend', () => this.render());
  }

  iconFor(eventType) {
    if (!this.icons.has(eventType)) this.icons.set(eventType, dotIcon(colourOf(eventType)));
    return this.icons.get(eventType);
  }

  // points: the columnar answer of /api/events/points; call show() next to put them on the map.
  setPoints(points) {
    this.types = points.types;
    this.features = points.id.map((id, i) => ({
      type: 'Feature',
      properties: { id, type: points.type[i], date: points.date[i] },
      geometry: { type: 'Point', coordinates: [points.lon[i], points.lat[i]] },
    }));
  }

  // range: [startISO, endISO] or null for all; resolves with the number of events shown.
  async show(range) {
    const chosen = range
      ? this.features.filter((f) => f.properties.date && f.properties.date >= range[0] && f.properties.date <= range[1])
      : this.features;
    this.index = new Supercluster({ radius: RADIUS, minZoom: this.map.getMinZoom(), maxZoom: this.map.getMaxZoom() })
      .load(chosen);
    this.countsOf = new Map(); // cluster id -> events per type, filled as clusters are drawn
    this.render();
    return chosen.length;
  }

  render() {
    if (!this.index) return;
    const bounds = this.map.getBounds();
    const box = [Math.max(-180, bounds.getWest()), Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()), Math.min(85, bounds.getNorth())];
    const markers = this.index.getClusters(box, Math.floor(this.map.getZoom())).map((feature) => {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      if (!p.cluster) {
        const eventType = this.types[p.type];
        return L.marker([lat, lon], { icon: this.iconFor(eventType), keyboard: false, title: `${eventType} · ${p.date || 'undated'}` })
          .on('click', () => this.onSelect(p.id));
      }
      return L.marker([lat, lon], { icon: clusterIcon(p.point_count, this.typeCounts(p.cluster_id), this.types), keyboard: false })
        .on('click', (e) => this.openCluster(p.cluster_id, e.latlng));
    });
    this.group.clearLayers();
    for (const marker of markers) this.group.addLayer(marker);
  }

  // Events of each type in a cluster, for its colour ring: summed from its children and remembered, so
  // each cluster is counted once per data set, when first drawn. (supercluster's map/reduce would count
  // while indexing, but made the first render of 50k events ~0.3 s slower.)
  typeCounts(clusterId) {
    let counts = this.countsOf.get(clusterId);
    if (counts) return counts;
    counts = new Array(this.types.length).fill(0);
    for (const child of this.index.getChildren(clusterId)) {
      const p = child.properties;
      if (!p.cluster) counts[p.type] += 1;
      else this.typeCounts(p.cluster_id).forEach((n, i) => { counts[i] += n; });
    }
    this.countsOf.set(clusterId, counts);
    return counts;
  }

  // Zoom in until the cluster splits; when it never does (events at one place), list its events.
  openCluster(clusterId, latlng) {
    const zoom = this.index.getClusterExpansionZoom(clusterId);
    if (zoom <= this.map.getMaxZoom()) {
      this.map.setView(latlng, zoom);
      return;
    }
    const leaves = this.index.getLeaves(clusterId, 200);
    const list = el('ul', { class: 'cluster-list' }, leaves.map((leaf) => {
      const p = leaf.properties;
      const button = el('button', { type: 'button', class: 'secondary' }, `${this.types[p.type]} · ${p.date || 'undated'}`);
      button.addEventListener('click', () => { this.map.closePopup(); this.onSelect(p.id); });
      return el('li', {}, button);
    }));
    L.popup({ maxHeight: 300 }).setLatLng(latlng)
      .setContent(el('div', {}, el('p', { class: 'hint' }, `${leaves.length} events here`), list)).openOn(this.map);
  }
}
