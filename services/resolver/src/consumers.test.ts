import { describe, expect, it } from '@jest/globals';
import type { ResolverDeps } from './context.js';
import { resolverCatalog } from './consumers.js';

const withComposer = (provider: string) =>
  ({
    composer: { provider, name: `${provider}-composer`, compose: async () => ({ draft: null }) },
  }) as unknown as ResolverDeps;

describe('resolverCatalog', () => {
  it('skips the ledger read on a first delivery only when no hosted model would be paid for a duplicate', () => {
    expect(resolverCatalog(withComposer('local')).retrieved!.effectsOnlyInCommit).toBe(true);
    expect(resolverCatalog(withComposer('anthropic')).retrieved!.effectsOnlyInCommit).toBe(false);
    expect(resolverCatalog(withComposer('openai-compatible')).retrieved!.effectsOnlyInCommit).toBe(false);
  });
});
