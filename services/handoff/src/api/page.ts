// The agent inbox page: a static shell, its stylesheet and its script, served as three files so the page's
// Content-Security-Policy can forbid inline script. Data comes from the API with the key the agent types in;
// everything from the API is inserted with textContent, never as HTML.

export const INBOX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley inbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/inbox/app.css"></head>
<body>
<header><strong>Parley inbox</strong>
<input id="key" type="password" placeholder="API key (scope inbox)" size="32">
<input id="agent" placeholder="your agent id" size="16">
<button id="load">Load</button><span id="status" class="meta"></span></header>
<main id="items"></main>
<script src="/inbox/app.js"></script></body></html>`;

export const INBOX_CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
header{display:flex;gap:.5rem;align-items:center;margin-bottom:1rem}
.item{border:1px solid #ccc;border-radius:6px;padding:.75rem;margin-bottom:.75rem}
.meta{color:#555;font-size:12px}.overdue{color:#b00;font-weight:600}
textarea{width:100%;min-height:8rem;font:inherit}
.reasons code{background:#f3f3f3;padding:0 .25rem;margin-right:.25rem}
`;

export const INBOX_JS = `const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
async function api(path, body) {
  const res = await fetch(path, { method: body ? 'POST' : 'GET', headers: { authorization: 'Bearer ' + $('key').value, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(res.status + ': ' + (data.message || data.error || 'request failed'));
  return data;
}
function due(label, iso) {
  const d = new Date(iso); const late = d < new Date();
  return el('span', label + ' ' + d.toLocaleString() + (late ? ' (overdue)' : ''), late ? 'overdue' : '');
}
function render(items) {
  const root = $('items'); root.replaceChildren();
  if (items.length === 0) root.append(el('p', 'No open items.'));
  for (const it of items) {
    const box = el('section', undefined, 'item');
    const who = (it.customer && it.customer.name) || (it.ticket.customer && (it.ticket.customer.name || it.ticket.customer.email)) || 'unknown customer';
    box.append(el('div', it.priority.toUpperCase() + ' · ' + it.kind + ' · ' + it.routing.intent + ' · ' + who));
    const meta = el('div', undefined, 'meta'); meta.append(due('first response by', it.firstResponseDueAt), el('span', ' · '), due('resolve by', it.resolutionDueAt)); box.append(meta);
    const reasons = el('div', undefined, 'reasons meta'); for (const r of it.reasons) reasons.append(el('code', r.code + (r.detail ? ': ' + r.detail : ''))); box.append(reasons);
    if (it.ticket.summary) box.append(el('p', 'Summary: ' + it.ticket.summary.text));
    box.append(el('details', undefined)); box.lastChild.append(el('summary', 'Customer message'), el('pre', it.ticket.body));
    const text = el('textarea'); text.value = it.draft ? it.draft.body : ''; text.placeholder = 'No draft: write the reply'; box.append(text);
    const approve = el('button', 'Approve and send'); approve.onclick = () => act(() => api('/v1/inbox/' + encodeURIComponent(it.id) + '/approve', { body: text.value, agentId: $('agent').value || undefined }));
    const take = el('button', 'Take over'); take.onclick = () => act(() => api('/v1/inbox/' + encodeURIComponent(it.id) + '/take-over', { agentId: $('agent').value || 'agent' }));
    box.append(approve, el('span', ' '), take); root.append(box);
  }
}
async function act(fn) { try { await fn(); await load(); } catch (e) { $('status').textContent = e.message; } }
async function load() { try { const data = await api('/v1/inbox'); $('status').textContent = data.items.length + ' open'; render(data.items); } catch (e) { $('status').textContent = e.message; } }
$('load').onclick = load;
`;
