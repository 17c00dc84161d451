import { EnterpriseProductsDirectory } from './enterprise-products-directory';

describe('EnterpriseProductsDirectory', () => {
  it('lists nothing until a provider is registered, then asks it', async () => {
    const dir = new EnterpriseProductsDirectory();
    expect(await dir.list('e1')).toEqual([]);
    const asked: string[] = [];
    dir.register(async (id) => {
      asked.push(id);
      return [{ id: 'p1', slug: 'buoi', name: 'Bưởi', priceVnd: 45_000, unit: 'kg', thumbnailUrl: null, ocopStars: 4 }];
    });
    expect(await dir.list('e2')).toHaveLength(1);
    expect(asked).toEqual(['e2']);
  });
});
