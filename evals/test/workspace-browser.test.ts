// The people at both ends, in a real browser: an agent in the workspace served by handoff and a visitor using the
// chat widget on the demo shop page, against the six services as processes over the real NATS and Postgres.
// Every wait is for a condition on the page or in the API, never for time.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { waitFor } from '@parley/bus/testing';
import { ensureBuilt } from '@parley/web/build';
import type { DemoShop } from '@parley/web/demo-shop';
import { startDemoShop } from '@parley/web/demo-shop';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from '../src/browser.js';
import { launchBrowser } from '../src/browser.js';
import type { Stack } from '../src/stack.js';
import { apiClient, freePort, startStack } from '../src/stack.js';

let stack: Stack;
let shop: DemoShop;
let browser: Browser;
let agent: Page;
let api: ReturnType<typeof apiClient>;
const CHAT_KEY = `pk_chat_${randomBytes(12).toString('hex')}`;
// Each flow waits on the pipeline several times; a loaded machine gets room, the waits are for conditions.
jest.setTimeout(240_000);

beforeAll(async () => {
  await ensureBuilt();
  const shopPort = await freePort();
  stack = await startStack({
    label: 'browser',
    // Six services and a browser on a shared, loaded 2-core machine.
    readyTimeoutMs: 180_000,
    env: {
      INGRESS_CHAT_ORIGINS: `http://127.0.0.1:${shopPort}`,
      INGRESS_CHAT_KEYS: CHAT_KEY,
      INGRESS_CHAT_WATCH_MS: '200',
      INGRESS_RATING_SECRET: randomBytes(32).toString('hex'),
      // Every store write needs an agent here (none is read back for the customer's own "yes"): the flows
      // under test are the agent's.
      GATE_CUSTOMER_CONFIRMS: 'none',
    },
  });
  api = apiClient(stack);
  shop = await startDemoShop({ port: shopPort, ingressUrl: stack.urls.ingress, chatKey: CHAT_KEY });
  browser = await launchBrowser();
  agent = await browser.page();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await stack?.stop();
}, 60_000);

/** A visitor on the demo shop page (a tab of its own: its own chat session) with the chat panel open. */
async function visitor(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(viewport);
  await page.goto(shop.url);
  await page.getByRole('button', { name: /Open chat/ }).click();
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.getByLabel('Your message');
  await input.fill(text);
  await input.press('Enter');
  // Sent once the server has it: the pending bubble is replaced by the transcript's own message.
  await widgetMessages(page, 'customer')
    .filter({ hasText: text.slice(0, 40) })
    .first()
    .waitFor();
}

const widgetMessages = (page: Page, role: 'customer' | 'bot' | 'agent'): Locator =>
  page.locator(`#parley-chat li[data-role="${role}"]`);

async function queue(name: RegExp): Promise<void> {
  await agent.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name }).click();
}

const action = () => agent.getByRole('region', { name: 'Proposed action' });

/** The row of an item in the open queue, found by text it shows; it appears without a reload. */
function row(text: string): Locator {
  return agent.locator('.item-row', { hasText: text }).first();
}

async function ticketIdOf(page: Page): Promise<string> {
  return (await page.locator('.ticket').getAttribute('data-ticket'))!;
}

