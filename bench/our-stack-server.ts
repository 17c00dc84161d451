import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, createLogger, loadConfig } from '@tradefloor/core';
import { readyForBench } from './stand-in-ready';

/**
 * Serves a bench stand-in's module on the floor's own HTTP stack (`createHttpApp`: Nest on Fastify
 * with the hooks and plugins it installs for every app, the validation pipe, the error envelope) on
 * PORT, then sends 'ready' over IPC. The bench ceilings use it to measure what that stack costs.
 */
export async function serveOnOurStack(module: Type, databaseUrl = 'postgres://unused@127.0.0.1:1/unused'): Promise<NestFastifyApplication> {
  const config = {
    ...loadConfig(),
    databaseUrl,
    jwtSecret: 'bench-jwt-secret-that-is-long-enough-0123456789',
    encryptionKey: Buffer.alloc(32, 7).toString('base64'),
  };
  return createHttpApp(module, config, createLogger('warn'));
}

/** Listens on PORT and tells the bench (IPC) it is ready. */
export async function listenForBench(app: NestFastifyApplication): Promise<void> {
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  readyForBench();
}
