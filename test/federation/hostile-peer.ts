import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostilePeer {
  url: (path: string) => string;
  /** Requests received per path (without the query). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const page = (elements: unknown[], nextCursor: string | null, hasMore: boolean) =>
  JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    version: '1',
    name: 'x',
    provider: {},
    dataFeedElement: elements,
    nextCursor,
    hasMore,
  });

export function product(id: string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@type': 'DataFeedItem',
    identifier: id,
    dateModified: new Date().toISOString(),
    status: 'live',
    item: {
      '@type': 'Product',
      name,
      url: `https://hostile.example/p/${id}`,
      image: [`https://hostile.example/i/${id}.jpg`],
      offers: { '@type': 'Offer', price: 1000, priceCurrency: 'VND', seller: { name: 'Người bán', address: { addressRegion: '79' } } },
      ...extra,
    },
  };
}

/**
 * A peer floor that misbehaves in one way per path: malformed JSON, a page far over the size
 * limit (streamed without Content-Length), a cursor that comes back forever, an endless feed, a
 * redirect to the metadata address, a page that never answers, and items with script URLs and
 * markup beside one good item.
 */
export async function startHostilePeer(): Promise<HostilePeer> {
  const hits = new Map<string, number>();
  let endless = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const json = (body: string) => res.writeHead(200, { 'content-type': 'application/ld+json' }).end(body);
    switch (path) {
      case '/bad-json':
        return json('{"@type": "DataFeed", "dataFeedElement": [');
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/ld+json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (sent = Infinity));
        return pump();
      }
      case '/loop':
        return json(page([product('loop-1', 'Sản phẩm lặp')], 'same-cursor', true));
      case '/endless':
        endless++;
        return json(page([product(`endless-${endless}`, `Sản phẩm vô tận ${endless}`)], `c-${endless}`, true));
      case '/redirect':
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/silent':
        return; // never answers
      case '/nasty':
        return json(
          page(
            [
              product('script-url', 'Sản phẩm có link độc', { url: 'javascript:alert(1)' }),
              product('html-name', '<img src=x onerror=alert(1)>Bánh pía'),
              product('data-image', 'Ảnh data', { image: ['data:image/png;base64,AAAA'] }),
              product('bad-price', 'Giá âm', { offers: { price: -5, priceCurrency: 'VND' } }),
              { identifier: '<script>', status: 'live', item: {} },
              product('good-1', 'Kẹo dừa Bến Tre'),
            ],
            'done',
            false,
          ),
        );
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
