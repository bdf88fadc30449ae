// The replay as one self-contained HTML page (inline CSS, no script, nothing fetched): what the candidate
// changes overall, then every ticket with its original and candidate outcome side by side, changed tickets
// first. Every text from a ticket, an answer or the candidate file goes through `escapeHtml`.
import { escapeHtml } from '../golden/html.js';
import type { ReplaySummary, TicketDiff, TurnDiff } from './diff.js';
import type { TurnOutcome } from './records.js';

export interface ReplayReportInput {
  facts: Array<[string, string]>;
  settings: Record<string, string>;
  ignored: Array<{ name: string; why: string }>;
  summary: ReplaySummary;
  tickets: TicketDiff[];
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1d2329}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde2;padding-bottom:.2rem}
.facts{color:#5a6570;margin:0 0 1rem}.facts span{margin-right:1.2rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}.card{border:1px solid #d8dde2;border-radius:6px;padding:.5rem .8rem;min-width:8rem}
.card b{display:block;font-size:1.3rem}.card small{color:#5a6570}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:.25rem .5rem;border-bottom:1px solid #eceff2;text-align:left;vertical-align:top}
th{background:#f5f7f9}
.ticket{border:1px solid #d8dde2;border-radius:4px;padding:.6rem .9rem;margin:1rem 0}.ticket.changed{border-left:4px solid #c0392b}
.ticket h3{margin:.1rem 0 .4rem;font-size:1rem}.sides{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.side h4{margin:.2rem 0;font-size:.9rem;color:#5a6570}.moved{color:#c0392b;font-weight:600}.lost{color:#c0392b}
pre{white-space:pre-wrap;margin:0;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f7f8fa;padding:.4rem;border-radius:4px}
ul{margin:.2rem 0;padding-left:1.2rem}.note{color:#5a6570}
`;

const usd = (x: number) => `$${x.toFixed(4)}`;
const ms = (x: number) => `${Math.round(x)} ms`;

function card(label: string, value: string, note = ''): string {
  return `<div class="card"><small>${escapeHtml(label)}</small><b>${escapeHtml(value)}</b>${note ? `<small>${escapeHtml(note)}</small>` : ''}</div>`;
}

function outcomeHtml(title: string, o: TurnOutcome | null, moved: boolean): string {
  if (!o) return `<div class="side"><h4>${escapeHtml(title)}</h4><p class="note">no decision</p></div>`;
  const answer = o.answer
    ? `<p>${o.answer.kind === 'reply' ? 'reply sent' : 'draft for an agent'}; cites ${escapeHtml(o.answer.cited.join(', ') || 'nothing')}</p><pre>${escapeHtml(o.answer.body)}</pre>`
    : '<p class="note">no answer</p>';
  return `<div class="side"><h4>${escapeHtml(title)}</h4>
<p><span class="${moved ? 'moved' : ''}">${escapeHtml(o.decision)}</span> (${escapeHtml(o.reasons.join(', ') || 'no reasons')})
${o.intent ? ` · ${escapeHtml(o.intent)}` : ''}${o.band ? ` · band ${escapeHtml(o.band)}` : ''}${o.confidence !== undefined ? ` · confidence ${o.confidence}` : ''}
· ${usd(o.costUsd)} · ${ms(o.latencyMs)}</p>${answer}</div>`;
}

function turnHtml(t: TurnDiff): string {
  const changes: string[] = [];
  if (t.moved)
    changes.push(
      `<li class="moved">decision moved: ${escapeHtml(t.original?.decision ?? 'none')} → ${escapeHtml(t.candidate?.decision ?? 'none')}</li>`,
    );
  if (t.citedAdded.length > 0) changes.push(`<li>now cites ${escapeHtml(t.citedAdded.join(', '))}</li>`);
  if (t.citedRemoved.length > 0)
    changes.push(`<li>no longer cites ${escapeHtml(t.citedRemoved.join(', '))}</li>`);
  for (const f of t.lost)
    changes.push(`<li class="lost">lost ${escapeHtml(f.kind)}: ${escapeHtml(f.text)}</li>`);
  return `<p><b>turn ${t.turn}</b>, the customer wrote:</p><pre>${escapeHtml(t.body)}</pre>
${changes.length > 0 ? `<ul>${changes.join('')}</ul>` : '<p class="note">no change</p>'}
<div class="sides">${outcomeHtml('original', t.original, t.moved)}${outcomeHtml('candidate', t.candidate, t.moved)}</div>`;
}

const changed = (d: TicketDiff) => d.moved || d.citationsChanged || d.lostFacts > 0 || d.error !== undefined;

function ticketHtml(d: TicketDiff): string {
  return `<div class="ticket${changed(d) ? ' changed' : ''}" id="${escapeHtml(d.ticketId)}">
<h3>${escapeHtml(d.ticketId)} <span class="note">(${escapeHtml(d.channel)}${d.candidateTicketId ? `, replayed as ${escapeHtml(d.candidateTicketId)}` : ''})</span></h3>
${d.error ? `<p class="lost">${escapeHtml(d.error)}</p>` : ''}${d.turns.map(turnHtml).join('\n')}</div>`;
}

export function renderReplayReport(r: ReplayReportInput): string {
  const s = r.summary;
  const transitions = Object.entries(s.transitions)
    .sort()
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${v}</td></tr>`)
    .join('');
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const ignored = r.ignored.map((i) => `<li>${escapeHtml(i.name)}: ${escapeHtml(i.why)}</li>`).join('');
  const rows = r.tickets
    .map(
      (d) =>
        `<tr><td><a href="#${escapeHtml(d.ticketId)}">${escapeHtml(d.ticketId)}</a></td><td>${d.turns.map((t) => `<span class="${t.moved ? 'moved' : ''}">${escapeHtml(t.original?.decision ?? 'none')} → ${escapeHtml(t.candidate?.decision ?? 'none')}</span>`).join('<br>')}</td><td>${d.citationsChanged ? 'yes' : ''}</td><td>${d.lostFacts || ''}</td><td>${usd(d.original.costUsd)} / ${usd(d.candidate.costUsd)}</td><td>${ms(d.original.latencyMs)} / ${ms(d.candidate.latencyMs)}</td></tr>`,
    )
    .join('');
  const ordered = [...r.tickets.filter(changed), ...r.tickets.filter((d) => !changed(d))];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shadow replay</title><style>${STYLE}</style></head><body>
<h1>Shadow replay</h1>
<p class="facts">${r.facts.map(([k, v]) => `<span>${escapeHtml(k)}: ${escapeHtml(v)}</span>`).join('')}</p>
<div class="cards">${[
    card('tickets', String(s.tickets), `${s.turns} customer turns`),
    card('decisions moved', String(s.moves.length), `${s.ticketsMoved} tickets`),
    card('cite differently', String(s.ticketsCitingDifferently), 'tickets'),
    card('lost facts', String(s.factsLost), `${s.ticketsLosingFacts} tickets`),
    card('cost', `${usd(s.cost.originalUsd)} → ${usd(s.cost.candidateUsd)}`),
    card('p50 latency', `${ms(s.latency.originalP50Ms)} → ${ms(s.latency.candidateP50Ms)}`),
    card('p95 latency', `${ms(s.latency.originalP95Ms)} → ${ms(s.latency.candidateP95Ms)}`),
    ...(s.errors > 0 ? [card('unfinished', String(s.errors), 'tickets')] : []),
  ].join('')}</div>
<h2>Candidate</h2>
${settings ? `<table><tr><th>variable</th><th>value</th></tr>${settings}</table>` : '<p class="note">no settings: the defaults</p>'}
${ignored ? `<p>Not passed on:</p><ul>${ignored}</ul>` : ''}
<h2>Decisions that moved</h2>
${transitions ? `<table><tr><th>from → to</th><th>turns</th></tr>${transitions}</table>` : '<p class="note">none</p>'}
<h2>Tickets</h2>
<table><tr><th>ticket</th><th>decision (original → candidate)</th><th>cites differently</th><th>lost facts</th><th>cost</th><th>latency</th></tr>${rows}</table>
${ordered.map(ticketHtml).join('\n')}
</body></html>
`;
}
