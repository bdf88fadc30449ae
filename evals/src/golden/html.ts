// The golden run as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): headline
// figures, the coverage against bad-answer-rate curve, figures per intent and category, and every wrong
// answer in full. Every text from a case, a reply or the product goes through `escapeHtml`.
import type { CurvePoint, Figures, GoldenOutcome } from './summary.js';
import { judgeAutoSend } from './grade.js';

export interface ReportInput {
  title: string;
  /** Shown under the title: split, file, floors... */
  facts: Array<[string, string]>;
  figures: Figures;
  perIntent: Record<string, Figures>;
  perCategory: Record<string, Figures>;
  /** One point per answer-model threshold (the drafts the model decided, replayed). */
  curve: {
    points: Array<CurvePoint & { label?: string }>;
  };
  /** Answers that were (or, in a sweep, would be) auto-sent and are wrong. */
  wrong: GoldenOutcome[];
  wrongHeading: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number | null) => (x === null ? 'n/a' : `$${x.toFixed(4)}`);

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2329}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde2;padding-bottom:.2rem}
.facts{color:#5a6570;margin:0 0 1rem}.facts span{margin-right:1.2rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}.card{border:1px solid #d8dde2;border-radius:6px;padding:.5rem .8rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}.card small{color:#5a6570}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:.25rem .5rem;border-bottom:1px solid #eceff2;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f5f7f9}
.case{border:1px solid #e3c4c4;border-left:4px solid #c0392b;border-radius:4px;padding:.6rem .9rem;margin:1rem 0}
.case h3{margin:.1rem 0 .4rem;font-size:1rem}.case dl{display:grid;grid-template-columns:9rem 1fr;gap:.25rem .8rem;margin:0}
.case dt{color:#5a6570}.case dd{margin:0}pre{white-space:pre-wrap;margin:0;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f7f8fa;padding:.4rem;border-radius:4px}
ul{margin:0;padding-left:1.2rem}svg text{font:11px system-ui,sans-serif;fill:#5a6570}.note{color:#5a6570}
`;

function card(label: string, value: string, note = ''): string {
  return `<div class="card"><small>${escapeHtml(label)}</small><b>${escapeHtml(value)}</b>${note ? `<small>${escapeHtml(note)}</small>` : ''}</div>`;
}

function headline(f: Figures): string {
  return `<div class="cards">${[
    card('cases', String(f.n)),
    card('deflection', pct(f.deflection), `${f.goodAuto} good auto-sent`),
    card('auto-sent', String(f.autoSent), `${f.goodAuto} good, ${f.badAuto} bad`),
    card('bad-answer rate', pct(f.badAnswerRate)),
    card('action steps', String(f.actionSteps), 'expected writes read back or asked about'),
    card('suggested', String(f.suggested)),
    card('escalated', String(f.escalated)),
    card('latency p50 / p95', `${f.p50Ms} / ${f.p95Ms} ms`),
    card('cost per resolution', usd(f.costPerResolutionUsd), `total ${usd(f.costUsd)}`),
    card('privacy leaks', String(f.privacyLeaks), `${f.draftPrivacyLeaks} in drafts`),
  ].join('')}</div>`;
}

function figuresTable(title: string, groups: Record<string, Figures>): string {
  const head = [title, 'n', 'auto', 'good', 'bad', 'bad rate', 'deflection', 'suggested', 'escalated']
    .concat(['p50 ms', 'p95 ms', 'leaks'])
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const rows = Object.entries(groups).map(([k, f]) => {
    const cells = [
      k,
      f.n,
      f.autoSent,
      f.goodAuto,
      f.badAuto,
      pct(f.badAnswerRate),
      pct(f.deflection),
      f.suggested,
      f.escalated,
      f.p50Ms,
      f.p95Ms,
      f.privacyLeaks,
    ];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Rounds an axis maximum up to the next tenth (at least 0.1, at most 1). */
const axisMax = (x: number) => Math.min(1, Math.max(0.1, Math.ceil(x * 10 - 1e-9) / 10));

/** The points no other point beats on both coverage (higher) and bad-answer rate (lower), by coverage. */
export function frontier<T extends CurvePoint>(points: readonly T[]): T[] {
  const best = points.filter(
    (p) =>
      !points.some(
        (q) =>
          q.coverage >= p.coverage &&
          q.badAnswerRate <= p.badAnswerRate &&
          (q.coverage > p.coverage || q.badAnswerRate < p.badAnswerRate),
      ),
  );
  const seen = new Set<string>();
  return best
    .filter((p) => {
      const key = `${p.coverage}:${p.badAnswerRate}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.coverage - b.coverage);
}

/** Coverage (x) against bad-answer rate (y); the line joins the frontier, the ring marks `current`. */
export function curveSvg(
  points: ReadonlyArray<CurvePoint & { label?: string }>,
  current?: { coverage: number; badAnswerRate: number },
): string {
  const W = 620;
  const H = 340;
  const m = { l: 52, r: 16, t: 14, b: 42 };
  const all = current ? [...points, current] : points;
  const xMax = axisMax(Math.max(0, ...all.map((p) => p.coverage)));
  const yMax = axisMax(Math.max(0, ...all.map((p) => p.badAnswerRate)));
  const x = (v: number) => (m.l + (v / xMax) * (W - m.l - m.r)).toFixed(1);
  const y = (v: number) => (H - m.b - (v / yMax) * (H - m.t - m.b)).toFixed(1);
  const parts: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const vx = (xMax * i) / 5;
    const vy = (yMax * i) / 5;
    parts.push(
      `<line x1="${x(vx)}" y1="${y(0)}" x2="${x(vx)}" y2="${y(yMax)}" stroke="#eceff2"/>`,
      `<text x="${x(vx)}" y="${H - m.b + 16}" text-anchor="middle">${pct(vx)}</text>`,
      `<line x1="${x(0)}" y1="${y(vy)}" x2="${x(xMax)}" y2="${y(vy)}" stroke="#eceff2"/>`,
      `<text x="${m.l - 6}" y="${Number(y(vy)) + 4}" text-anchor="end">${pct(vy)}</text>`,
    );
  }
  parts.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(xMax)}" y2="${y(0)}" stroke="#8a949e"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(yMax)}" stroke="#8a949e"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">coverage (auto-sent / cases)</text>`,
    `<text x="14" y="${(m.t + H - m.b) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(m.t + H - m.b) / 2})">bad-answer rate</text>`,
  );
  const line = frontier(points)
    .map((p) => `${x(p.coverage)},${y(p.badAnswerRate)}`)
    .join(' ');
  if (line) parts.push(`<polyline points="${line}" fill="none" stroke="#2e6fba" stroke-width="1.5"/>`);
  for (const p of points) {
    const tip = `${p.label ? `${p.label}: ` : ''}coverage ${pct(p.coverage)}, bad ${pct(p.badAnswerRate)} (${p.goodAuto} good / ${p.badAuto} bad)`;
    parts.push(
      `<circle cx="${x(p.coverage)}" cy="${y(p.badAnswerRate)}" r="3.5" fill="#2e6fba" fill-opacity=".6"><title>${escapeHtml(tip)}</title></circle>`,
    );
  }
  if (current)
    parts.push(
      `<circle cx="${x(current.coverage)}" cy="${y(current.badAnswerRate)}" r="7" fill="none" stroke="#c0392b" stroke-width="2"><title>this run</title></circle>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="coverage against bad-answer rate">${parts.join('')}</svg>`;
}

