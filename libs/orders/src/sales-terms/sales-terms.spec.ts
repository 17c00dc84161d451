import type { SalesTermsDto } from '../dto/orders-output.dto';
import { sellerDelivers } from './sales-terms.service';

describe('seller delivery area', () => {
  const terms = { deliveryProvinceCodes: ['86'], deliveryCommuneCodes: ['26734'] } as SalesTermsDto;

  it('covers whole provinces and single communes, nothing else', () => {
    expect(sellerDelivers(terms, { provinceCode: '86', communeCode: '29242' })).toBe(true);
    expect(sellerDelivers(terms, { provinceCode: '79', communeCode: '26734' })).toBe(true);
    expect(sellerDelivers(terms, { provinceCode: '79', communeCode: '26737' })).toBe(false);
    expect(sellerDelivers({ ...terms, deliveryProvinceCodes: [], deliveryCommuneCodes: [] }, { provinceCode: '86', communeCode: '29242' })).toBe(false);
  });
});
