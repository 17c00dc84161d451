import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, createLogger, ERROR_PAGE_RENDERER, loadConfig } from '@tradefloor/core';

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
  // createHttpApp looks the storefront's error pages up, and Nest exits when a provider is missing
  // (the API always has them). /api paths always answer the JSON envelope: this page never renders.
  const withErrorPages = {
    module: class OurStackBenchModule {},
    imports: [module],
    providers: [{ provide: ERROR_PAGE_RENDERER, useValue: { render: () => '<!doctype html><title>Lỗi</title>' } }],
  };
  const app = await createHttpApp(withErrorPages, config, createLogger('warn'));
  return app;
}

/** Listens on PORT and tells the bench (IPC) it is ready. */
export async function listenForBench(app: NestFastifyApplication): Promise<void> {
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
}
