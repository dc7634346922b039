// The moderation queue: token holders review pending reports. The token stays in sessionStorage only
// (gone when the tab closes) and is sent as a Bearer header, never in a URL.
import { getJSON, postJSON } from './api.js';
import { clear, el } from './dom.js';

const TOKEN_KEY = 'frontwatch.token';

const FIX_LABELS = {
  geonameid: (v) => `place → GeoNames ${v}`,
  event_date: (v) => `date → ${v}`,
  sub_event_type: (v) => `type → ${v}`,
  fatalities: (v) => `fatalities → ${v}`,
  fatalities_low: (v) => `fatalities at least ${v}`,
  fatalities_high: (v) => `fatalities at most ${v}`,
  not_an_event: () => 'not an event',
};

export function fixText(fix) {
  if (!fix) return 'no structured fix';
  return Object.entries(fix).filter(([key]) => FIX_LABELS[key]).map(([key, value]) => FIX_LABELS[key](value)).join(', ');
}

export class ModerationQueue {
  constructor({ dialog, onDecided }) {
    this.dialog = dialog;
    this.onDecided = onDecided;
    this.list = dialog.querySelector('#moderation-list');
    this.status = dialog.querySelector('#moderation-status');
    this.tokenInput = dialog.querySelector('#token-input');
    dialog.querySelector('#token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, this.tokenInput.value.trim());
      this.refresh();
    });
    dialog.querySelector('#moderation-close').addEventListener('click', () => dialog.close());
  }

  get token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  open() {
    this.tokenInput.value = this.token;
    this.dialog.showModal();
    if (this.token) this.refresh();
    else this.status.textContent = 'Enter a moderator token to see pending reports.';
  }

  async refresh() {
    clear(this.list);
    this.status.textContent = 'Loading…';
    let answer;
    try {
      answer = await getJSON('/api/corrections', { status: 'pending', limit: 100 }, this.token);
    } catch (error) {
      this.status.textContent = error.status === 401 ? `Token refused: ${error.message}` : error.message;
      return;
    }
    this.status.textContent = answer.count ? `${answer.count} pending report(s)` : 'No pending reports.';
    for (const report of answer.corrections) this.list.append(this.item(report));
  }

  item(report) {
    const decide = async (action, button) => {
      button.disabled = true;
      try {
        const result = await postJSON(`/api/corrections/${report.id}/${action}`, {}, this.token);
        this.onDecided(result);
        await this.refresh();
      } catch (error) {
        button.disabled = false;
        this.status.textContent = error.message;
      }
    };
    const accept = el('button', { type: 'button', class: 'accept' }, 'Accept');
    const reject = el('button', { type: 'button', class: 'secondary reject' }, 'Reject');
    accept.addEventListener('click', () => decide('accept', accept));
    reject.addEventListener('click', () => decide('reject', reject));
    return el('li', { dataset: { correctionId: String(report.id) } },
      el('blockquote', {}, report.selection),
      report.comment ? el('p', {}, report.comment) : null,
      el('p', { class: 'meta' },
        `#${report.id} · ${fixText(report.fix)}`,
        report.event_id !== null && report.event_id !== undefined ? ` · event ${report.event_id}` : '',
        report.article_id !== null && report.article_id !== undefined ? ` · article ${report.article_id}` : '',
        ` · ${report.created_at}`),
      report.context ? el('details', {}, el('summary', {}, 'Context'), el('p', { class: 'meta' }, report.context)) : null,
      el('div', { class: 'actions' }, accept, reject));
  }
}
