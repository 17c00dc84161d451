import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GracefulDrain } from './graceful-drain';

/** GET over a keep-alive agent: status, `connection` header and body. */
function get(port: number, path: string, agent: Agent): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('GracefulDrain', () => {
  let fastify: FastifyInstance;
  let drain: GracefulDrain;
  let port: number;
  let release: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let arrived: () => void;
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));

  beforeAll(async () => {
    fastify = Fastify();
    drain = new GracefulDrain(fastify, fastify.server);
    fastify.get('/fast', async () => 'fast');
    fastify.get('/slow', async () => {
      arrived();
      await held;
      return 'slow';
    });
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (fastify.server.address() as AddressInfo).port;
  });
  afterAll(() => fastify.close());

  it('answers a request received before the drain, and tells its client to close the connection', async () => {
    const agent = new Agent({ keepAlive: true });
    const before = await get(port, '/fast', agent);
    expect(before).toMatchObject({ status: 200, body: 'fast' });
    expect(before.connection).not.toBe('close');

    const slow = get(port, '/slow', agent);
    await slowArrived;
    expect(drain.inFlight).toBe(1);
    const drained = drain.drain(5_000);
    expect(drain.isDraining).toBe(true);
    release();
    await expect(slow).resolves.toEqual({ status: 200, connection: 'close', body: 'slow' });
    await expect(drained).resolves.toMatchObject({ drained: true, cutOff: 0 });
    expect(drain.inFlight).toBe(0);
    agent.destroy();
  });
});
