// Events as clustered markers coloured by type. Markers are built once per data set; the date brush
// only swaps which of them the cluster group holds, so brushing 50,000 events stays smooth.
import { colourOf } from './types.js';

function dotIcon(colour, size) {
  return L.divIcon({
    className: '',
    html: `<div class="ev-dot" style="width:${size}px;height:${size}px;background:${colour}"></div>`,
    iconSize: [size, size],
  });
}

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 38 : 46;
  const shade = count < 10 ? '#5b7da8' : count < 100 ? '#3f6391' : count < 1000 ? '#2d4d77' : '#1d3557';
  return L.divIcon({
    className: '',
    html: `<div class="ev-cluster" style="width:${size}px;height:${size}px;background:${shade}">${count}</div>`,
    iconSize: [size, size],
  });
}

export class EventsLayer {
  constructor(map, onSelect) {
    this.map = map;
    this.onSelect = onSelect;
    this.group = L.markerClusterGroup({
      chunkedLoading: true, // keeps the page responsive while 50k markers are clustered...
      chunkInterval: 200,
      chunkDelay: 0, // ...without idling between chunks
      maxClusterRadius: 45,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    }).addTo(map);
    this.group.on('click', (e) => this.onSelect(e.layer.options.eventId));
    this.markers = [];
    this.dates = [];
    this.icons = new Map();
  }

  iconFor(eventType) {
    if (!this.icons.has(eventType)) this.icons.set(eventType, dotIcon(colourOf(eventType), 12));
    return this.icons.get(eventType);
  }

  // points: the columnar answer of /api/events/points; call show() next to put them on the map.
  setPoints(points) {
    this.markers = points.id.map((id, i) => L.marker([points.lat[i], points.lon[i]], {
      icon: this.iconFor(points.types[points.type[i]]),
      eventId: id,
      keyboard: false,
      title: `${points.types[points.type[i]]} · ${points.date[i] || 'undated'}`,
    }));
    this.dates = points.date;
  }

  // range: [startISO, endISO] or null for all; resolves with the number shown once every marker is
  // clustered. A chunked load in flight is never interrupted: the latest request runs right after it.
  show(range) {
    this.wantedRange = range;
    this.dirty = true;
    if (!this.loading) this.loading = this.drain().finally(() => { this.loading = null; });
    return this.loading;
  }

  async drain() {
    let shown = 0;
    while (this.dirty) {
      this.dirty = false;
      shown = await this.load(this.wantedRange);
    }
    return shown;
  }

  load(range) {
    const chosen = range
      ? this.markers.filter((_, i) => this.dates[i] && this.dates[i] >= range[0] && this.dates[i] <= range[1])
      : this.markers;
    this.group.clearLayers();
    return new Promise((resolve) => {
      if (!chosen.length) { resolve(0); return; }
      this.group.options.chunkProgress = (processed, total) => { if (processed >= total) resolve(chosen.length); };
      this.group.addLayers(chosen);
    });
  }
}
