import { crmReader } from '@parley/commerce';
import { ProductVariantFacts } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Similarity } from '@parley/word-vectors';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Catalogue } from './match.js';

const Variants = z.array(ProductVariantFacts);

/**
 * Reads the whole catalogue (small: tens of products) once; a malformed row is an error naming the product.
 * `similar` lets products be named in other words (`Catalogue`).
 */
export async function loadCatalogue(db: Kysely<Database>, similar?: Similarity): Promise<Catalogue> {
  const rows = await crmReader(db).catalogue();
  return new Catalogue(
    rows.map((row) => {
      const variants = Variants.safeParse(row.variants);
      if (!variants.success) throw new Error(`product ${row.id}: stored variants are malformed`);
      return { id: row.id, name: row.name, variants: variants.data };
    }),
    similar,
  );
}
