import { useState } from 'preact/hooks';
import type { Api } from './api.js';
import { actionStatus, ago, countdown, customerName, label, money, nextDue, safeHref } from './format.js';
import { useNow } from './hooks.js';
import type { ItemDetail, Me } from './types.js';

interface Props {
  item: ItemDetail;
  me: Me;
  api: Api;
  act: (run: () => Promise<unknown>) => Promise<void>;
  onOpen: (id: string) => void;
  onClose: () => void;
}

const unanswered = (item: ItemDetail) => item.status === 'open' || item.status === 'taken_over';

/** Everything about one handed-off turn, and what the agent can do with it. Customer text is only ever text. */
export function Ticket(props: Props) {
  const { item } = props;
  const now = useNow(1000);
  const due = nextDue(item);
  const c = countdown(due.at, now);
  return (
    <article class="ticket" data-ticket={item.ticketId}>
      <header class="ticket-head">
        <div class="title-row">
          <h2>{item.ticket.subject || label(item.routing.intent)}</h2>
          <button type="button" class="close" aria-label="Close ticket" onClick={props.onClose}>
            ×
          </button>
        </div>
        <div class="badges">
          <span class={`prio ${item.priority}`}>{item.priority}</span>
          <span class="tag status" data-status={item.status}>
            {label(item.status)}
          </span>
          <span class={`tag ${item.kind === 'escalate' ? 'escalated' : ''}`}>
            {item.kind === 'escalate' ? 'escalated' : 'draft to review'}
          </span>
          <span class="tag owner" data-owner={item.owner}>
            {item.owner === 'agent'
              ? `agent owns it${item.assignee ? ` (${item.assignee})` : ''}`
              : 'bot answers'}
          </span>
          {item.slaBreachedAt && <span class="tag breached">SLA breached</span>}
          {unanswered(item) && (
            <span class={`due${c.overdue ? ' overdue' : c.soon ? ' soon' : ''}`}>
              {due.label} {c.text}
            </span>
          )}
        </div>
        <Actions {...props} />
      </header>
      <div class="ticket-body">
        <div class="main-col">
          <Summary item={item} />
          <Conversation item={item} now={now} />
          <ProposedAction {...props} />
          <Composer {...props} />
          <Timeline item={item} />
        </div>
        <aside class="side-col">
          <Customer item={item} />
          <RoutingPanel item={item} />
          <Turns item={item} onOpen={props.onOpen} />
        </aside>
      </div>
    </article>
  );
}

function Actions({ item, me, api, act }: Props) {
  const [assignee, setAssignee] = useState(item.assignee ?? '');
  return (
    <div class="actions" role="group" aria-label="Ticket actions">
      {item.owner === 'bot' && unanswered(item) && (
        <button type="button" onClick={() => act(() => api.takeOver(item.id))}>
          Take over
        </button>
      )}
      {item.owner === 'agent' && (
        <button type="button" onClick={() => act(() => api.handBack(item.ticketId))}>
          Hand back to bot
        </button>
      )}
      {item.status !== 'closed' && (
        <button type="button" onClick={() => act(() => api.resolve(item.id))}>
          Resolve
        </button>
      )}
      <form
        class="assign"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => api.assign(item.id, assignee.trim() || null));
        }}
      >
        <label>
          Assignee
          <input
            name="assignee"
            list="agents"
            placeholder="unassigned"
            pattern="[A-Za-z0-9_.:\-]{1,100}"
            value={assignee}
            onInput={(e) => setAssignee(e.currentTarget.value)}
          />
        </label>
        <datalist id="agents">
          <option value={me.agentId} />
        </datalist>
        <button type="submit">Assign</button>
        {item.assignee !== me.agentId && (
          <button type="button" onClick={() => act(() => api.assign(item.id, me.agentId))}>
            Assign to me
          </button>
        )}
      </form>
    </div>
  );
}

function Summary({ item }: { item: ItemDetail }) {
  const summary = item.ticket.summary;
  if (!summary) return null;
  return (
    <section class="panel summary" aria-label="Summary">
      <h3>AI summary</h3>
      <p>{summary.text}</p>
      {summary.orderIds.length > 0 && <p class="muted">Orders named: {summary.orderIds.join(', ')}</p>}
    </section>
  );
}

