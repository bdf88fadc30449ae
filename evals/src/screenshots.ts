// `pnpm exec tsx evals/src/screenshots.ts [outDir]`: the screenshots in services/handoff/README.md. Starts the
// six services, the demo shop and a browser, replays the demo tickets, drives the workspace and the widget to
// their main screens, and saves each as a PNG (default: services/handoff/docs/screenshots).
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '@parley/bus/testing';
import { loadDemoTickets } from '@parley/demo-store';
import { ensureBuilt } from '@parley/web/build';
import { startDemoShop } from '@parley/web/demo-shop';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { apiClient, freePort, startStack } from './stack.js';

const out = process.argv[2] ?? new URL('../../services/handoff/docs/screenshots/', import.meta.url).pathname;
const chatKey = `pk_chat_${randomBytes(12).toString('hex')}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`) });
  process.stdout.write(`saved ${join(out, `${name}.png`)}\n`);
}

await mkdir(out, { recursive: true });
await ensureBuilt();
const shopPort = await freePort();
const stack = await startStack({
  label: 'screenshots',
  env: { INGRESS_CHAT_ORIGINS: `http://127.0.0.1:${shopPort}`, INGRESS_CHAT_KEYS: chatKey },
});
const shop = await startDemoShop({ port: shopPort, ingressUrl: stack.urls.ingress, chatKey });
const browser = await launchBrowser();
try {
  const api = apiClient(stack);
  const tickets = await loadDemoTickets();
  for (const t of tickets) await api.postTicket({ customer: t.customer, subject: t.subject, body: t.body });
  await waitFor(
    'the demo tickets in the inbox',
    async () => ((await api.inbox()).body.items as unknown[]).length >= 8,
    120_000,
  );

  const agent = await browser.page({ width: 1440, height: 900 });
  await agent.goto(`${stack.urls.handoff}/inbox`);
  await agent.getByLabel('Your name').fill('ana');
  await shot(agent, 'sign-in');
  await agent.getByLabel('Inbox key').fill(stack.agentKey);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.locator('.item-row').first().waitFor();
  await shot(agent, 'queue');

  await agent
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Drafts to review/ })
    .click();
  await agent.locator('.item-row', { hasText: 'cancel order' }).first().click();
  await agent.getByRole('region', { name: 'Proposed action' }).waitFor();
  await shot(agent, 'ticket');
  await agent.getByRole('region', { name: 'Reply' }).scrollIntoViewIfNeeded();
  await shot(agent, 'draft-and-sources');

  const shopper = await browser.page({ width: 1280, height: 800 });
  await shopper.goto(shop.url);
  await shopper.getByRole('button', { name: /Open chat/ }).click();
  const input = shopper.getByLabel('Your message');
  await input.fill('How do I reset my password?');
  await input.press('Enter');
  await shopper.locator('#parley-chat li[data-role="bot"]').first().waitFor();
  await input.fill('I want to speak to a human');
  await input.press('Enter');
  await agent
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Escalated/ })
    .click();
  await agent.locator('.item-row', { hasText: 'speak to a human' }).first().click();
  await agent.getByRole('button', { name: 'Take over' }).click();
  await shopper.getByRole('status').filter({ hasText: 'talking with a person' }).waitFor();
  await agent.getByLabel('Reply to the customer').fill('Hi, this is Ana from the team. How can I help?');
  await agent.getByRole('button', { name: 'Send reply' }).click();
  await shopper.locator('#parley-chat li[data-role="agent"]').first().waitFor();
  await shot(shopper, 'widget');
  await agent.locator('.ticket-pane').evaluate((pane) => ((pane as { scrollTop: number }).scrollTop = 0));
  await agent.locator('.toast').first().waitFor({ state: 'detached' });
  await shot(agent, 'escalation-taken-over');
} finally {
  await browser.close();
  await shop.close();
  await stack.stop();
}