const list = (items: readonly string[], empty = 'none') =>
  items.length === 0
    ? `<span class="note">${escapeHtml(empty)}</span>`
    : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;

function wrongAnswer(o: GoldenOutcome): string {
  const c = o.case;
  const t = o.ticket;
  const verdict = judgeAutoSend(c, o.grade);
  const rows: Array<[string, string]> = [
    [
      'message',
      `${c.subject ? `<pre>${escapeHtml(`Subject: ${c.subject}`)}</pre>` : ''}<pre>${escapeHtml(c.text)}</pre>`,
    ],
    ['sender', escapeHtml(c.customer ?? 'unknown')],
    ['expected', escapeHtml(`${c.accept.join(' or ')}; intent ${c.intent}`)],
    ['expected facts', list(c.mustContain)],
    ['expected articles', list(c.articles)],
    ...(c.orderId ? [['order', escapeHtml(c.orderId)] as [string, string]] : []),
    ['reply', t.body === undefined ? '<span class="note">none</span>' : `<pre>${escapeHtml(t.body)}</pre>`],
    ['cited', list(t.cited)],
    ['why wrong', list(verdict.reasons)],
    [
      'product',
      escapeHtml(
        `${t.decision}; routed ${t.intent ?? '?'} (${t.band ?? '?'}), confidence ${t.confidence ?? '?'}, ` +
          `retrieval ${t.topScore ?? '?'}, groundedness ${t.groundedness ?? '?'}, answer coverage ${t.answerCoverage ?? '-'}, lead margin ${t.leadMargin ?? '-'}, ` +
          `answer probability ${t.probability ?? '-'}; ` +
          `gate: ${t.reasons.join(', ') || 'none'}`,
      ),
    ],
  ];
  return `<div class="case"><h3>${escapeHtml(`${c.id} · ${c.category} · ${c.intent}`)}</h3><dl>${rows
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`)
    .join('')}</dl></div>`;
}

export function renderReport(r: ReportInput): string {
  const f = r.figures;
  const current = f.n > 0 ? { coverage: f.autoSent / f.n, badAnswerRate: f.badAnswerRate } : undefined;
  const curveNote =
    'Each point is an answer-model threshold: the drafts no policy check held back go out when their calibrated probability of being right reaches it, highest probability first; every other decision stays as it was. The ring is this run.';
  const curve =
    r.curve.points.length === 0
      ? '<p class="note">No outcome could be auto-sent at any point.</p>'
      : curveSvg(r.curve.points, current);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(r.title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(r.title)}</h1>
<p class="facts">${r.facts.map(([k, v]) => `<span>${escapeHtml(k)}: <b>${escapeHtml(v)}</b></span>`).join('')}</p>
${headline(f)}
<h2>Coverage against bad-answer rate</h2>
<p class="note">${escapeHtml(curveNote)}</p>
${curve}
<h2>Per intent</h2>
${figuresTable('intent', r.perIntent)}
<h2>Per category</h2>
${figuresTable('category', r.perCategory)}
<h2>${escapeHtml(`${r.wrongHeading} (${r.wrong.length})`)}</h2>
${r.wrong.length === 0 ? '<p class="note">None.</p>' : r.wrong.map(wrongAnswer).join('\n')}
</body></html>
`;
}
