import { describe, expect, it } from '@jest/globals';
import { candidateEnv } from './candidate.js';
import { diffTicket, summarise } from './diff.js';
import { answerFacts, lostFacts } from './facts.js';
import { renderReplayReport } from './html.js';
import type { StoredTicket, TurnOutcome } from './records.js';
import { senderOf } from './runner.js';

const RETURNS =
  'You have 30 days from delivery to return an item in its original condition. Refunds go back to the original payment method.';

describe('candidate env file', () => {
  it('passes the candidate settings on, ignores isolation variables and blanks every delivery variable', () => {
    const file = [
      '# raise the answer threshold',
      'GATE_ANSWER_THRESHOLD=0.95',
      'ROUTER_MODEL_FILE="/models/candidate.pimf"',
      'DATABASE_SCHEMA=prod',
      'BUS_PREFIX=parley',
      'INGRESS_PORT=8080',
      'INGRESS_SMTP_HOST=smtp.example.com',
      'HANDOFF_DESK_WEBHOOK_URL=https://desk.example.com/hook',
    ].join('\n');
    const c = candidateEnv(file, {
      INGRESS_TWILIO_ACCOUNT_SID: 'AC1',
      INGRESS_TWILIO_FROM: '+15550100',
      PATH: '/bin',
    });
    expect(c.settings).toEqual({
      GATE_ANSWER_THRESHOLD: '0.95',
      ROUTER_MODEL_FILE: '/models/candidate.pimf',
    });
    expect(c.env).toEqual({
      GATE_ANSWER_THRESHOLD: '0.95',
      ROUTER_MODEL_FILE: '/models/candidate.pimf',
      // Empty means unset to every service: the channels fall back to recording.
      INGRESS_SMTP_HOST: '',
      HANDOFF_DESK_WEBHOOK_URL: '',
      INGRESS_TWILIO_ACCOUNT_SID: '',
      INGRESS_TWILIO_FROM: '',
    });
    expect(c.ignored.map((i) => i.name)).toEqual([
      'BUS_PREFIX',
      'DATABASE_SCHEMA',
      'HANDOFF_DESK_WEBHOOK_URL',
      'INGRESS_PORT',
      'INGRESS_SMTP_HOST',
    ]);
    expect(c.ignored.find((i) => i.name === 'INGRESS_SMTP_HOST')!.why).toContain('never delivers');
  });
});

describe('answer facts', () => {
  it('finds order ids, tracking ids, statuses, amounts and the sentences quoted from cited articles', () => {
    const body =
      'Hi Ann,\n\nYour order #W1000001 has been processed and is on its way: tracking number 111111111111. You paid $47.84.\n' +
      'You have 30 days from delivery to return an item in its original condition.\n\nBest regards';
    expect(answerFacts(body, [RETURNS])).toEqual([
      { kind: 'order', text: '#W1000001' },
      { kind: 'tracking', text: '111111111111' },
      { kind: 'status', text: 'processed' },
      { kind: 'amount', text: '$47.84' },
      {
        kind: 'sentence',
        text: 'You have 30 days from delivery to return an item in its original condition.',
      },
    ]);
  });

  it('matches a quoted sentence to its article whatever the markup left around it', () => {
    const section =
      '- Items that arrived damaged can always be returned within the 30 days, used or not (see Damaged items ).';
    const answer =
      'Items that arrived damaged can always be returned within the 30 days, used or not (see Damaged items).';
    const facts = answerFacts(`Hi there,\n\n- ${answer}\n\nBest regards`, [section]);
    expect(facts).toEqual([{ kind: 'sentence', text: answer }]);
    expect(lostFacts(facts, `- ${answer.toUpperCase()}`)).toEqual([]);
    expect(lostFacts(facts, answer.replace('30 days', '14 days'))).toEqual(facts);
  });

  it('reports what the candidate no longer says, ignoring case, spacing and the order id sign', () => {
    const facts = answerFacts('Order #W1000001 was canceled. Refund: $ 12.50.', []);
    expect(lostFacts(facts, 'order w1000001 was CANCELLED;   refund $12.50')).toEqual([]);
    expect(lostFacts(facts, 'Your order W1000001 is pending.').map((f) => f.text)).toEqual([
      'cancelled',
      '$12.50',
    ]);
    expect(lostFacts(facts, undefined)).toEqual(facts);
  });
});

