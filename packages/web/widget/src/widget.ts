// The embeddable chat widget. A store adds one tag:
//   <script src="https://<ingress>/v1/chat/widget.js" data-parley-key="<public chat key>" async></script>
// It renders a launcher and a chat panel in a shadow root, starts a session with the public chat key on the
// first message, sends the visitor's messages, and long-polls the transcript for bot and agent replies. The
// session is kept in sessionStorage, so a reload continues the conversation.
import type { ChatMessage, Rating, Session, Transcript } from './client.js';
import { ChatClient, ChatError } from './client.js';
import { Conversation } from './conversation.js';
import { SessionStore } from './storage.js';
import type { WidgetView } from './ui.js';
import { buildView, renderLog, setOpen } from './ui.js';

const WAIT_MS = 25_000;
const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

type Entry = ChatMessage | { note: string };

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `w${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

class ChatWidget {
  private session: Session | null;
  private readonly conversation = new Conversation();
  private readonly entries: Entry[] = [];
  private agentJoined = false;
  private polling = false;
  private stopped = false;

  constructor(
    private readonly client: ChatClient,
    private readonly store: SessionStore,
    private readonly view: WidgetView,
  ) {
    this.session = store.load();
    view.launcher.addEventListener('click', () => setOpen(view, view.panel.hidden));
    view.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') setOpen(view, false);
    });
    view.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        view.form.requestSubmit();
      }
    });
    view.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.render();
    if (this.session) this.startPolling();
  }

  private render(): void {
    renderLog(this.view, this.entries, this.conversation.pending, (m, rating) => void this.rate(m, rating));
    this.view.status.hidden = !this.agentJoined;
    this.view.status.textContent = this.agentJoined ? 'You are talking with a person from our team.' : '';
  }

  private async submit(): Promise<void> {
    const text = this.view.input.value.trim();
    const retry = this.conversation.pending.filter((p) => p.failed);
    if (!text && retry.length === 0) return;
    this.view.error.textContent = '';
    const outgoing = retry.map((p) => ({ id: p.clientId, body: p.body }));
    if (text) {
      const id = randomId();
      this.conversation.addPending(id, text);
      outgoing.push({ id, body: text });
      this.view.input.value = '';
    }
    for (const p of retry) p.failed = false;
    this.render();
    for (const message of outgoing) {
      try {
        const session = await this.ensureSession();
        await this.client.send(session, message.body, message.id);
        this.startPolling();
      } catch (err) {
        this.conversation.failPending(message.id);
        this.view.error.textContent =
          err instanceof ChatError && err.status === 429
            ? 'We are busy: press Send again in a moment.'
            : 'Your message was not sent: press Send to retry.';
        if (err instanceof ChatError && err.status === 401) this.forget();
      }
      this.render();
    }
  }

  /** Shows the rating at once; puts the old one back if it was not recorded. */
  private async rate(message: ChatMessage, rating: Rating): Promise<void> {
    if (!message.rating || message.rating.value === rating) return;
    const before = message.rating.value;
    message.rating.value = rating;
    this.view.error.textContent = '';
    this.render();
    try {
      await this.client.rate(message.rating.token, rating);
    } catch {
      message.rating.value = before;
      this.view.error.textContent = 'Your rating was not saved: please try again.';
      this.render();
    }
  }

  private async ensureSession(): Promise<Session> {
    if (this.session) return this.session;
    const session = await this.client.startSession();
    this.session = session;
    this.store.save(session);
    return session;
  }

  /** The session is gone (expired, or the token refused): the next message starts a new one. */
  private forget(): void {
    this.session = null;
    this.store.clear();
  }

  private receive(transcript: Transcript): void {
    const fresh = this.conversation.receive(transcript.messages);
    this.entries.push(...fresh);
    const joined = transcript.agentJoined || fresh.some((m) => m.role === 'agent');
    if (joined !== this.agentJoined) {
      this.entries.push({
        note: joined
          ? 'A person from our team has joined the conversation.'
          : 'Our assistant is answering again.',
      });
      this.agentJoined = joined;
    }
    this.render();
  }

  private startPolling(): void {
    if (this.polling || this.stopped) return;
    this.polling = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    let failures = 0;
    // The first request answers at once (the conversation so far); later ones wait for something new.
    let wait = 0;
    while (!this.stopped && this.session) {
      try {
        const transcript = await this.client.transcript(this.session, this.conversation.lastId, wait);
        this.receive(transcript);
        failures = 0;
        wait = WAIT_MS;
      } catch (err) {
        if (err instanceof ChatError && err.status === 401) {
          this.forget();
          break;
        }
        const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
        failures += 1;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    this.polling = false;
  }
}

function boot(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const key = script?.dataset.parleyKey;
  if (!script || !key) {
    console.warn('parley chat: add data-parley-key="<public chat key>" to the widget script tag');
    return;
  }
  const base = (script.dataset.parleyApi ?? new URL(script.src, location.href).origin).replace(/\/+$/, '');
  const title = script.dataset.parleyTitle ?? 'Chat with us';
  const start = () =>
    new ChatWidget(new ChatClient(base, key), new SessionStore(base, key), buildView(title));
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

boot();
