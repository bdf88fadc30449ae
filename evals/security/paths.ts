// Spellings of a path that a router might match while a prefix check on the raw URL would not (or the other way
// round): percent-encoding, case, dot segments, doubled slashes and trailing characters.

/** `%xx` for one character. */
const pct = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The path's own spelling first, then every variant, each once. */
export function pathVariants(path: string): string[] {
  const out = new Set<string>([path]);
  const segments = path.split('/').slice(1);
  // Each letter or digit encoded on its own, upper- and lower-case hex, and the whole path encoded.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (!/[A-Za-z0-9]/.test(c)) continue;
    out.add(`${path.slice(0, i)}${pct(c)}${path.slice(i + 1)}`);
    out.add(`${path.slice(0, i)}${pct(c).toUpperCase()}${path.slice(i + 1)}`);
  }
  out.add(
    path
      .split('')
      .map((c) => (/[A-Za-z0-9]/.test(c) ? pct(c) : c))
      .join(''),
  );
  // Double encoding and encoded separators.
  out.add(path.replace(/v/, '%2576'));
  out.add(path.replace(/\//g, '%2f'));
  out.add(path.replace(/\/(?=[^/]*$)/, '%2F'));
  // Case.
  out.add(path.toUpperCase());
  out.add(path.replace(/v1/, 'V1'));
  out.add(`/${segments.map((s) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)).join('/')}`);
  // Dot segments, plain and encoded.
  out.add(`/.${path}`);
  out.add(`/x/..${path}`);
  out.add(`/v1/..${path}`);
  out.add(path.replace(/^\/v1\//, '/v1/./'));
  out.add(path.replace(/^\/v1\//, '/v1/%2e/'));
  out.add(path.replace(/^\/v1\//, '/v1/%2e%2e/v1/'));
  out.add(`${path}/.`);
  out.add(`${path}/..`);
  // Doubled slashes and backslashes.
  out.add(`/${path}`);
  out.add(path.replace(/^\/v1\//, '/v1//'));
  out.add(`${path}//`);
  out.add(path.replace(/\//g, '\\'));
  out.add(path.replace(/^\/v1\//, '/v1\\'));
  // Trailing characters.
  for (const tail of [
    '/',
    '?',
    '?x=1',
    '#',
    ';',
    ';x=1',
    '%00',
    '%20',
    '%09',
    '.json',
    '~',
    '%2f',
    '%23',
    '%3f',
  ])
    out.add(`${path}${tail}`);
  return [...out];
}