describe('the agent workspace and the chat widget', () => {
  it('signs an agent in with an inbox key held in an HttpOnly cookie, never in the page', async () => {
    await agent.goto(`${stack.urls.handoff}/inbox`);
    await agent.getByLabel('Inbox key').fill('not-a-key');
    await agent.getByLabel('Your name').fill('ana');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('alert').filter({ hasText: 'unknown or revoked API key' }).waitFor();

    await agent.getByLabel('Inbox key').fill(stack.agentKey);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('heading', { name: 'Needs reply' }).waitFor();
    await agent.locator('.live.on').waitFor();

    const cookies = await browser.context.cookies(`${stack.urls.handoff}/inbox`);
    const session = cookies.find((c) => c.name === 'parley_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/inbox' });
    // Evaluated in the page (this file is typed for Node, not the DOM).
    const seen = (await agent.evaluate(`({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      html: document.documentElement.outerHTML,
    })`)) as { cookie: string; local: number; session: number; html: string };
    expect(seen.cookie).not.toContain('parley_session');
    expect(seen.local + seen.session).toBe(0);
    expect(seen.html).not.toContain(stack.agentKey);
    expect(seen.html).not.toContain(session!.value);
  });

  it('shows a visitor’s message live as a draft; the agent edits and sends it; the visitor sees it, after a reload too', async () => {
    const shopper = await visitor();
    // A story beside a question naming an order keeps it with an agent (the question alone is answered by asking
    // who the visitor is, and a rules question naming no order on its own).
    await say(
      shopper,
      'Can I change the delivery address of order #W8770097? We moved to a new flat last week.',
    );

    await queue(/^Drafts to review/);
    await row('change address').waitFor();
    await agent.locator('.toast', { hasText: 'New draft to review' }).first().waitFor();
    await row('change address').click();
    const reply = agent.getByLabel('Reply to the customer');
    const draft = await reply.inputValue();
    expect(draft.length).toBeGreaterThan(20);
    // The sources the draft cites are beside it.
    await agent.locator('.sources li.cited').first().waitFor();
    await reply.fill(`${draft}\n\nI have also noted this on your account. Ana`);
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent.locator('.ticket .status[data-status="sent"]').waitFor();

    const sent = widgetMessages(shopper, 'agent').filter({
      hasText: 'I have also noted this on your account. Ana',
    });
    await sent.waitFor();
    expect(await sent.innerText()).toContain(draft.split('\n')[0]!);

    // The conversation survives a reload: the session is kept in the tab.
    await shopper.reload();
    await shopper.getByRole('button', { name: /Open chat/ }).click();
    await widgetMessages(shopper, 'agent').filter({ hasText: 'noted this on your account' }).waitFor();
    expect(await widgetMessages(shopper, 'customer').count()).toBe(1);
    await shopper.close();
  });

  it('shows a new escalation live; take-over silences the bot and hand-back restores it', async () => {
    const shopper = await visitor();
    await queue(/^Escalated/);
    await say(shopper, 'I want to speak to a human');
    await row('speak to a human').waitFor();
    await agent.locator('.toast', { hasText: 'New escalation' }).first().waitFor();
    await row('speak to a human').click();
    await agent.getByRole('button', { name: 'Take over' }).click();
    await agent.locator('.ticket .owner[data-owner="agent"]').waitFor();
    const ticketId = await ticketIdOf(agent);

    // The visitor is told a person joined (the held transcript request wakes on the change of owner).
    await shopper.getByRole('status').filter({ hasText: 'talking with a person' }).waitFor();
    await shopper.locator('#parley-chat li.note', { hasText: 'has joined the conversation' }).waitFor();

    // A question the bot answers at once otherwise (see the last step) now waits for the agent.
    await queue(/^Needs reply/);
    await say(shopper, 'Do you ship to Canada?');
    await row('ship to Canada').waitFor();
    await row('ship to Canada').click();
    await agent.locator('.reasons code', { hasText: 'agent_owned' }).waitFor();
    // The turn is decided (it reached the inbox): no bot reply can come for it any more.
    expect(await widgetMessages(shopper, 'bot').count()).toBe(0);

    await agent.getByLabel('Reply to the customer').fill('Yes, we ship to Canada within 5 days.');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    await widgetMessages(shopper, 'agent').filter({ hasText: 'we ship to Canada within 5 days' }).waitFor();

    await agent.getByRole('button', { name: 'Hand back to bot' }).click();
    await agent.locator('.ticket .owner[data-owner="bot"]').waitFor();
    await shopper.locator('#parley-chat li.note', { hasText: 'assistant is answering again' }).waitFor();
    await say(shopper, 'How do I reset my password?');
    await widgetMessages(shopper, 'bot').first().waitFor();
    // The visitor rates the automated answer with the thumbs under it; the choice stays pressed.
    const helpful = widgetMessages(shopper, 'bot')
      .first()
      .getByRole('button', { name: 'Helpful', exact: true });
    await helpful.click();
    await widgetMessages(shopper, 'bot')
      .first()
      .locator('button[data-rating="up"][aria-pressed="true"]')
      .waitFor();
    const view = await api.getTicket(ticketId);
    expect((view.body.timeline as Array<{ type: string }>).map((t) => t.type)).toEqual(
      expect.arrayContaining(['inbox.taken_over', 'inbox.handed_back']),
    );
    await shopper.close();
  });

  it('approves a proposed action: the actions service executes it and the ticket shows the outcome', async () => {
    const posted = await api.postTicket({
      customer: { email: 'ivan.santos3158@example.com', name: 'Ivan Santos' },
      subject: 'Cancel order #W8770097',
      body: 'Hello, please cancel my order #W8770097 for the red office chair. My company is providing a chair after all, so I no longer need it. Thank you.',
    });
    const ticketId = posted.body.ticketId as string;
    const itemId = `inb_${ticketId}_1`;
    await waitFor(
      'the draft in the inbox',
      async () =>
        (await api.call('handoff', 'GET', `/v1/inbox/${itemId}`, undefined, stack.agentKey)).status === 200,
    );
    // Offline, the local composer names the action without its arguments; a hosted composer tier proposes the
    // write itself (draft.proposal). The draft is given the proposal such a tier makes for this message.
    const proposal = {
      actionId: `act_${ticketId}_1`,
      tool: 'cancel_pending_order',
      input: { order_id: '#W8770097', reason: 'no longer needed' },
      summary: 'Cancel order #W8770097 (Office Chair), reason: no longer needed.',
      customerId: 'ivan_santos_6635',
    };
    await sql`update inbox_items set draft = jsonb_set(draft, '{proposal}', ${JSON.stringify(proposal)}::jsonb)
      where id = ${itemId}`.execute(stack.db.db);
    await queue(/^Drafts to review/);
    await row('Ivan Santos').click();
    await action().getByText('Cancel order #W8770097 (Office Chair), reason: no longer needed.').waitFor();
    await action().getByRole('button', { name: 'Approve action' }).click();
    // Pending until the actions service settles it; the page follows without a reload.
    await action().locator('[data-decision="executed"]', { hasText: 'Approved by ana: executed' }).waitFor();

    const item = await api.call('handoff', 'GET', `/v1/inbox/${itemId}`, undefined, stack.agentKey);
    expect(item.body.actionDecision).toMatchObject({
      decision: 'approved',
      by: 'agent',
      status: 'executed',
      agentId: 'ana',
    });
    expect((item.body.timeline as Array<{ type: string }>).map((t) => t.type)).toEqual(
      expect.arrayContaining(['inbox.action_approved', 'action.authorised', 'action.settled']),
    );
    const order = await stack.db.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', '#W8770097')
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('cancelled');
    // The customer is told the outcome (the actions service's reply).
    const view = await waitFor('the outcome reply', async () => {
      const t = await api.getTicket(ticketId);
      return t.body.reply ? t.body : undefined;
    });
    expect((view!.reply as { body: string }).body).toContain('#W8770097');
  });

  it('shows a ticket body holding HTML as text, in the workspace and in the widget', async () => {
    const hostile = 'I want to speak to a human <img src=x onerror="document.title=\'owned\'"><b>now</b>';
    await api.postTicket({ customer: { email: 'someone@example.com' }, body: hostile });
    await queue(/^Escalated/);
    await row('someone@example.com').click();
    const message = agent.locator('.ticket .message[data-role="customer"] .body').first();
    await message.waitFor();
    expect(await message.innerText()).toBe(hostile);
    expect(await agent.locator('.ticket img, .item-row img, .ticket b').count()).toBe(0);
    expect(await agent.title()).toBe('Parley inbox');

    const shopper = await visitor();
    await say(shopper, '<img src=x onerror="document.title=\'owned\'"> hello');
    expect(await shopper.locator('#parley-chat li img').count()).toBe(0);
    expect(await widgetMessages(shopper, 'customer').first().innerText()).toContain('<img src=x onerror=');
    expect(await shopper.title()).toBe('Parley demo shop');
    await shopper.close();
  });

  it('shows the quality report: the rated answer counts, and a bad range is named', async () => {
    // The rating reaches handoff's read model as reply.rated.
    const today = new Date().toISOString().slice(0, 10);
    await waitFor('the rating in the report', async () => {
      const res = await api.call(
        'handoff',
        'GET',
        `/v1/reports/quality?from=${today}&to=${today}`,
        undefined,
        stack.agentKey,
      );
      const totals = (res.body.totals ?? []) as Array<{ ratings: { up: number } }>;
      return totals.some((t) => t.ratings.up === 1);
    });
    await agent.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: 'Quality' }).click();
    const page = agent.getByRole('region', { name: 'Quality' });
    await page.getByRole('heading', { name: 'Quality' }).waitFor();
    const byIntent = page.locator('table', { has: agent.locator('caption', { hasText: 'By intent' }) });
    await byIntent.locator('td[data-col="CSAT"]', { hasText: '100% (1/1)' }).waitFor();
    // The escalations and drafts of the earlier steps are turns too; some were answered automatically.
    const turns = await byIntent.locator('td[data-col="Turns"]').allInnerTexts();
    expect(turns.reduce((sum, t) => sum + Number(t), 0)).toBeGreaterThanOrEqual(4);
    await page
      .locator('table', { has: agent.locator('caption', { hasText: 'By day and intent' }) })
      .waitFor();

    await page.getByLabel('From').fill('2026-12-10');
    await page.getByLabel('To').fill('2026-12-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('alert').filter({ hasText: 'from: must not be after to' }).waitFor();
  });

  it('works from the keyboard alone and fills a phone’s width', async () => {
    const phone = await browser.page({ width: 375, height: 740 });
    await phone.goto(shop.url);
    const launcher = phone.getByRole('button', { name: /Open chat/ });
    await launcher.focus();
    await phone.keyboard.press('Enter');
    const panel = phone.getByRole('dialog', { name: 'Parley demo shop' });
    await panel.waitFor();
    // Focus moves to the message box; Escape closes the panel and gives focus back to the launcher.
    await waitFor('focus in the message box', () =>
      phone.evaluate(
        `document.querySelector('#parley-chat')?.shadowRoot?.activeElement?.id === 'parley-input'`,
      ),
    );
    const box = await panel.boundingBox();
    expect(box?.width).toBe(375);
    await phone.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await phone.close();
  });
});
