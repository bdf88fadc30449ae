import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import { loadAnswerModel } from '@parley/answer-model';
import type { AnswerGate, GatePolicy } from './decision/policy.js';
import { answerGate, DEFAULT_POLICY } from './decision/policy.js';

const decimal = (def: number, min: number, max: number) => env.decimal({ default: def, min, max });

export const gateEnv = {
  GATE_PORT: env.port(8084),
  GATE_GROUNDEDNESS_FLOOR: decimal(DEFAULT_POLICY.groundednessFloor, 0, 1),
  /** The answer model file (`@parley/answer-model`); unset: the committed one. */
  GATE_ANSWER_MODEL: env.string().optional(),
  /** Auto-send at or above this probability; unset: the model's own threshold. 1 sends nothing on its own. */
  GATE_ANSWER_THRESHOLD: env.decimal({ min: 0, max: 1 }).optional(),
  /** Least routing confidence to send a read-back or a question for missing details without an agent. */
  GATE_ACTION_CONFIDENCE_FLOOR: decimal(DEFAULT_POLICY.actionConfidenceFloor, 0, 1),
  /** Least routing confidence to send the catalogue's facts of the products a question names without an agent. */
  GATE_CATALOGUE_CONFIDENCE_FLOOR: decimal(DEFAULT_POLICY.catalogueConfidenceFloor, 0, 1),
  /** Least answer probability to send a help-centre answer to an out-of-scope turn; 1: never. */
  GATE_OUT_OF_SCOPE_ANSWER: decimal(DEFAULT_POLICY.outOfScopeAnswer, 0, 1),
  /** Least answer probability to send a help-centre answer to a question routed as a complaint (0: the model's threshold); 1: never. */
  GATE_COMPLAINT_HELP_ANSWER: decimal(DEFAULT_POLICY.complaintHelpAnswer, 0, 1),
  /** Least answer probability to send a help-centre answer under a help intent the router was unsure of (0: the model's threshold); 1: never. */
  GATE_UNSURE_HELP_ANSWER: decimal(DEFAULT_POLICY.unsureHelpAnswer, 0, 1),
  GATE_NEGATIVE_SENTIMENT: decimal(DEFAULT_POLICY.negativeSentiment, -1, 1),
  /** The router's P(complaint) at or above which nothing is auto-sent; 1 turns the check off. */
  GATE_COMPLAINT_LIKELIHOOD: decimal(DEFAULT_POLICY.complaintLikelihood, 0, 1),
  /** The same for a status answer from the sender's own order records. */
  GATE_OWN_STATUS_COMPLAINT_LIKELIHOOD: decimal(DEFAULT_POLICY.ownStatusComplaintLikelihood, 0, 1),
  /** Routing confidence at or above which an order_status turn asking nothing else gets its status from the records; 1: never. */
  GATE_OWN_STATUS_ROUTER_SURE: decimal(DEFAULT_POLICY.ownStatusRouterSure, 0, 1),
  /** Days an order may stay pending, be on its way, or a refund be awaited before a stated wait makes it late. */
  GATE_WAIT_LINE_PENDING_DAYS: decimal(DEFAULT_POLICY.waitLines.pending, 0, 365),
  GATE_WAIT_LINE_PROCESSED_DAYS: decimal(DEFAULT_POLICY.waitLines.processed, 0, 365),
  GATE_WAIT_LINE_TRACKING_PAUSE_DAYS: decimal(DEFAULT_POLICY.waitLines.trackingPause, 0, 365),
  GATE_WAIT_LINE_REFUND_DAYS: decimal(DEFAULT_POLICY.waitLines.refund, 0, 365),
  GATE_STATIC_REPLY: env.string({ default: DEFAULT_POLICY.staticReply }),
  /**
   * Store writes a customer may authorise by confirming the read-back (comma separated tool names); `none`:
   * every write needs an agent's approval.
   */
  GATE_CUSTOMER_CONFIRMS: env.list(DEFAULT_POLICY.customerConfirms.join(',')),
  /** Above this many dollars an action needs an agent's approval, whatever the customer says. */
  GATE_CUSTOMER_CONFIRM_LIMIT_USD: decimal(DEFAULT_POLICY.customerConfirmLimitUsd, 0, 1_000_000),
  /** true: the limit also holds a cancellation or a return refunded to the method that paid. */
  GATE_CUSTOMER_CONFIRM_LIMIT_COVERS_REVERSALS: env.bool(DEFAULT_POLICY.customerConfirmLimitCoversReversals),
};