function Conversation({ item, now }: { item: ItemDetail; now: number }) {
  return (
    <section class="panel" aria-label="Conversation">
      <h3>Conversation</h3>
      <ol class="messages">
        {item.conversation.map((m, i) => (
          <li key={i} class={`message ${m.role}`} data-role={m.role}>
            <div class="meta">
              {m.role === 'customer'
                ? customerName(item)
                : m.role === 'bot'
                  ? 'Bot'
                  : `Agent${m.agentId ? ` ${m.agentId}` : ''}`}{' '}
              · turn {m.turn} · {m.channel} · <time dateTime={m.at}>{ago(m.at, now)}</time>
            </div>
            <div class="body">{m.body}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ProposedAction({ item, api, act }: Props) {
  const proposed = item.proposedAction;
  if (!proposed) return null;
  const decision = proposed.decision;
  const proposal = proposed.proposal;
  return (
    <section class="panel action" aria-label="Proposed action">
      <h3>Proposed action: {label(proposed.action)}</h3>
      {proposal && (
        <p>
          {proposal.summary}
          {proposal.amountUsd !== undefined && <span class="muted"> · {money(proposal.amountUsd)}</span>}
        </p>
      )}
      {proposed.toolCalls.map((call, i) => (
        <div key={i} class="tool-call">
          <code>{call.name}</code>
          <pre>{JSON.stringify(call.input, null, 2)}</pre>
        </div>
      ))}
      {decision ? (
        <p class={`decision ${decision.decision} ${decision.status}`} data-decision={decision.status}>
          {actionStatus(decision)}
        </p>
      ) : (
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => act(() => api.decideAction(item.id, 'approve'))}
          >
            Approve action
          </button>
          <button type="button" onClick={() => act(() => api.decideAction(item.id, 'reject'))}>
            Reject action
          </button>
          {!proposal && (
            <span class="muted">
              The draft names the action without its details: approving it is a note for a person to carry it
              out.
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function Composer({ item, api, act }: Props) {
  const draft = item.draft;
  const open = unanswered(item);
  const [body, setBody] = useState(open ? (draft?.body ?? '') : '');
  const [sending, setSending] = useState(false);
  const cited = new Map((draft?.citations ?? []).map((c, i) => [c.chunkId, i + 1]));
  const send = async () => {
    setSending(true);
    await act(() => api.send(item.id, body));
    setSending(false);
  };
  return (
    <section class="panel composer" aria-label="Reply">
      <h3>{draft ? 'Draft reply' : 'Reply'}</h3>
      {draft && (
        <p class="muted">
          grounded {Math.round(draft.groundedness * 100)}% · {draft.model.provider} {draft.model.name}
          {draft.citations.length > 0 &&
            ` · cites ${draft.citations.map((c, i) => `[${i + 1}] ${c.title ?? c.articleId}`).join(', ')}`}
        </p>
      )}
      <div class="draft-and-sources">
        <div class="draft">
          {open ? (
            <>
              <label class="sr-only" for="reply-body">
                Reply to the customer
              </label>
              <textarea
                id="reply-body"
                name="reply"
                rows={10}
                placeholder={draft ? '' : 'No draft: write the reply'}
                value={body}
                onInput={(e) => setBody(e.currentTarget.value)}
              />
              <div class="actions">
                <button type="button" class="primary" disabled={sending || !body.trim()} onClick={send}>
                  Send reply
                </button>
                {draft && body !== draft.body && (
                  <button type="button" onClick={() => setBody(draft.body)}>
                    Reset to draft
                  </button>
                )}
              </div>
            </>
          ) : (
            <p class="muted">
              {item.status === 'closed' ? 'Resolved.' : 'Reply sent.'} The customer&apos;s next message comes
              back to the inbox.
            </p>
          )}
          {draft && draft.facts.length > 0 && (
            <details>
              <summary>Facts the draft used ({draft.facts.length})</summary>
              <ul class="facts">
                {draft.facts.map((f, i) => (
                  <li key={i}>
                    {f.source} {f.ref} · {f.field}: {f.value}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <div class="sources" aria-label="Sources">
          <h4>Sources</h4>
          {item.sources.length === 0 && <p class="muted">No help-centre passages were retrieved.</p>}
          <ol>
            {item.sources.map((s) => {
              const n = cited.get(s.chunkId);
              const href = safeHref(s.url);
              return (
                <li key={s.chunkId} class={n ? 'cited' : ''}>
                  <div class="source-title">
                    {n && <span class="cite">[{n}]</span>}
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        {s.title}
                      </a>
                    ) : (
                      s.title
                    )}
                    <span class="muted"> · {s.section}</span>
                  </div>
                  <p>{s.text}</p>
                </li>
              );
            })}
          </ol>
        </div>
      </div>
    </section>
  );
}

function Timeline({ item }: { item: ItemDetail }) {
  return (
    <section class="panel" aria-label="Timeline">
      <details>
        <summary>Timeline ({item.timeline.length})</summary>
        <ol class="timeline">
          {item.timeline.map((t, i) => (
            <li key={i}>
              <time dateTime={t.at}>{new Date(t.at).toLocaleTimeString()}</time> <code>{t.type}</code>{' '}
              <span class="muted">
                {t.service} · turn {t.turn}
                {Object.keys(t.detail).length > 0 && ` · ${JSON.stringify(t.detail)}`}
              </span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function Customer({ item }: { item: ItemDetail }) {
  const who = item.ticket.customer;
  const crm = item.customer;
  return (
    <section class="panel" aria-label="Customer">
      <h3>Customer</h3>
      <dl>
        <dt>Name</dt>
        <dd>{customerName(item)}</dd>
        {who.email && (
          <>
            <dt>Email</dt>
            <dd>{who.email}</dd>
          </>
        )}
        {who.phone && (
          <>
            <dt>Phone</dt>
            <dd>{who.phone}</dd>
          </>
        )}
        <dt>CRM</dt>
        <dd>{crm?.customerId ?? who.crmId ?? 'not matched'}</dd>
      </dl>
      {crm && crm.orders.length > 0 && (
        <>
          <h4>Orders</h4>
          <ul class="orders">
            {crm.orders.map((o) => (
              <li key={o.orderId}>
                <div>
                  <strong>{o.orderId}</strong> <span class="tag">{o.status}</span> {money(o.total)}
                </div>
                <div class="muted">{o.items.map((i) => i.name).join(', ')}</div>
                {o.trackingIds.length > 0 && <div class="muted">tracking {o.trackingIds.join(', ')}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
      {crm && crm.unownedOrderIds.length > 0 && (
        <p class="warn">Named orders that are not this customer&apos;s: {crm.unownedOrderIds.join(', ')}</p>
      )}
    </section>
  );
}

function RoutingPanel({ item }: { item: ItemDetail }) {
  const r = item.routing;
  return (
    <section class="panel" aria-label="Routing">
      <h3>Routing</h3>
      <dl>
        <dt>Intent</dt>
        <dd>{label(r.intent)}</dd>
        <dt>Band</dt>
        <dd>{r.band}</dd>
        <dt>Confidence</dt>
        <dd>{Math.round(r.confidence * 100)}%</dd>
        <dt>Router</dt>
        <dd>
          {r.router} · {r.tier}
        </dd>
        <dt>Sentiment</dt>
        <dd>{r.sentiment.label}</dd>
      </dl>
      <h4>Why it is here</h4>
      <ul class="reasons">
        {item.reasons.map((reason, i) => (
          <li key={i}>
            <code>{reason.code}</code>
            {reason.detail && <span> {reason.detail}</span>}
          </li>
        ))}
        {r.rules.map((rule) => (
          <li key={rule.id}>
            <code>{rule.id}</code> {rule.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Turns({ item, onOpen }: { item: ItemDetail; onOpen: (id: string) => void }) {
  if (item.turns.length < 2) return null;
  return (
    <section class="panel" aria-label="Turns">
      <h3>Handed-off turns</h3>
      <ul>
        {item.turns.map((t) => (
          <li key={t.id}>
            <button type="button" class="link" disabled={t.id === item.id} onClick={() => onOpen(t.id)}>
              turn {t.turn} · {label(t.kind)} · {label(t.status)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