const outcome = (over: Partial<TurnOutcome> = {}): TurnOutcome => ({
  decision: 'auto_sent',
  reasons: ['checks_passed'],
  intent: 'returns_policy',
  band: 'auto',
  confidence: 0.9,
  answer: { kind: 'reply', body: RETURNS, cited: ['returns-policy'] },
  costUsd: 0,
  latencyMs: 800,
  ...over,
});

const ticket = (id: string, outcomes: Array<TurnOutcome | null>): StoredTicket => ({
  id,
  workspace: 'default',
  channel: 'api',
  customer: { crmId: null, name: 'Eval' },
  subject: null,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  turns: outcomes.map((o, i) => ({ turn: i + 1, body: `question <${i + 1}>`, at: new Date(), outcome: o })),
});

describe('replay diff', () => {
  const articles = new Map([['returns-policy', RETURNS]]);

  it('reports a moved decision, changed citations and the facts a draft lost, per turn', () => {
    const original = ticket('tkt_a', [outcome(), outcome()]);
    const candidate = ticket('tkt_b', [
      outcome({
        decision: 'suggested',
        reasons: ['low_confidence'],
        answer: { kind: 'draft', body: RETURNS, cited: ['returns-policy'] },
      }),
      outcome({
        answer: { kind: 'reply', body: 'See our help centre.', cited: ['start-a-return'] },
        costUsd: 0.002,
      }),
    ]);
    const d = diffTicket(original, candidate, articles);
    expect(d).toMatchObject({
      ticketId: 'tkt_a',
      candidateTicketId: 'tkt_b',
      moved: true,
      citationsChanged: true,
      lostFacts: 2,
    });
    expect(d.turns[0]).toMatchObject({ moved: true, citedAdded: [], citedRemoved: [], lost: [] });
    expect(d.turns[1]).toMatchObject({
      moved: false,
      citedAdded: ['start-a-return'],
      citedRemoved: ['returns-policy'],
    });
    expect(d.turns[1]!.lost.map((f) => f.kind)).toEqual(['sentence', 'sentence']);
    expect(d.candidate).toEqual({ costUsd: 0.002, latencyMs: 1600 });

    const same = diffTicket(ticket('tkt_c', [outcome()]), ticket('tkt_d', [outcome()]), articles);
    expect(same).toMatchObject({ moved: false, citationsChanged: false, lostFacts: 0 });

    const s = summarise([d, same]);
    expect(s).toMatchObject({
      tickets: 2,
      turns: 3,
      ticketsMoved: 1,
      ticketsCitingDifferently: 1,
      ticketsLosingFacts: 1,
      factsLost: 2,
    });
    expect(s.moves).toEqual([{ ticketId: 'tkt_a', turn: 1, from: 'auto_sent', to: 'suggested' }]);
    expect(s.transitions).toEqual({ 'auto_sent -> suggested': 1 });
  });

  it('counts a turn the candidate never decided as moved, with its reason', () => {
    const d = diffTicket(
      ticket('tkt_a', [outcome()]),
      undefined,
      articles,
      'turn 1: no decision in 60000 ms',
    );
    expect(d).toMatchObject({ moved: true, error: 'turn 1: no decision in 60000 ms' });
    expect(summarise([d]).transitions).toEqual({ 'auto_sent -> none': 1 });
  });

  it('renders one page with both sides and every text escaped', () => {
    const original = ticket('tkt_a', [
      outcome({ answer: { kind: 'reply', body: '<script>x</script>', cited: [] } }),
    ]);
    const d = diffTicket(
      original,
      ticket('tkt_b', [outcome({ decision: 'escalated', answer: undefined })]),
      articles,
    );
    const html = renderReplayReport({
      facts: [['candidate', 'floor<1>.env']],
      settings: { GATE_ANSWER_THRESHOLD: '0.95' },
      ignored: [],
      summary: summarise([d]),
      tickets: [d],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('floor&lt;1&gt;.env');
    expect(html).toContain('question &lt;1&gt;');
    expect(html).toContain('decision moved: auto_sent → escalated');
    expect(html).toMatch(/<h4>original<\/h4>[\s\S]*<h4>candidate<\/h4>/);
  });

  it('names the sender as the original ticket did, the CRM id only when nothing else identified them', () => {
    expect(senderOf({ crmId: 'ann_1', email: 'ann@example.com', name: 'Ann' })).toEqual({
      email: 'ann@example.com',
      name: 'Ann',
    });
    expect(senderOf({ crmId: 'ann_1' })).toEqual({ id: 'ann_1' });
    expect(senderOf({ crmId: null, phone: '+15550100' })).toEqual({ phone: '+15550100' });
  });
});
