import { Agent, request, type ServerResponse } from 'node:http';

/** The search hops' way to Meilisearch (MEILI_HOST, MEILI_KEY): multi-search over a keep-alive agent, identity encoding. */
const upstream = new URL('/multi-search', process.env.MEILI_HOST);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Meilisearch's answer to the body: status and bytes, or piped straight into `pipeTo`. */
export function forward(body: Buffer, pipeTo?: ServerResponse): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      upstream,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'accept-encoding': 'identity',
          authorization: `Bearer ${process.env.MEILI_KEY}`,
        },
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        if (pipeTo) {
          pipeTo.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.headers['content-length'] ?? 0 });
          answer.pipe(pipeTo);
          return resolve({ status, bytes: Buffer.alloc(0) });
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('error', reject);
        answer.on('end', () => resolve({ status, bytes: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Meilisearch's answer bytes as the object an API would shape. */
export const parsed = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8'));
