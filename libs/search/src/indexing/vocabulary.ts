import type { DataSource } from 'typeorm';
import type { EnterpriseDocument } from '../documents/enterprise-document';
import { foldedFields, type ProductDocument } from '../documents/product-document';
import { foldedText } from '../text/vietnamese';

/**
 * The folded words of indexed names, keywords and enterprise names (`search_terms`), whichever
 * engine runs: query correction (text/query-correction.ts) and the relaxed fallback look words up
 * here. Only grows; a word no longer used costs nothing but a row.
 */
export class Vocabulary {
  constructor(private readonly dataSource: DataSource) {}

  async addProducts(docs: ProductDocument[]): Promise<void> {
    await this.add(
      docs.map((d) => {
        const f = foldedFields(d);
        return `${f.name} ${f.keywords} ${f.enterprise}`;
      }),
    );
  }

  async addEnterprises(docs: EnterpriseDocument[]): Promise<void> {
    await this.add(docs.map((d) => foldedText(d.name)));
  }

  private async add(texts: string[]): Promise<void> {
    const terms = new Set<string>();
    for (const t of texts) for (const w of t.split(' ')) if (w.length >= 2) terms.add(w);
    if (!terms.size) return;
    // Sorted: concurrent jobs inserting overlapping new words then wait for each other in one
    // order instead of deadlocking.
    await this.dataSource.query(`INSERT INTO search_terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [[...terms].sort()]);
  }
}
