import { checkLegalIdentity, legalIdentityChanged, type LegalIdentity } from './legal-identity';

const base: LegalIdentity = { kind: 'cooperative', legalForm: null, legalName: 'HTX A', taxCode: '0100233488', personalId: null };
const fields = (id: Partial<LegalIdentity>) => checkLegalIdentity({ ...base, ...id }).map((e) => e.field);

describe('checkLegalIdentity', () => {
  it('requires a legal form for companies and forbids it elsewhere', () => {
    expect(fields({ kind: 'company' })).toEqual(['legalForm']);
    expect(fields({ kind: 'company', legalForm: 'jsc' })).toEqual([]);
    expect(fields({ kind: 'private_enterprise', legalForm: 'llc' })).toEqual(['legalForm']);
  });

  it('lets households use a tax code or a personal ID, and nobody else a personal ID', () => {
    expect(fields({ kind: 'household', taxCode: null, personalId: '084190001234' })).toEqual([]);
    expect(fields({ kind: 'household' })).toEqual([]);
    expect(fields({ kind: 'household', taxCode: null })).toEqual(['taxCode']);
    expect(fields({ kind: 'cooperative_group', taxCode: null, personalId: '084190001234' })).toEqual(['taxCode', 'personalId']);
  });

  it('detects a change of legal identity but not of equal values', () => {
    expect(legalIdentityChanged(base, { ...base })).toBe(false);
    expect(legalIdentityChanged(base, { ...base, legalName: 'HTX B' })).toBe(true);
    expect(legalIdentityChanged(base, { ...base, taxCode: '0314409058' })).toBe(true);
  });
});
