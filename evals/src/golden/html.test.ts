import { describe, expect, it } from '@jest/globals';
import { curveSvg, escapeHtml, frontier, renderReport } from './html.js';
import type { ReportInput } from './html.js';
import type { GoldenOutcome } from './summary.js';
import { figures, figuresBy } from './summary.js';
import { goldenCase, ticketOutcome } from './testing.js';
import { formatText } from './text.js';

const HOSTILE = `<script>alert("x")</script><img src=x onerror='y'> & <link href="https://evil.example/a.css">`;

const wrong: GoldenOutcome = {
  case: goldenCase({ id: 'c-9', subject: `Re: ${HOSTILE}`, text: `Help ${HOSTILE}` }),
  ticket: ticketOutcome({ body: `Reply ${HOSTILE}`, cited: ['<b>article</b>'] }),
  grade: { ok: false, problems: [`contains none of the expected facts ${HOSTILE}`], leaks: [] },
};
const fine: GoldenOutcome = {
  case: goldenCase({ id: 'c-1', intent: 'payment' }),
  ticket: ticketOutcome({}),
  grade: { ok: true, problems: [], leaks: [] },
};

function input(over: Partial<ReportInput> = {}): ReportInput {
  const outcomes = [wrong, fine];
  return {
    title: 'Golden set: dev',
    facts: [['file', 'evals/golden/dev.jsonl']],
    figures: figures(outcomes),
    perIntent: figuresBy(outcomes, 'intent'),
    perCategory: figuresBy(outcomes, 'category'),
    curve: {
      points: [{ threshold: 0.9, coverage: 1, badAnswerRate: 0.5, autoSent: 2, goodAuto: 1, badAuto: 1 }],
    },
    wrong: [wrong],
    wrongHeading: 'Wrong answers sent automatically',
    ...over,
  };
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderReport', () => {
  const html = renderReport(input());

  it('escapes every customer, reply and reason text', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>article');
    expect(html).toContain(`Help ${escapeHtml(HOSTILE)}`);
    expect(html).toContain(`Reply ${escapeHtml(HOSTILE)}`);
    expect(html).toContain(`Subject: Re: ${escapeHtml(HOSTILE)}`);
    expect(html).toContain('<li>&lt;b&gt;article&lt;/b&gt;</li>');
  });

  it('is one self-contained page: inline style and SVG, no script, nothing loaded from elsewhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Escaped text holds no "<", so every tag here is markup the report wrote.
    const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!, attrs: m[2]! }));
    const names = new Set(tags.map((t) => t.name));
    for (const name of ['style', 'svg', 'circle', 'table']) expect(names).toContain(name);
    for (const name of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'image', 'use', 'a'])
      expect(names).not.toContain(name);
    for (const t of tags) {
      expect(t.attrs).not.toMatch(/\s(?:src|href|xlink:href|on\w+)=/i);
      // The SVG namespace is an identifier, never fetched.
      expect(t.attrs.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|url\(/i);
    }
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).not.toMatch(/url\(|@import/);
  });

  it('shows the headline figures, the curve, both group tables and each wrong answer in full', () => {
    expect(html).toContain('deflection');
    expect(html).toContain('<td>payment</td>');
    expect(html).toContain('<td>returns_policy</td>');
    expect(html).toContain('<td>help_centre</td>');
    expect(html).toContain('Wrong answers sent automatically (1)');
    expect(html).toContain('c-9 · help_centre · returns_policy');
    expect(html).toContain('<li>30 days</li>');
    expect(html).toContain('<li>returns-policy</li>');
    expect(html.match(/<circle /g)?.length).toBe(2); // the point and the ring marking this run
  });

  it('says so when no point of the curve exists', () => {
    const empty = renderReport(input({ curve: { points: [] }, wrong: [] }));
    expect(empty).toContain('No outcome could be auto-sent at any point.');
    expect(empty).toContain('(0)');
    expect(empty).not.toContain('<svg');
  });
});

describe('frontier and curve', () => {
  const p = (coverage: number, badAnswerRate: number) => ({
    threshold: 1 - coverage,
    coverage,
    badAnswerRate,
    autoSent: 1,
    goodAuto: 1,
    badAuto: 0,
  });

  it('keeps the points nothing beats on both axes, by coverage', () => {
    expect(frontier([p(0.5, 0.2), p(0.2, 0), p(0.4, 0.3), p(0.5, 0.2), p(0.6, 0.25)])).toEqual([
      p(0.2, 0),
      p(0.5, 0.2),
      p(0.6, 0.25),
    ]);
  });

  it('draws one circle per point and a line through the frontier', () => {
    const svg = curveSvg([p(0.2, 0), p(0.4, 0.3), p(0.5, 0.2)]);
    expect(svg.match(/<circle /g)?.length).toBe(3);
    expect(svg.match(/<polyline points="([^"]+)"/)?.[1]?.split(' ')).toHaveLength(2);
  });
});

describe('formatText', () => {
  it('prints the figures and one row per intent', () => {
    const r = input();
    const text = formatText({
      title: 'golden dev',
      figures: r.figures,
      perIntent: r.perIntent,
      perCategory: r.perCategory,
    });
    expect(text).toMatch(/^deflection\s+50\.0%$/m);
    expect(text).toMatch(/^payment\s+1\s+1\s+1\s+0\s/m);
    expect(text).toMatch(/^returns_policy\s+1\s+1\s+0\s+1\s/m);
  });
});
