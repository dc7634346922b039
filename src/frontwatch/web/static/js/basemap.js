// The offline base map: country shapes from npm world-atlas, oblasts, rivers and lakes from the API
// (read in place from the shared boundaries). No tile server, so the map works with no network.
import { getJSON } from './api.js';

const UKRAINE_VIEW = { center: [48.6, 31.4], zoom: 6 };

export function createMap(element) {
  // Zoom 5..12: the whole front to a town's districts (events are placed at settlement precision);
  // each zoom level is one more clustering index to build.
  const map = L.map(element, { preferCanvas: true, minZoom: 5, maxZoom: 12, zoomSnap: 0.5 });
  map.setView(UKRAINE_VIEW.center, UKRAINE_VIEW.zoom);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(
    'Borders: Natural Earth / world-atlas · Oblasts © Minregion (CC BY-SA) · Places: GeoNames (CC BY 4.0)');
  // The event panel narrows the map; Leaflet must be told, or markers slide under the panel.
  new ResizeObserver(() => map.invalidateSize()).observe(element);
  map.createPane('basemap').style.zIndex = 200;
  map.createPane('control').style.zIndex = 350;
  return map;
}

export async function drawBaseMap(map) {
  const renderer = L.canvas({ pane: 'basemap', padding: 0.3 });
  const layer = (data, style) => L.geoJSON(data, { pane: 'basemap', renderer, style, interactive: false }).addTo(map);
  const topology = await fetch('/vendor/world-atlas/countries-50m.json').then((r) => r.json());
  const countries = topojson.feature(topology, topology.objects.countries);
  layer(countries, { color: '#9aa5b1', weight: 0.8, fillColor: '#ebe8e1', fillOpacity: 1 });
  const [oblasts, lakes, rivers] = await Promise.all(
    ['oblasts', 'lakes', 'rivers'].map((name) => getJSON(`/api/basemap/${name}`).catch(() => null)));
  // Ukraine drawn from the oblast polygons: its internationally recognised border, Crimea included
  // (world-atlas follows Natural Earth's de-facto line there).
  if (oblasts) layer(oblasts, { color: '#8d8472', weight: 0.8, fillColor: '#fbf9f4', fillOpacity: 1 });
  if (lakes) layer(lakes, { stroke: false, fillColor: '#dce8f2', fillOpacity: 1 });
  // Natural Earth scalerank: 0 the largest rivers .. 10+ small ones, drawn thinner and fainter.
  if (rivers) layer(rivers, (feature) => (feature.properties.scalerank <= 9
    ? { color: '#7fa7d1', weight: 1.4, opacity: 0.9 } : { color: '#a9c4e0', weight: 0.6, opacity: 0.7 }));
}
