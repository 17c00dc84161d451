import { SEED_FIGURES } from './figures';
import { isValidTaxCode, taxCodeCheckDigit } from './identifiers';
import { gtinCheckDigit } from './gtin';
import { planDemoData } from './plan';
import { isVietnameseMobile } from '@tradefloor/core';

describe('demo data plan', () => {
  const plan = planDemoData();

  it('is deterministic', () => {
    expect(JSON.stringify(planDemoData())).toBe(JSON.stringify(plan));
  });

  it('lays out the seed figures by construction', () => {
    const verified = new Set(plan.enterprises.filter((e) => e.status === 'verified').map((e) => e.slug));
    expect(verified.size).toBe(SEED_FIGURES.enterprises.verified);
    const onFloor = plan.products.filter((p) => p.status === 'published' && verified.has(p.enterpriseSlug));
    expect(onFloor).toHaveLength(SEED_FIGURES.products.published);
    expect(onFloor.filter((p) => p.certifications.some((c) => c.type === 'typical_rural_industrial'))).toHaveLength(
      SEED_FIGURES.products.typicalRuralIndustrial,
    );
    expect(onFloor.filter((p) => p.certifications.some((c) => c.type !== 'typical_rural_industrial'))).toHaveLength(
      SEED_FIGURES.products.withOtherCertification,
    );
    const valid = plan.certificates.filter((c) => c.status === 'valid' && c.decisionDaysAgo < 1000);
    expect(valid).toHaveLength(SEED_FIGURES.ocop.products);
    expect(valid.filter((c) => c.potentialFiveStar)).toHaveLength(SEED_FIGURES.ocop.potentialFiveStar);
    expect(valid.filter((c) => c.stars === 4 && !c.potentialFiveStar)).toHaveLength(SEED_FIGURES.ocop.fourStar);
  });

  it('uses unique keys and valid identifiers', () => {
    expect(new Set(plan.products.map((p) => p.slug)).size).toBe(plan.products.length);
    expect(new Set(plan.enterprises.map((e) => e.slug)).size).toBe(plan.enterprises.length);
    for (const e of plan.enterprises) {
      if (e.taxCode) expect(isValidTaxCode(e.taxCode)).toBe(true);
      else expect(e.personalId).toMatch(/^\d{12}$/);
      expect(isVietnameseMobile(e.phone)).toBe(true);
    }
    for (const p of plan.products) {
      expect(Number.isInteger(p.priceVnd) && p.priceVnd > 0).toBe(true);
      if (p.gtin) expect(gtinCheckDigit(p.gtin.slice(0, -1))).toBe(Number(p.gtin.slice(-1)));
    }
  });
});

describe('tax code check digit (domain.md examples)', () => {
  it.each(['0100233488', '0314409058', '0312687878'])('accepts %s', (code) => expect(isValidTaxCode(code)).toBe(true));
  it('rejects a wrong check digit', () => expect(isValidTaxCode('0100233480')).toBe(false));
  it('has no valid code when the remainder is 0', () => {
    // 9 digits whose weighted sum is a multiple of 11
    expect(taxCodeCheckDigit('000000000')).toBeUndefined();
  });
});
