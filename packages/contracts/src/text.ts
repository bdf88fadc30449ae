import { z } from 'zod';

// What every HTTP edge accepts as text. C0 controls other than tab, line feed and carriage return, DEL and C1
// controls are never part of what people write; NUL cannot even be stored in Postgres text or jsonb, and a
// lone half of a surrogate pair is not a character (jsonb refuses it, text silently turns it into U+FFFD).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why a string cannot be accepted as text, or null. */
export function textProblem(value: string): string | null {
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `must not contain control characters (found U+${code}; only tab, line feed and carriage return are allowed)`;
  }
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (found an unpaired surrogate)';
  return null;
}

/** A string checked for control characters and broken Unicode before anything else looks at it. */
export const safeString = () =>
  z.string().superRefine((v, ctx) => {
    const problem = textProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, fatal: true });
  });

/** Trimmed, non-empty, at most `max` characters of safe text. */
export const safeText = (max: number) =>
  safeString().pipe(
    z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  );

/** An identifier from a path or a body: letters, digits and `_ . : -` only, so it is safe in SQL, logs and URLs. */
export const safeId = (what: string, max = 200) =>
  z
    .string()
    .regex(
      new RegExp(`^[A-Za-z0-9_.:-]{1,${max}}$`),
      `must be ${what} (1-${max} letters, digits, _ . : or -)`,
    );
