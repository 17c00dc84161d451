import { countLinks, isLinkHeavy } from './message-rules';

describe('link-heavy messages', () => {
  it('counts URLs, www hosts and bare domains', () => {
    expect(countLinks('Cho tôi báo giá 50 kg, giao TP.HCM')).toBe(0);
    expect(countLinks('Xem https://a.example.com/x và www.b.vn và shop.xyz')).toBe(3);
  });

  it('flags more than two links', () => {
    expect(isLinkHeavy('Trang của tôi: https://htx.vn')).toBe(false);
    expect(isLinkHeavy('http://a.com http://b.com http://c.com')).toBe(true);
  });
});
