import { socketDirFor } from './embedded-postgres';

describe('socketDirFor (where the embedded PostgreSQL puts the Unix socket its clients use)', () => {
  it('uses the data directory when its socket path is absolute, short enough and plain', () => {
    expect(socketDirFor('/srv/tradefloor/var/postgres', 54329)).toBe('/srv/tradefloor/var/postgres');
  });

  it('falls back to TCP (null) for a relative path, one past the kernel limit, or list syntax in the path', () => {
    expect(socketDirFor('var/postgres', 54329)).toBeNull();
    expect(socketDirFor(`/${'x'.repeat(90)}/postgres`, 54329)).toBeNull();
    for (const dir of ['/srv/my data/postgres', '/srv/a,b/postgres', '/srv/"q"/postgres', '/srv/a\\b/postgres']) expect(socketDirFor(dir, 54329)).toBeNull();
  });
});
