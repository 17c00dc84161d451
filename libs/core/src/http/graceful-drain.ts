import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from 'node:http';

/** How a drain ended: requests still running at the bound were cut off. */
export interface DrainResult {
  drained: boolean;
  ms: number;
  cutOff: number;
}

/**
 * Lets an API process stop without failing a request (rolling restarts, scaling in). On `drain()`:
 * the listening socket closes (the load balancer's next connection goes to another replica), idle
 * keep-alive connections are closed, every response sent from now on says `Connection: close` so
 * no client reuses the connection, and requests already received run to completion — bounded by
 * `timeoutMs`, after which the remaining connections are cut.
 *
 * Nest's own `app.close()` is not enough on its own: it runs the modules' shutdown hooks (which
 * close the database pool) before it closes the HTTP server, and Fastify answers requests that
 * arrive on open keep-alive connections while closing with 503. So the HTTP side is drained first.
 */
export class GracefulDrain {
  private draining = false;
  /** Requests received and not yet answered, with their replies (told to close at the drain). */
  private readonly active = new Map<FastifyRequest, FastifyReply>();

  constructor(
    fastify: FastifyInstance,
    private readonly server: Server,
  ) {
    // Callback hooks (not async): no extra promise hop per request, and the request context
    // entered by the next onRequest hook is left alone. No onSend hook: replies already in flight
    // are told to close when the drain starts, and one on every response cost every request.
    fastify.addHook('onRequest', (req, reply, done) => {
      this.active.set(req, reply);
      if (this.draining) void reply.header('connection', 'close');
      done();
    });
    fastify.addHook('onResponse', (req, _reply, done) => {
      this.active.delete(req);
      done();
    });
    fastify.addHook('onRequestAbort', (req, done) => {
      this.active.delete(req);
      done();
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Requests received and not yet answered. */
  get inFlight(): number {
    return this.active.size;
  }

  async drain(timeoutMs: number): Promise<DrainResult> {
    const started = Date.now();
    this.draining = true;
    for (const reply of this.active.values()) if (!reply.sent) void reply.header('connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    // A connection that went idle after its last response is closed as soon as it is idle.
    const sweep = setInterval(() => this.server.closeIdleConnections(), 50);
    try {
      const outcome = await Promise.race([closed.then(() => 'closed' as const), bound]);
      if (outcome === 'closed') return { drained: true, ms: Date.now() - started, cutOff: 0 };
      const cutOff = this.active.size;
      this.server.closeAllConnections();
      await closed;
      return { drained: false, ms: Date.now() - started, cutOff };
    } finally {
      clearTimeout(timer);
      clearInterval(sweep);
    }
  }
}

const drains = new WeakMap<object, GracefulDrain>();

/** Installs the drain on an app's Fastify instance (before it starts listening). */
export function installGracefulDrain(app: object, fastify: FastifyInstance): GracefulDrain {
  const drain = new GracefulDrain(fastify, fastify.server);
  drains.set(app, drain);
  return drain;
}

/** The drain installed on this app by createHttpApp, if it is an HTTP app. */
export function gracefulDrainOf(app: object): GracefulDrain | undefined {
  return drains.get(app);
}
