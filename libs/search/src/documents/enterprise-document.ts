import { exactText } from '../text/vietnamese';
import { hashOf } from './product-document';

/** Raw enterprise data the search index needs (read by EnterpriseSource). */
export interface EnterpriseRecord {
  id: string;
  slug: string;
  displayName: string;
  kind: string;
  status: string;
  communeCode: string;
  provinceCode: string | null;
  description: string;
}

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

/** Only verified enterprises are public (suspended, draft, pending, rejected are not). */
export function isEnterpriseVisible(r: EnterpriseRecord): boolean {
  return r.status === 'verified';
}

export function toEnterpriseDocument(r: EnterpriseRecord): EnterpriseDocument {
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
