// One colour per ACLED event type, picked to stay distinguishable for common colour-vision deficiencies.
const PALETTE = {
  'Battles': '#d7301f',
  'Explosions/Remote violence': '#f28e2b',
  'Violence against civilians': '#7b3294',
  'Protests': '#1a9850',
  'Riots': '#8c510a',
  'Strategic developments': '#2c7bb6',
};
const FALLBACK = '#666666';

export function colourOf(eventType) {
  return PALETTE[eventType] || FALLBACK;
}

export function legendEntries(eventTypes) {
  return eventTypes.map((name) => ({ name, colour: colourOf(name) }));
}
