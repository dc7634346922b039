// The offline base map: country shapes from npm world-atlas, oblasts, rivers and lakes from the API
// (read in place from the shared boundaries). No tile server, so the map works with no network.
import { getJSON } from './api.js';

const UKRAINE_VIEW = { center: [48.6, 31.4], zoom: 6 };

export function createMap(element) {
  const map = L.map(element, { preferCanvas: true, minZoom: 4, maxZoom: 14, worldCopyJump: false, zoomSnap: 0.5 });
  map.setView(UKRAINE_VIEW.center, UKRAINE_VIEW.zoom);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(
    'Borders: Natural Earth / world-atlas · Oblasts © Minregion (CC BY-SA) · Places: GeoNames (CC BY 4.0)');
  map.createPane('basemap').style.zIndex = 200;
  map.createPane('control').style.zIndex = 350;
  return map;
}

export async function drawBaseMap(map) {
  const renderer = L.canvas({ pane: 'basemap', padding: 0.3 });
  const layer = (data, style) => L.geoJSON(data, { pane: 'basemap', renderer, style, interactive: false }).addTo(map);
  const countries = fetch('/vendor/world-atlas/countries-50m.json').then((r) => r.json()).then((topology) => {
    layer(topojson.feature(topology, topology.objects.countries),
      { color: '#9aa5b1', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 });
  });
  await countries;
  const [oblasts, lakes, rivers] = await Promise.all(
    ['oblasts', 'lakes', 'rivers'].map((name) => getJSON(`/api/basemap/${name}`).catch(() => null)));
  if (oblasts) layer(oblasts, { color: '#b3a98f', weight: 0.7, dashArray: '3 3', fill: false });
  if (lakes) layer(lakes, { stroke: false, fillColor: '#dce8f2', fillOpacity: 1 });
  if (rivers) layer(rivers, { color: '#8fb3d9', weight: 1 });
}
