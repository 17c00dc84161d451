import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ERROR_PAGE_RENDERER, type ErrorPageRenderer } from '../errors/error-page-renderer';
import { ErrorEnvelopeFilter } from '../errors/http-exception.filter';
import { PinoNestLogger } from '../logging/logger';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { normalizeStringsNfc } from '../text/normalize';
import { requestContext } from './request-context';
import { createValidationPipe } from '../validation/validation.pipe';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the Fastify-based Nest application with every cross-cutting HTTP concern applied. */
export async function createHttpApp(module: unknown, config: ResolvedConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger.child({ component: 'http' }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    // One line per request (onResponse below) instead of Fastify's two ("incoming request" and
    // "request completed"): at search rates the second line was measurable (issue 12 §5).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type, adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // A callback hook, not an async one: the context entered here must be the one the handler's
  // continuation runs in (audit rows record the request id without it being passed down).
  fastify.addHook('onRequest', (req, reply, done) => {
    requestContext.enter({ requestId: req.id });
    void reply.header('x-request-id', req.id);
    done();
  });
  fastify.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  });
  fastify.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object') normalizeStringsNfc(req.body);
    if (req.query && typeof req.query === 'object') normalizeStringsNfc(req.query);
  });
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        imgSrc: [`'self'`, 'data:', 'blob:'],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
        frameAncestors: [`'none'`],
        // Local installations are served over plain http; upgrading would break their assets.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart as never, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins.length ? config.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorEnvelopeFilter(optionalProvider<ErrorPageRenderer>(app, ERROR_PAGE_RENDERER)));
  setupOpenApi(app);
  return app;
}

/** A provider some compositions register (the web layer's error pages) and others do not. */
function optionalProvider<T>(app: INestApplication, token: symbol): T | undefined {
  try {
    return app.get<T>(token, { strict: false });
  } catch {
    return undefined;
  }
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TradeFloor API')
      .setDescription('Sàn giao dịch thương mại điện tử tỉnh — provincial e-commerce trade floor')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}
