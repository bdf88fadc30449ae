import type { Rating } from '@parley/contracts';

// The tiny page a rating link opens: no script, no style, nothing from elsewhere (the CSP allows nothing).
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>
`;
}

/** Both answers as links, for an SMS's single link. */
export function choicePage(token: string): string {
  const base = `/r/${encodeURIComponent(token)}`;
  return page(
    'Was this answer helpful?',
    `<p><a href="${base}?v=up">Yes, it helped</a></p><p><a href="${base}?v=down">No, it did not</a></p>`,
  );
}

/** The rating was recorded; the other answer stays one click away (rating again replaces it). */
export function ratedPage(token: string, rating: Rating): string {
  const other = rating === 'up' ? 'down' : 'up';
  return page(
    'Thank you for your feedback',
    `<p>${rating === 'up' ? 'We are glad the answer helped.' : 'Sorry the answer did not help. We use your rating to improve our answers.'}</p>` +
      `<p>Changed your mind? <a href="/r/${encodeURIComponent(token)}?v=${other}">${other === 'up' ? 'It helped after all' : 'It did not help'}</a></p>`,
  );
}

export function problemPage(message: string): string {
  return page('This rating link does not work', `<p>${escape(message)}.</p>`);
}
