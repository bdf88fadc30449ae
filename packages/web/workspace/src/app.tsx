import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Api, ApiError } from './api.js';
import { parseRoute, routeHash, QUEUE_LABELS } from './format.js';
import type { Route } from './format.js';
import { useHash } from './hooks.js';
import { followInbox } from './live.js';
import { Quality } from './quality.js';
import { QueueList } from './queue-list.js';
import { SignIn } from './signin.js';
import { Sidebar } from './sidebar.js';
import { Ticket } from './ticket.js';
import type { Filters, InboxChange, ItemDetail, Me, QueuePage } from './types.js';

const api = new Api();
/** The quality report's page; every other hash is a queue (see parseRoute). */
const QUALITY_HASH = '#/quality';
const NO_FILTERS: Filters = { intent: '', channel: '', priority: '' };

interface Toast {
  id: number;
  text: string;
  itemId: string;
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api.me().then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <p class="loading">Loading...</p>;
  if (me === null) return <SignIn api={api} onSignedIn={setMe} />;
  return <Workspace me={me} onSignedOut={() => setMe(null)} />;
}

function Workspace({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const [hash, go] = useHash();
  const route: Route = parseRoute(hash);
  const quality = hash === QUALITY_HASH;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<QueuePage | null>(null);
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [error, setError] = useState('');
  const [live, setLive] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const routeRef = useRef(route);
  routeRef.current = route;

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onSignedOut();
      else setError((err as Error).message);
    },
    [onSignedOut],
  );

  // Items already known to be breached: a breach is announced once, not on every later change of the item.
  const breached = useRef(new Set<string>());
  const loadQueue = useCallback(() => {
    api.queue(routeRef.current.queue, filters).then((p) => {
      for (const item of p.items) if (item.slaBreachedAt) breached.current.add(item.id);
      setPage(p);
      setError('');
    }, failed);
  }, [filters, failed]);

  const loadItem = useCallback(() => {
    const id = routeRef.current.itemId;
    if (!id) return setDetail(null);
    api.item(id).then(setDetail, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) setDetail(null);
      failed(err);
    });
  }, [failed]);

  useEffect(loadQueue, [route.queue, loadQueue]);
  useEffect(loadItem, [route.itemId, loadItem]);

  const detailTicket = useRef<string | null>(null);
  detailTicket.current = detail?.ticketId ?? null;

  // Live updates: reload what is on screen when an item of this workspace changes (coalesced), and say so.
  const pending = useRef<number | undefined>(undefined);
  const loadRef = useRef({ loadQueue, loadItem });
  loadRef.current = { loadQueue, loadItem };
  useEffect(() => {
    const reload = (item: boolean) => {
      clearTimeout(pending.current);
      pending.current = window.setTimeout(() => {
        loadRef.current.loadQueue();
        if (item) loadRef.current.loadItem();
      }, 100);
    };
    let next = 1;
    const toast = (text: string, itemId: string) => {
      const t = { id: next++, text, itemId };
      setToasts((all) => [...all.slice(-3), t]);
      setTimeout(() => setToasts((all) => all.filter((x) => x.id !== t.id)), 8000);
    };
    return followInbox({
      onChange: (c: InboxChange) => {
        const current = routeRef.current.itemId;
        reload(current !== null && (c.id === current || detailTicket.current === c.ticketId));
        if (c.op === 'insert') toast(c.kind === 'escalate' ? 'New escalation' : 'New draft to review', c.id);
        else if (c.breached && !breached.current.has(c.id)) {
          breached.current.add(c.id);
          toast('SLA breached', c.id);
        }
      },
      onResync: () => reload(true),
      onStatus: setLive,
    });
  }, []);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setError('');
    } catch (err) {
      failed(err);
    }
    loadQueue();
    loadItem();
  };

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    onSignedOut();
  };

  return (
    <div class={`workspace${route.itemId ? ' with-ticket' : ''}`}>
      <header class="topbar">
        <strong>Parley inbox</strong>
        <span class={`live ${live ? 'on' : 'off'}`} title={live ? 'Live updates on' : 'Reconnecting...'}>
          {live ? 'Live' : 'Offline'}
        </span>
        <span class="spacer" />
        <span class="muted">
          {me.agentId} · {me.workspace}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Sidebar
        current={quality ? null : route.queue}
        counts={page?.counts}
        onSelect={(queue) => go(routeHash({ queue, itemId: null }))}
        quality={quality}
        onQuality={() => go(QUALITY_HASH)}
      />
      {quality && <Quality api={api} onSignedOut={onSignedOut} />}
      <section class="list" hidden={quality} aria-label={QUEUE_LABELS[route.queue]}>
        <QueueList
          page={page}
          queue={route.queue}
          filters={filters}
          onFilters={setFilters}
          selected={route.itemId}
          onOpen={(id) => go(routeHash({ queue: route.queue, itemId: id }))}
        />
      </section>
      {!route.itemId && !quality && (
        <section class="ticket-pane empty-pane" aria-label="Ticket">
          <p class="muted">Open a ticket from the list. New items and changes appear here as they happen.</p>
        </section>
      )}
      {route.itemId && !quality && (
        <section class="ticket-pane" aria-label="Ticket">
          {detail && detail.id === route.itemId ? (
            <Ticket
              key={detail.id}
              item={detail}
              me={me}
              api={api}
              act={act}
              onOpen={(id) => go(routeHash({ queue: route.queue, itemId: id }))}
              onClose={() => go(routeHash({ queue: route.queue, itemId: null }))}
            />
          ) : (
            <p class="muted pad">Loading ticket...</p>
          )}
        </section>
      )}
      {error && (
        <p class="error banner" role="alert">
          {error}
        </p>
      )}
      <div class="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <button
            type="button"
            key={t.id}
            class="toast"
            onClick={() => go(routeHash({ queue: route.queue, itemId: t.itemId }))}
          >
            {t.text}
          </button>
        ))}
      </div>
    </div>
  );
}
