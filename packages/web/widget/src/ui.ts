import type { ChatMessage, Rating } from './client.js';
import type { Pending } from './conversation.js';
import { WIDGET_CSS } from './styles.js';

/** Creates an element; text goes in as text, never as HTML. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An icon, drawn (no emoji font needed). */
function icon(d: string, size: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/** A speech bubble. */
const chatIcon = () =>
  icon('M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z', 26);

/** A thumb; the down one is the same turned over by the stylesheet. */
const thumbIcon = () =>
  icon(
    'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z',
    16,
  );

/** The two rating buttons under an automated reply; the chosen one is pressed. */
function ratingButtons(m: ChatMessage, onRate: (m: ChatMessage, rating: Rating) => void): HTMLDivElement {
  const row = el('div', { class: 'rate', role: 'group', 'aria-label': 'Was this answer helpful?' });
  for (const [rating, label] of [
    ['up', 'Helpful'],
    ['down', 'Not helpful'],
  ] as const) {
    const button = el('button', {
      type: 'button',
      class: `thumb ${rating}`,
      'aria-label': label,
      title: label,
      'aria-pressed': String(m.rating?.value === rating),
      'data-rating': rating,
    });
    button.append(thumbIcon());
    button.addEventListener('click', () => onRate(m, rating));
    row.append(button);
  }
  return row;
}

export interface WidgetView {
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  panel: HTMLDivElement;
  status: HTMLParagraphElement;
  log: HTMLOListElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  error: HTMLParagraphElement;
}

/** The launcher and the panel, in a shadow root attached to a host element at the end of the page. */
export function buildView(title: string): WidgetView {
  const host = el('div', { id: 'parley-chat' });
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: 'open' });
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el('style', {}, WIDGET_CSS));
  }

  const launcher = el('button', {
    type: 'button',
    class: 'launcher',
    'aria-label': `Open chat: ${title}`,
    'aria-expanded': 'false',
    'aria-controls': 'parley-panel',
  });
  launcher.append(chatIcon());

  const panel = el('div', {
    id: 'parley-panel',
    class: 'panel',
    role: 'dialog',
    'aria-labelledby': 'parley-title',
  });
  panel.hidden = true;
  const head = el('div', { class: 'head' });
  const close = el('button', { type: 'button', 'aria-label': 'Close chat' }, '×');
  head.append(el('h2', { id: 'parley-title' }, title), close);
  const status = el('p', { class: 'status', role: 'status' });
  status.hidden = true;
  const log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Send a message' });
  const label = el('label', { for: 'parley-input', class: 'sr-only' }, 'Your message');
  const input = el('textarea', {
    id: 'parley-input',
    name: 'message',
    placeholder: 'Type your message...',
    rows: '1',
  });
  const send = el('button', { type: 'submit', class: 'send' }, 'Send');
  form.append(label, input, send);
  panel.append(head, status, log, error, form);
  root.append(launcher, panel);

  const view: WidgetView = { root, launcher, panel, status, log, form, input, send, error };
  close.addEventListener('click', () => setOpen(view, false));
  return view;
}

export function setOpen(view: WidgetView, open: boolean): void {
  view.panel.hidden = !open;
  view.launcher.setAttribute('aria-expanded', String(open));
  view.launcher.setAttribute(
    'aria-label',
    open ? 'Close chat' : `Open chat: ${view.panel.querySelector('h2')?.textContent ?? ''}`,
  );
  if (open) view.input.focus();
  else view.launcher.focus();
}

const WHO = { customer: 'You', bot: 'Assistant', agent: 'Agent' } as const;

/** Redraws the log: the conversation, notes (a person joined), then what is still being sent. */
export function renderLog(
  view: WidgetView,
  messages: readonly (ChatMessage | { note: string })[],
  pending: readonly Pending[],
  onRate: (m: ChatMessage, rating: Rating) => void = () => {},
): void {
  const items: HTMLLIElement[] = [];
  for (const m of messages) {
    if ('note' in m) {
      items.push(el('li', { class: 'note' }, m.note));
      continue;
    }
    const li = el('li', { class: `msg ${m.role}`, 'data-role': m.role });
    li.append(el('span', { class: 'who' }, WHO[m.role]), document.createTextNode(m.body));
    if (m.rating) li.append(ratingButtons(m, onRate));
    items.push(li);
  }
  for (const p of pending) {
    const li = el('li', {
      class: `msg customer pending${p.failed ? ' failed' : ''}`,
      'data-role': 'pending',
    });
    li.append(
      el('span', { class: 'who' }, p.failed ? 'Not sent: press Send to retry' : 'Sending...'),
      document.createTextNode(p.body),
    );
    items.push(li);
  }
  if (items.length === 0)
    items.push(el('li', { class: 'empty' }, 'Ask us anything: orders, returns, delivery.'));
  view.log.replaceChildren(...items);
  view.log.scrollTop = view.log.scrollHeight;
}