export interface GateConfig {
  port: number;
  platform: PlatformConfig;
  policy: GatePolicy;
}

export function readServiceConfig(source: EnvSource): GateConfig {
  const e = readEnv(gateEnv, source);
  if (e.GATE_STATIC_REPLY.length > 2000)
    throw new ConfigError(['GATE_STATIC_REPLY: must be at most 2000 characters']);
  const answer = readAnswerGate(e.GATE_ANSWER_MODEL, e.GATE_ANSWER_THRESHOLD);
  const customerConfirms = readCustomerConfirms(e.GATE_CUSTOMER_CONFIRMS);
  return {
    port: e.GATE_PORT,
    platform: readPlatformConfig(source),
    policy: {
      groundednessFloor: e.GATE_GROUNDEDNESS_FLOOR,
      answer,
      actionConfidenceFloor: e.GATE_ACTION_CONFIDENCE_FLOOR,
      catalogueConfidenceFloor: e.GATE_CATALOGUE_CONFIDENCE_FLOOR,
      outOfScopeAnswer: e.GATE_OUT_OF_SCOPE_ANSWER,
      complaintHelpAnswer: e.GATE_COMPLAINT_HELP_ANSWER,
      unsureHelpAnswer: e.GATE_UNSURE_HELP_ANSWER,
      negativeSentiment: e.GATE_NEGATIVE_SENTIMENT,
      complaintLikelihood: e.GATE_COMPLAINT_LIKELIHOOD,
      ownStatusComplaintLikelihood: e.GATE_OWN_STATUS_COMPLAINT_LIKELIHOOD,
      ownStatusRouterSure: e.GATE_OWN_STATUS_ROUTER_SURE,
      waitLines: {
        pending: e.GATE_WAIT_LINE_PENDING_DAYS,
        processed: e.GATE_WAIT_LINE_PROCESSED_DAYS,
        trackingPause: e.GATE_WAIT_LINE_TRACKING_PAUSE_DAYS,
        refund: e.GATE_WAIT_LINE_REFUND_DAYS,
      },
      staticReply: e.GATE_STATIC_REPLY,
      customerConfirms,
      customerConfirmLimitUsd: e.GATE_CUSTOMER_CONFIRM_LIMIT_USD,
      customerConfirmLimitCoversReversals: e.GATE_CUSTOMER_CONFIRM_LIMIT_COVERS_REVERSALS,
    },
  };
}

/** The writes named (each one a write the customer may confirm at all), or none. */
function readCustomerConfirms(names: string[]): string[] {
  if (names.length === 1 && names[0] === 'none') return [];
  const known = DEFAULT_POLICY.customerConfirms;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new ConfigError([
      `GATE_CUSTOMER_CONFIRMS: unknown write ${unknown.join(', ')} (one of ${known.join(', ')}, or none)`,
    ]);
  return names;
}

/** The committed model unless a file is named; a file that cannot be used is a configuration error. */
function readAnswerGate(file: string | undefined, threshold: number | undefined): AnswerGate {
  if (file === undefined)
    return threshold === undefined
      ? DEFAULT_POLICY.answer
      : answerGate(DEFAULT_POLICY.answer.model, threshold);
  try {
    const model = loadAnswerModel(file);
    return answerGate(model, threshold ?? model.threshold);
  } catch (err) {
    throw new ConfigError([`GATE_ANSWER_MODEL: ${err instanceof Error ? err.message : String(err)}`]);
  }
}
