import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { cartCookie, cartToken, CeilingShop, type CheckoutInput, type ShopAnswer } from './checkout-ceiling';

/**
 * The checkout ceiling (checkout-ceiling.ts) on a bare node:http server: no framework, validation
 * library or hooks, only the JSON shape checks a handler cannot do without. Run by
 * bench/checkout.ts as `node dist/bench/checkout-ceiling-server.js` with DATABASE_URL and PORT;
 * sends 'ready' over IPC once listening.
 */
const shop = new CeilingShop(new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }));

function send(res: ServerResponse, { status, body, cookie }: ShopAnswer): void {
  const json = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) };
  if (cookie) headers['set-cookie'] = cartCookie(cookie);
  res.writeHead(status, headers);
  res.end(json);
}

const invalid: ShopAnswer = { status: 400, body: { code: 'VALIDATION_FAILED' } };

function route(req: IncomingMessage, body: Record<string, unknown>): Promise<ShopAnswer> | ShopAnswer {
  const token = cartToken(req.headers.cookie);
  if (req.url === '/api/v1/cart/items') {
    const { productId, quantity } = body;
    if (typeof productId !== 'string' || !Number.isInteger(quantity) || (quantity as number) < 1) return invalid;
    return shop.addToCart(token, productId, quantity as number);
  }
  if (req.url === '/api/v1/checkout') {
    if (!token || !Array.isArray(body.subOrders) || !body.subOrders.length || typeof body.buyerPhone !== 'string') return invalid;
    return shop.checkout(token, body as unknown as CheckoutInput);
  }
  return { status: 404, body: { code: 'NOT_FOUND' } };
}

async function main(): Promise<void> {
  await shop.prepare();
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(res, invalid);
      }
      Promise.resolve(req.method === 'POST' ? route(req, body) : { status: 404, body: { code: 'NOT_FOUND' } }).then(
        (answer) => send(res, answer),
        (err: Error) => send(res, { status: 500, body: { code: 'INTERNAL_ERROR', message: err.message } }),
      );
    });
  }).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
}

main().catch((err: Error) => {
  process.stderr.write(`checkout ceiling server failed: ${err.stack}\n`);
  process.exit(1);
});
