import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Api } from './api.js';
import { ApiError } from './api.js';
import { duration, label, lastWeek, percent, usd } from './format.js';
import type { QualityFigures, QualityReport } from './types.js';

const COLUMNS: Array<{ title: string; hint: string; cell: (f: QualityFigures) => string }> = [
  { title: 'Turns', hint: 'Turns decided', cell: (f) => String(f.turns) },
  { title: 'Deflection', hint: 'Share answered with no person', cell: (f) => percent(f.deflection) },
  {
    title: 'CSAT',
    hint: "Share of customers' ratings that are up",
    cell: (f) => `${percent(f.csat)} (${f.ratings.up}/${f.ratings.up + f.ratings.down})`,
  },
  {
    title: 'Bad answers',
    hint: 'Down-ratings + reopens + low-survival agent edits',
    cell: (f) => `${f.badAnswerSignals} (${f.ratings.down}/${f.reopens}/${f.lowSurvivalEdits})`,
  },
  {
    title: 'Cost / resolution',
    hint: 'Model cost over resolved turns',
    cell: (f) => usd(f.costPerResolution),
  },
  { title: 'p95 latency', hint: 'From arrival to decision', cell: (f) => duration(f.p95LatencyMs) },
  {
    title: 'Judge',
    hint: 'Auto-sent replies graded by the daily judge: passed of judged',
    cell: (f) =>
      f.judge.judged > 0 ? `${percent(f.judge.passRate)} (${f.judge.passed}/${f.judge.judged})` : '–',
  },
];

function FiguresTable(props: {
  caption: string;
  rows: Array<{ key: string; lead: string[]; figures: QualityFigures }>;
  leads: string[];
}) {
  return (
    <table class="quality-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.leads.map((l) => (
            <th key={l} scope="col">
              {l}
            </th>
          ))}
          {COLUMNS.map((c) => (
            <th key={c.title} scope="col" title={c.hint}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} data-row={r.key}>
            {r.lead.map((l, i) => (
              <th key={i} scope="row">
                {l}
              </th>
            ))}
            {COLUMNS.map((c) => (
              <td key={c.title} data-col={c.title}>
                {c.cell(r.figures)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The quality report of the signed-in agent's workspace, per intent and per day and intent. */
export function Quality({ api, onSignedOut }: { api: Api; onSignedOut: () => void }) {
  const [range, setRange] = useState(() => lastWeek(Date.now()));
  // What the agent is typing, kept apart from the range shown: a live update that re-renders the pane while they
  // type must not put the shown range back into the fields.
  const [typed, setTyped] = useState(range);
  const [report, setReport] = useState<QualityReport | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api.qualityReport(range.from, range.to).then(
      (r) => {
        setReport(r);
        setError('');
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) onSignedOut();
        else setError((err as Error).message);
      },
    );
  }, [api, range, onSignedOut]);
  useEffect(load, [load]);

  const submit = (e: Event) => {
    e.preventDefault();
    setRange({ ...typed });
  };
  const edit = (field: 'from' | 'to') => (e: Event) =>
    setTyped((t) => ({ ...t, [field]: (e.currentTarget as HTMLInputElement).value }));

  return (
    <section class="quality-pane" aria-label="Quality">
      <div class="list-head">
        <h2>Quality</h2>
        <form class="filters" onSubmit={submit}>
          <label class="filter">
            From
            <input type="date" name="from" value={typed.from} onInput={edit('from')} required />
          </label>
          <label class="filter">
            To
            <input type="date" name="to" value={typed.to} onInput={edit('to')} required />
          </label>
          <button type="submit">Show</button>
        </form>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && report.totals.length === 0 && (
        <p class="muted pad">
          No decided turns from {report.from} to {report.to}.
        </p>
      )}
      {report && report.totals.length > 0 && (
        <div class="pad">
          <FiguresTable
            caption={`By intent, ${report.from} to ${report.to}`}
            leads={['Intent']}
            rows={report.totals.map((t) => ({ key: t.intent, lead: [label(t.intent)], figures: t }))}
          />
          <FiguresTable
            caption="By day and intent"
            leads={['Day', 'Intent']}
            rows={report.rows.map((r) => ({
              key: `${r.day}/${r.intent}`,
              lead: [r.day, label(r.intent)],
              figures: r,
            }))}
          />
          <p class="muted">
            Bad answers are down-ratings / reopens / agent edits keeping less than{' '}
            {percent(report.lowSurvivalBelow)} of the draft.
          </p>
        </div>
      )}
    </section>
  );
}
