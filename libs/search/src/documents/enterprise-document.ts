import type { EnterpriseView } from '@tradefloor/enterprise-profile';
import { exactText } from '../text/vietnamese';
import { hashOf } from './product-document';

export interface EnterpriseDocument {
  id: string;
  slug: string;
  name: string;
  kind: string;
  communeCode: string;
  provinceCode: string | null;
  descriptionText: string;
  exactName: string;
  hash: string;
}

/** Built from enterprise-profile's read model; only public ones (`EnterpriseView.public`) are indexed. */
export function toEnterpriseDocument(r: EnterpriseView): EnterpriseDocument {
  const name = r.displayName.normalize('NFC');
  const doc = {
    id: r.id,
    slug: r.slug,
    name,
    kind: r.kind,
    communeCode: r.communeCode,
    provinceCode: r.provinceCode,
    descriptionText: r.description
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .normalize('NFC')
      .slice(0, 600),
    exactName: exactText(name),
  };
  return { ...doc, hash: hashOf(doc) };
}
