// Highlight-to-correct: select text in an article or event view, press Ctrl + Enter (or the button on
// touch screens), describe the mistake, optionally propose a structured fix, and send it for review.
import { getJSON, postJSON } from './api.js';
import { clear, el, toast } from './dom.js';

const CONTEXT_CHARS = 150;

// Where the selection sits inside an article text block: its offsets give the context, which lets the
// server pin the report to the right occurrence in the article even after the ledger is re-derived.
function describeSelection() {
  const selection = window.getSelection();
  const text = selection ? selection.toString().trim() : '';
  if (!text) return null;
  const range = selection.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container.nodeType === Node.ELEMENT_NODE ? container : container.parentElement;
  const article = element.closest('.article-text');
  const panel = element.closest('#panel');
  if (!panel) return { text, context: text, articleId: null, inPanel: false };
  if (!article) return { text, context: element.textContent.slice(0, 2 * CONTEXT_CHARS), articleId: null, inPanel: true };
  const before = document.createRange();
  before.setStart(article, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const full = article.textContent;
  const end = start + range.toString().length;
  return {
    text,
    context: full.slice(Math.max(0, start - CONTEXT_CHARS), Math.min(full.length, end + CONTEXT_CHARS)),
    articleId: Number(article.dataset.articleId),
    inPanel: true,
  };
}

export class CorrectionDialog {
  constructor({ dialog, eventTypes, currentEventId }) {
    this.dialog = dialog;
    this.currentEventId = currentEventId;
    this.form = dialog.querySelector('#correct-form');
    this.kind = dialog.querySelector('#fix-kind');
    this.error = dialog.querySelector('#correct-error');
    this.placeQuery = dialog.querySelector('#fix-place-q');
    this.candidates = dialog.querySelector('#fix-place-candidates');
    this.fillTypes(eventTypes);
    this.kind.addEventListener('change', () => this.showFixFields());
    let timer = null;
    this.placeQuery.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.searchPlaces(), 200);
    });
    dialog.querySelector('#correct-cancel').addEventListener('click', () => dialog.close());
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.send(); });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !dialog.open) {
        e.preventDefault();
        this.open();
      }
    });
  }

  fillTypes(eventTypes) {
    const select = this.dialog.querySelector('#fix-type');
    for (const [eventType, subTypes] of Object.entries(eventTypes)) {
      select.append(el('optgroup', { label: eventType },
        subTypes.map((subType) => el('option', { value: subType, dataset: { eventType } }, subType))));
    }
  }

  showFixFields() {
    for (const box of this.dialog.querySelectorAll('.fix')) box.hidden = box.dataset.kind !== this.kind.value;
    if (this.kind.value === 'place' && !this.placeQuery.value && this.selection) {
      this.placeQuery.value = this.selection.text.slice(0, 60);
      this.searchPlaces();
    }
  }

  async searchPlaces() {
    const q = this.placeQuery.value.trim();
    clear(this.candidates);
    if (q.length < 2) return;
    try {
      const answer = await getJSON('/api/places', { q, limit: 8 });
      if (!answer.places.length) this.candidates.append(el('li', { class: 'hint' }, 'No place of that name'));
      for (const place of answer.places) {
        const where = [place.admin1, place.country_code].filter(Boolean).join(', ');
        this.candidates.append(el('li', {}, el('label', {},
          el('input', { type: 'radio', name: 'geonameid', value: String(place.geonameid) }),
          ` ${place.name}${where ? ` (${where})` : ''} · GeoNames ${place.geonameid}`)));
      }
    } catch (error) {
      this.candidates.append(el('li', { class: 'error' }, error.message));
    }
  }

  open() {
    const selection = describeSelection();
    if (!selection) {
      toast('Select the words that are wrong first, then press Ctrl + Enter.');
      return;
    }
    this.selection = selection;
    this.form.reset();
    this.error.textContent = '';
    clear(this.candidates);
    this.showFixFields();
    this.dialog.querySelector('#correct-selection').textContent = selection.text;
    this.dialog.querySelector('#correct-context').textContent = selection.context;
    this.dialog.showModal();
    this.dialog.querySelector('#correct-comment').focus();
  }

  // The fix in the ledger's form (store.fixes): one key per kind of mistake.
  fix() {
    const kind = this.kind.value;
    if (!kind) return null;
    if (kind === 'not_an_event') return { not_an_event: true };
    if (kind === 'place') {
      const chosen = this.candidates.querySelector('input[name=geonameid]:checked');
      if (!chosen) throw new Error('Pick the right place from the list (search by name).');
      return { geonameid: Number(chosen.value) };
    }
    if (kind === 'date') {
      const date = this.dialog.querySelector('#fix-date').value;
      if (!date) throw new Error('Enter the correct date.');
      return { event_date: date };
    }
    if (kind === 'type') {
      const option = this.dialog.querySelector('#fix-type').selectedOptions[0];
      return { event_type: option.dataset.eventType, sub_event_type: option.value };
    }
    const value = this.dialog.querySelector('#fix-number').value;
    if (value === '') throw new Error('Enter the correct number.');
    return { fatalities: Number(value) };
  }

  async send() {
    let body;
    try {
      const eventId = this.currentEventId();
      body = {
        selection: this.selection.text,
        context: this.selection.context,
        comment: this.dialog.querySelector('#correct-comment').value.trim() || null,
        article_id: Number.isInteger(this.selection.articleId) ? this.selection.articleId : null,
        event_id: this.selection.inPanel && eventId !== null ? Number(eventId) : null,
        fix: this.fix(),
      };
    } catch (error) {
      this.error.textContent = error.message;
      return;
    }
    const button = this.dialog.querySelector('#correct-send');
    button.disabled = true;
    try {
      const answer = await postJSON('/api/corrections', body);
      this.dialog.close();
      toast(`Thank you: report #${answer.id} is waiting for review.`);
    } catch (error) {
      this.error.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }
}
