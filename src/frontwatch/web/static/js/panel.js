// The event panel: what happened, who says so, and each source article with its evidence highlighted.
// All data goes into text nodes (el() never parses HTML), so an article cannot inject markup.
import { getJSON } from './api.js';
import { el, fill, safeHref } from './dom.js';
import { fixText } from './moderation.js';

const TIME_PRECISION = { 1: 'day', 2: 'week', 3: 'month or longer' };
const GEO_PRECISION = { 1: 'the place itself', 2: 'near / part of', 3: 'region' };

function dateText(event) {
  if (!event.event_date) return 'undated';
  const precision = TIME_PRECISION[event.time_precision] || '';
  const range = event.date_start && event.date_end && event.date_start !== event.date_end
    ? ` (${event.date_start} – ${event.date_end})` : '';
  return `${event.event_date}${range}${precision ? ` · precision: ${precision}` : ''}`;
}

function fatalitiesText(event) {
  const { fatalities_low: low, fatalities_best: best, fatalities_high: high } = event;
  if (best === null && low === null && high === null) return String(event.fatalities ?? 0);
  const span = low !== null && high !== null && low !== high ? ` (${low}–${high})` : '';
  return `${best ?? low ?? high}${span}`;
}

function row(term, value) {
  if (value === undefined || value === null || value === '') return [];
  return [el('dt', {}, term), el('dd', {}, value)];
}

// The article text split at span boundaries: plain text nodes and <mark> nodes for evidence.
export function highlightedText(text, spans) {
  const cuts = spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0)
    .sort((a, b) => a.start - b.start);
  const nodes = [];
  let at = 0;
  for (const span of cuts) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    if (start > at) nodes.push(document.createTextNode(text.slice(at, start)));
    nodes.push(el('mark', { title: span.label || 'evidence' }, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function claimItem(claim) {
  const who = claim.claimant || 'unattributed';
  const role = claim.claimant_role ? `, ${claim.claimant_role}` : '';
  const side = claim.claimant_side ? ` [${claim.claimant_side}]` : '';
  return el('li', {},
    el('span', { class: 'who' }, `${who}${role}${side}`), ': ',
    el('q', {}, claim.quote),
    claim.hedges && claim.hedges.length ? el('span', { class: 'hedge' }, ` (hedged: ${claim.hedges.join(', ')})`) : null);
}

function sourceItem(source) {
  const label = [source.source, source.title].filter(Boolean).join(' — ') || `article ${source.article_id}`;
  const href = source.url ? safeHref(source.url) : null;
  return el('li', {},
    href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, label) : label,
    source.published ? ` (${source.published})` : '');
}

export class EventPanel {
  constructor(aside, body) {
    this.aside = aside;
    this.body = body;
    this.eventId = null;
  }

  close() {
    this.aside.hidden = true;
    this.eventId = null;
  }

  async show(eventId) {
    this.eventId = eventId;
    this.aside.hidden = false;
    fill(this.body, el('p', { class: 'hint' }, 'Loading…'));
    let event;
    try {
      event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
    } catch (error) {
      fill(this.body, el('p', { class: 'error' }, `Could not load event ${eventId}: ${error.message}`));
      return;
    }
    if (this.eventId !== eventId) return; // another event was opened meanwhile
    this.render(event);
    await this.renderArticles(event);
  }

  render(event) {
    const sides = [event.side1, event.side2].filter(Boolean).join(' vs ');
    const actors = [event.actor1, event.actor2].filter(Boolean).join(' vs ');
    const place = [event.location, event.admin1].filter(Boolean).join(', ');
    const precision = GEO_PRECISION[event.geo_precision];
    fill(this.body, 
      el('h2', { id: 'event-title', dataset: { eventId: String(event.id) } }, event.sub_event_type),
      el('p', { class: 'hint' }, event.event_type),
      event.hidden ? el('p', { class: 'corrected' }, 'A moderator marked this as not an event.') : null,
      event.corrections.filter((c) => c.status === 'accepted').map((c) => el('p', { class: 'corrected' },
        `Corrected after reader report #${c.id}: ${fixText(c.fix)} (${(c.reviewed_at || '').slice(0, 10)})`)),
      el('dl', {},
        row('Date', dateText(event)),
        row('Place', place ? `${place}${precision ? ` (${precision})` : ''}` : 'unknown'),
        row('Actors', actors),
        row('Sides', sides),
        row('Territory', event.territory_to ? `${event.territory_from || '?'} → ${event.territory_to}` : null),
        row('Fatalities', fatalitiesText(event)),
        row('Sources', `${event.n_sources} outlet(s), ${event.n_reports} report(s)`),
        row('Confidence', typeof event.confidence === 'number' ? event.confidence.toFixed(2) : null),
        row('Notes', event.notes)),
      el('h3', {}, 'Claims'),
      event.claims.length ? el('ul', { class: 'claims' }, event.claims.map(claimItem)) : el('p', { class: 'hint' }, 'No attributed claims.'),
      el('h3', {}, 'Sources'),
      el('ul', { class: 'sources' }, event.articles.map(sourceItem)),
      el('div', { id: 'articles' }));
  }

  async renderArticles(event) {
    const holder = this.body.querySelector('#articles');
    for (const source of event.articles) {
      let article;
      try {
        article = await getJSON(`/api/articles/${encodeURIComponent(source.article_id)}`);
      } catch (error) {
        holder.append(el('p', { class: 'error' }, `Article ${source.article_id}: ${error.message}`));
        continue;
      }
      const spans = [
        ...event.evidence.filter((s) => s.article_id === article.id),
        ...event.claims.filter((c) => c.article_id === article.id).map((c) => ({ ...c, label: `claim by ${c.claimant || 'unattributed'}` })),
      ];
      holder.append(el('section', { class: 'article' },
        el('h3', {}, 'Article'),
        el('p', { class: 'article-title' }, article.title || article.source || article.external_id || `article ${article.id}`),
        el('div', { class: 'article-text', dataset: { articleId: String(article.id) } }, highlightedText(article.text || '', spans))));
    }
    const first = holder.querySelector('mark');
    if (first) first.classList.add('current');
  }
}
