import { createServer } from 'node:net';

/**
 * Fails when something already listens on an embedded server's port. Without this check a
 * leftover or foreign server on that port would answer our health probe and be used instead
 * of the one we start (with other data and other keys).
 */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use by another program: stop it or set ${variable} to a free port`) : err),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
