import { describe, expect, it } from '@jest/globals';
import type { InboxChange, LiveMessage } from './hub.js';
import { InboxHub } from './hub.js';

const change = (workspace: string): InboxChange => ({
  op: 'insert',
  id: `inb_${workspace}`,
  ticketId: 'tk',
  workspace,
  status: 'open',
  priority: 'normal',
  kind: 'escalate',
  breached: false,
});

describe('InboxHub', () => {
  it('tells each browser only its own workspace, and everyone to resync', () => {
    const hub = new InboxHub(10);
    const got: Record<string, LiveMessage[]> = { a: [], b: [] };
    for (const ws of ['a', 'b'])
      hub.subscribe({ workspace: ws, send: (m) => got[ws]!.push(m), close: () => undefined });
    hub.publish(change('a'));
    hub.resync();
    expect(got.a).toEqual([{ type: 'change', change: change('a') }, { type: 'resync' }]);
    expect(got.b).toEqual([{ type: 'resync' }]);
  });

  it('refuses streams past its bound and after closing, and closes the ones it has', () => {
    const hub = new InboxHub(1);
    let closed = 0;
    const sub = { workspace: 'a', send: () => undefined, close: () => (closed += 1) };
    const remove = hub.subscribe(sub);
    expect(remove).not.toBeNull();
    expect(hub.subscribe({ ...sub })).toBeNull();
    remove!();
    expect(hub.subscribe({ ...sub })).not.toBeNull();
    hub.close();
    expect(closed).toBe(1);
    expect(hub.size).toBe(0);
    expect(hub.subscribe({ ...sub })).toBeNull();
  });
});
