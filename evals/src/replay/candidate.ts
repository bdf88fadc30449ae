// The candidate configuration of a replay: an env file (KEY=value lines, as `.env` files are written) whose
// variables the replayed services start with. Two kinds of variable are not the candidate's to set: the
// ones that isolate the replay (its own bus prefix, schema, ports and keys), which the replay owns, and the
// ones that reach customers (SMTP, Twilio, webhooks), which are blanked, also when the shell running the
// replay has them, so every channel falls back to the recording sender and nothing is delivered.
import { parseEnv } from 'node:util';

/** Set by the replay's stack itself; a candidate file's value is ignored. */
const ISOLATION =
  /^(NATS_URL|DATABASE_URL|DATABASE_SCHEMA|BUS_PREFIX|RUN_MIGRATIONS|INGRESS_API_KEYS|HANDOFF_AGENT_KEYS|[A-Z]+_PORT)$/;

/** Variables through which a service sends something out to a customer or a third party. */
const DELIVERY = /^(INGRESS_SMTP_|INGRESS_TWILIO_|INGRESS_EMAIL_FROM$)|WEBHOOK/;

export interface CandidateEnv {
  /** What the replayed services get on top of the stack's own environment. */
  env: Record<string, string>;
  /** The candidate's settings, as the report shows them (delivery and isolation variables left out). */
  settings: Record<string, string>;
  /** Variables of the file the replay did not pass on, and why. */
  ignored: Array<{ name: string; why: string }>;
}

/**
 * Splits a candidate env file. `inherited` is the environment the services would otherwise inherit
 * (the replay's own process.env): its delivery variables are blanked too (an empty variable means unset).
 */
export function candidateEnv(
  text: string,
  inherited: Readonly<Record<string, string | undefined>>,
): CandidateEnv {
  const parsed = parseEnv(text) as Record<string, string>;
  const env: Record<string, string> = {};
  const settings: Record<string, string> = {};
  const ignored: CandidateEnv['ignored'] = [];
  for (const [name, value] of Object.entries(parsed).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ISOLATION.test(name))
      ignored.push({ name, why: 'the replay sets it (isolated bus prefix, schema and ports)' });
    else if (DELIVERY.test(name))
      ignored.push({ name, why: 'a replay never delivers (channels record instead)' });
    else {
      env[name] = value;
      settings[name] = value;
    }
  }
  for (const name of new Set([...Object.keys(inherited), ...Object.keys(parsed)]))
    if (DELIVERY.test(name)) env[name] = '';
  return { env, settings, ignored };
}
