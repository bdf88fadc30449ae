// RFC 8601 Authentication-Results: what a receiving mail host found when it checked SPF, DKIM and DMARC.
//
//   Authentication-Results: mx.example.net; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=a@shop.test;
//     dkim=pass header.d=shop.test header.s=s1; dmarc=pass (p=reject) header.from=shop.test
//
// The parser is lenient (real hosts bend the grammar) and linear in the header's length.

/** One method's result: `dkim=pass header.d=shop.test`. */
export interface MethodResult {
  /** Lower case, without a version: `spf`, `dkim`, `dmarc`, ... */
  method: string;
  /** Lower case: `pass`, `fail`, `softfail`, `none`, ... */
  result: string;
  /** By `ptype.property` in lower case (`smtp.mailfrom`, `header.d`, `header.from`); the first of each kept. */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  /** Who added the header (lower case): the authserv-id, usually the receiving host's name. */
  authservId: string;
  results: MethodResult[];
}

/** Parses the value of one Authentication-Results header; null when it names no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const [head = '', ...segments] = splitOutsideQuotes(withoutComments(value), ';');
  const authservId = unquote(words(head)[0] ?? '').toLowerCase();
  // A first word with "=" is a result, not an id: the header names no host (as some do), so it is no one's.
  if (!authservId || authservId.includes('=')) return null;
  const results: MethodResult[] = [];
  for (const segment of segments) {
    const [spec, ...rest] = words(segment);
    const eq = spec?.indexOf('=') ?? -1;
    // "none" (no result) or a fragment that is not `method=result`.
    if (!spec || eq <= 0) continue;
    const method = spec.slice(0, eq).split('/')[0]!.trim().toLowerCase();
    const result = unquote(spec.slice(eq + 1)).toLowerCase();
    const props: Record<string, string> = {};
    for (const word of rest) {
      const at = word.indexOf('=');
      const key = word.slice(0, at).toLowerCase();
      // `reason=...` and vendor additions without a ptype (`action=none`) say nothing about identities.
      if (at <= 0 || !key.includes('.') || key in props) continue;
      props[key] = unquote(word.slice(at + 1));
    }
    if (method && result) results.push({ method, result, props });
  }
  return { authservId, results };
}

/** The domain of `user@domain`, `@domain` or `domain`, in lower case. */
export function domainOf(identity: string | undefined): string {
  if (!identity) return '';
  return identity
    .slice(identity.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

/** The value with comments `(...)` (nested, with `\` escapes) replaced by a space; quoted strings kept. */
function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      out += c;
      if (c === '\\' && i + 1 < value.length) out += value[++i];
      else if (c === '"') quoted = false;
    } else if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (c === '(') {
      depth = 1;
      out += ' ';
    } else {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The whitespace-separated words of a result, with `key = value` (spaces are allowed around "=") joined into
 * one word `key=value`.
 */
function words(segment: string): string[] {
  const joined: string[] = [];
  for (const word of splitOutsideQuotes(segment.replace(/\s+/g, ' '), ' ')) {
    if (!word) continue;
    const last = joined.at(-1);
    if (last !== undefined && (/^[^="]+=$/.test(last) || (word.startsWith('=') && !last.includes('=')))) {
      joined[joined.length - 1] = last + word;
    } else {
      joined.push(word);
    }
  }
  return joined;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length < 2 || !v.startsWith('"') || !v.endsWith('"')) return v;
  return v.slice(1, -1).replace(/\\(.)/g, '$1');
}
