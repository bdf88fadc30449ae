import type { EnvSource, PlatformConfig } from '@parley/config';
import { env, readEnv, readPlatformConfig } from '@parley/config';
import { z } from 'zod';

const resolverEnv = {
  RESOLVER_PORT: env.port(8083),
  /** Only `local` today; hosted tiers plug in behind the Composer interface. */
  RESOLVER_COMPOSER: z
    .enum(['local'], { errorMap: () => ({ message: 'must be one of local' }) })
    .default('local'),
  /**
   * Below this retrieval top score no draft is written and the gate escalates. Kept under the gate's own
   * retrieval floor, so a weak match still reaches an agent as a draft to check rather than nothing.
   */
  RESOLVER_RETRIEVAL_FLOOR: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(0, 'must be at least 0').max(1, 'must be at most 1'))
    .default('0.15'),
};

export interface ResolverConfig {
  port: number;
  platform: PlatformConfig;
  composer: 'local';
  retrievalFloor: number;
}

export function readServiceConfig(source: EnvSource): ResolverConfig {
  const e = readEnv(resolverEnv, source);
  return {
    port: e.RESOLVER_PORT,
    platform: readPlatformConfig(source),
    composer: e.RESOLVER_COMPOSER,
    retrievalFloor: e.RESOLVER_RETRIEVAL_FLOOR,
  };
}
