import { countdown, customerName, label, nextDue, QUEUE_LABELS } from './format.js';
import { useNow } from './hooks.js';
import type { Filters, InboxItem, Queue, QueuePage } from './types.js';

const CHANNELS = ['api', 'email', 'chat', 'sms'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];

export function Countdown({ item, now }: { item: InboxItem; now: number }) {
  if (item.status === 'sent' || item.status === 'closed') return null;
  const due = nextDue(item);
  const c = countdown(due.at, now);
  return (
    <span
      class={`due${c.overdue ? ' overdue' : c.soon ? ' soon' : ''}`}
      title={`${due.label} ${new Date(due.at).toLocaleString()}`}
    >
      {c.text}
    </span>
  );
}

function Select(props: {
  name: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) {
  return (
    <label class="filter">
      {props.name}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">all</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function QueueList(props: {
  page: QueuePage | null;
  queue: Queue;
  filters: Filters;
  onFilters: (f: Filters) => void;
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const now = useNow(1000);
  const { page, filters } = props;
  const intents = [...new Set([...(page?.intents ?? []), ...(filters.intent ? [filters.intent] : [])])];
  return (
    <>
      <div class="list-head">
        <h2>{QUEUE_LABELS[props.queue]}</h2>
        <div class="filters">
          <Select
            name="Intent"
            value={filters.intent}
            options={intents}
            onChange={(intent) => props.onFilters({ ...filters, intent })}
          />
          <Select
            name="Channel"
            value={filters.channel}
            options={CHANNELS}
            onChange={(channel) => props.onFilters({ ...filters, channel })}
          />
          <Select
            name="Priority"
            value={filters.priority}
            options={PRIORITIES}
            onChange={(priority) => props.onFilters({ ...filters, priority })}
          />
        </div>
      </div>
      {page === null ? (
        <p class="muted pad">Loading...</p>
      ) : page.items.length === 0 ? (
        <p class="muted pad">Nothing here.</p>
      ) : (
        <ul class="items">
          {page.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class={`item-row${item.id === props.selected ? ' selected' : ''}`}
                data-item={item.id}
                aria-current={item.id === props.selected ? 'true' : undefined}
                onClick={() => props.onOpen(item.id)}
              >
                <span class="row1">
                  <span class={`prio ${item.priority}`}>{item.priority}</span>
                  {item.kind === 'escalate' && <span class="tag escalated">escalated</span>}
                  {item.slaBreachedAt && <span class="tag breached">SLA breached</span>}
                  <span class="who">{customerName(item)}</span>
                  <Countdown item={item} now={now} />
                </span>
                <span class="row2">
                  <span class="tag">{label(item.routing.intent)}</span>
                  <span class="tag">{item.ticket.channel}</span>
                  {item.status !== 'open' && <span class="tag">{label(item.status)}</span>}
                  {item.assignee && <span class="tag">@{item.assignee}</span>}
                </span>
                <span class="snippet">{item.ticket.summary?.text ?? item.ticket.body}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <p class="muted pad">Showing the {page.items.length} most urgent; filter to see others.</p>
      )}
    </>
  );
}
