import { QUEUE_LABELS } from './format.js';
import type { Queue } from './types.js';

const ORDER: Queue[] = ['needs_reply', 'drafts', 'escalated', 'mine', 'overdue', 'done'];

export function Sidebar(props: {
  /** The queue shown, or null on another page. */
  current: Queue | null;
  counts: Record<Queue, number> | undefined;
  onSelect: (queue: Queue) => void;
  quality: boolean;
  onQuality: () => void;
}) {
  return (
    <nav class="sidebar" aria-label="Queues">
      <ul>
        {ORDER.map((q) => (
          <li key={q}>
            <button
              type="button"
              class={`queue${q === props.current ? ' current' : ''}${q === 'overdue' && (props.counts?.overdue ?? 0) > 0 ? ' alert' : ''}`}
              aria-current={q === props.current ? 'page' : undefined}
              onClick={() => props.onSelect(q)}
            >
              <span>{QUEUE_LABELS[q]}</span>
              <span class="count" data-queue={q}>
                {props.counts?.[q] ?? ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ul class="pages">
        <li>
          <button
            type="button"
            class={`queue${props.quality ? ' current' : ''}`}
            aria-current={props.quality ? 'page' : undefined}
            onClick={props.onQuality}
          >
            <span>Quality</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
