// A histogram of events over time on a plain canvas, with a brush: drag to choose a date range,
// double-click to clear. Days are counted from 1970-01-01 so bins are plain integers.
const DAY = 86400000;
const AXIS = 14;
const MAX_BINS = 160;
// A few stray dates (a war of 1914 named in a 2022 article) must not squeeze the rest into one bar:
// the axis starts at the 0.5th percentile and the events before it are counted apart.
const OUTLIER_SHARE = 0.005;

export function toDay(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY); }
export function toISO(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

export class Timeline {
  constructor(canvas, onBrush) {
    this.canvas = canvas;
    this.onBrush = onBrush;
    this.counts = [];
    this.first = null; // first and last dated day, null when nothing is dated
    this.last = null;
    this.range = null; // [startDay, endDay] inclusive
    this.drag = null;
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    canvas.addEventListener('pointerup', (e) => this.pointerUp(e));
    canvas.addEventListener('dblclick', () => { this.range = null; this.draw(); this.onBrush(null); });
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  setDates(dates) {
    const days = Float64Array.from(dates.filter(Boolean).map(toDay)).sort();
    this.earlier = 0;
    if (!days.length) { this.first = this.last = null; this.counts = []; this.draw(); return; }
    this.first = days[Math.floor(days.length * OUTLIER_SHARE)];
    this.last = days[days.length - 1];
    this.binDays = Math.max(1, Math.ceil((this.last - this.first + 1) / MAX_BINS));
    this.counts = new Array(Math.floor((this.last - this.first) / this.binDays) + 1).fill(0);
    for (const day of days) {
      if (day < this.first) this.earlier += 1;
      else this.counts[Math.floor((day - this.first) / this.binDays)] += 1;
    }
    this.draw();
  }

  // range: [startISO, endISO] or null; from the date inputs, so no brush event is sent back.
  setRange(range) {
    this.range = range ? [toDay(range[0]), toDay(range[1])] : null;
    this.draw();
  }

  dayAt(clientX) {
    const box = this.canvas.getBoundingClientRect();
    const share = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    const span = this.counts.length * this.binDays;
    return this.first + Math.min(span - 1, Math.floor(share * span));
  }

  pointerDown(e) {
    if (this.first === null) return;
    this.canvas.setPointerCapture(e.pointerId);
    this.drag = this.dayAt(e.clientX);
    this.range = [this.drag, this.drag];
    this.draw();
  }

  pointerMove(e) {
    if (this.drag === null) return;
    const day = this.dayAt(e.clientX);
    this.range = [Math.min(this.drag, day), Math.max(this.drag, day)];
    this.draw();
  }

  pointerUp() {
    if (this.drag === null) return;
    this.drag = null;
    this.onBrush([toISO(this.range[0]), toISO(this.range[1])]);
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    if (!this.counts.length) {
      g.fillStyle = '#61707f';
      g.font = '12px system-ui, sans-serif';
      g.fillText('No dated events for these filters', 8, height / 2);
      return;
    }
    const plot = height - AXIS;
    const most = Math.max(...this.counts);
    const barWidth = width / this.counts.length;
    this.counts.forEach((count, bin) => {
      if (!count) return;
      const binStart = this.first + bin * this.binDays;
      const inside = !this.range || (binStart + this.binDays - 1 >= this.range[0] && binStart <= this.range[1]);
      g.fillStyle = inside ? '#3f6391' : '#c3ccd6';
      const barHeight = Math.max(1, (count / most) * (plot - 4));
      g.fillRect(bin * barWidth, plot - barHeight, Math.max(1, barWidth - 1), barHeight);
    });
    if (this.range) {
      const span = this.counts.length * this.binDays;
      const x0 = ((this.range[0] - this.first) / span) * width;
      const x1 = ((this.range[1] + 1 - this.first) / span) * width;
      g.fillStyle = 'rgba(29, 95, 168, 0.12)';
      g.fillRect(x0, 0, Math.max(2, x1 - x0), plot);
      g.strokeStyle = '#1d5fa8';
      g.strokeRect(x0, 0.5, Math.max(2, x1 - x0), plot - 1);
    }
    g.fillStyle = '#61707f';
    g.font = '10px system-ui, sans-serif';
    if (this.earlier) {
      const note = `+${this.earlier} earlier`;
      g.fillStyle = 'rgba(255,255,255,0.85)';
      g.fillRect(0, 0, g.measureText(note).width + 6, 13);
      g.fillStyle = '#61707f';
      g.fillText(note, 3, 10);
    }
    const labels = Math.max(2, Math.floor(width / 110));
    const span = this.counts.length * this.binDays;
    for (let i = 0; i < labels; i++) {
      const share = i / (labels - 1);
      const text = toISO(this.first + Math.round(share * (span - 1)));
      const x = Math.min(width - g.measureText(text).width, Math.max(0, share * width - 25));
      g.fillText(text, x, height - 2);
    }
  }
}
