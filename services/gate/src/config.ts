import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { GatePolicy } from './decision/policy.js';
import { DEFAULT_POLICY } from './decision/policy.js';

const decimal = (def: number, min: number, max: number) => env.decimal({ default: def, min, max });

export const gateEnv = {
  GATE_PORT: env.port(8084),
  GATE_GROUNDEDNESS_FLOOR: decimal(DEFAULT_POLICY.groundednessFloor, 0, 1),
  GATE_RETRIEVAL_FLOOR: decimal(DEFAULT_POLICY.retrievalFloor, 0, 1),
  GATE_CONFIDENCE_FLOOR: decimal(DEFAULT_POLICY.confidenceFloor, 0, 1),
  GATE_COVERAGE_FLOOR: decimal(DEFAULT_POLICY.coverageFloor, 0, 1),
  GATE_LEAD_MARGIN_FLOOR: decimal(DEFAULT_POLICY.leadMarginFloor, 0, 5),
  GATE_NEGATIVE_SENTIMENT: decimal(DEFAULT_POLICY.negativeSentiment, -1, 1),
  GATE_STATIC_REPLY: env.string({ default: DEFAULT_POLICY.staticReply }),
  /** Store writes a customer may authorise by confirming the read-back (comma separated tool names). */
  GATE_CUSTOMER_CONFIRMS: env.list(DEFAULT_POLICY.customerConfirms.join(',')),
  /** Above this many dollars an action needs an agent's approval, whatever the customer says. */
  GATE_CUSTOMER_CONFIRM_LIMIT_USD: decimal(DEFAULT_POLICY.customerConfirmLimitUsd, 0, 1_000_000),
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
  return {
    port: e.GATE_PORT,
    platform: readPlatformConfig(source),
    policy: {
      groundednessFloor: e.GATE_GROUNDEDNESS_FLOOR,
      retrievalFloor: e.GATE_RETRIEVAL_FLOOR,
      confidenceFloor: e.GATE_CONFIDENCE_FLOOR,
      coverageFloor: e.GATE_COVERAGE_FLOOR,
      leadMarginFloor: e.GATE_LEAD_MARGIN_FLOOR,
      negativeSentiment: e.GATE_NEGATIVE_SENTIMENT,
      staticReply: e.GATE_STATIC_REPLY,
      customerConfirms: e.GATE_CUSTOMER_CONFIRMS,
      customerConfirmLimitUsd: e.GATE_CUSTOMER_CONFIRM_LIMIT_USD,
    },
  };
}
