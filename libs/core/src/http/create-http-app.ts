import multipart from '@fastify/multipart';
import type { INestApplication, Type } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ERROR_PAGE_RENDERER, type ErrorPageRenderer } from '../errors/error-page-renderer';
import { ValidationFailedError } from '../errors/domain-error';
import { ErrorEnvelopeFilter, toEnvelope } from '../errors/http-exception.filter';
import { PinoNestLogger } from '../logging/logger';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { requestContext } from './request-context';
import { rememberValidationMetadata } from '../validation/validation-metadata-memo';
import { createValidationPipe } from '../validation/validation.pipe';
import { installGracefulDrain } from './graceful-drain';
import { securityHeaders } from './security-headers';
import { lazyChildLoggerFactory } from './lazy-request-logger';
import { INVALID_PATH_MESSAGE, checkAndNormalize, checkHeaders, checkRawUrl, parseJsonBody } from './input-guard';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the Fastify-based Nest application with every cross-cutting HTTP concern applied. */
export async function createHttpApp(module: unknown, config: ResolvedConfig, logger: Logger): Promise<NestFastifyApplication> {
  const httpLogger = logger.child({ component: 'http' });
  const adapter = new FastifyAdapter({
    loggerInstance: httpLogger,
    childLoggerFactory: lazyChildLoggerFactory,
    bodyLimit: config.bodyLimitBytes,
    // A hop count or the proxies' addresses (never `true`, which trusts any X-Forwarded-For entry).
    // Fastify refuses a bare number (it cannot check the peer): a hop count trusts exactly that many
    // hops from the socket, for servers reachable only through the proxy (see README, TRUST_PROXY).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    requestIdHeader: false,
    // One line per request (onResponse below) instead of Fastify's two ("incoming request" and
    // "request completed"): at search rates the second line was measurable (issue 12 §5).
    logController: new LogController({ disableRequestLogging: true }),
    // The router refuses a malformed escape in the path before any hook runs: same envelope as the hooks.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const refused = error.code === 'FST_ERR_BAD_URL' ? ValidationFailedError.field('path', INVALID_PATH_MESSAGE) : error;
      const { envelope } = toEnvelope(refused, String(req.id));
      void reply.status(envelope.statusCode).type('application/json; charset=utf-8').send(envelope);
    },
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
  installGracefulDrain(app, fastify);
  const security = securityHeaders();
  // A callback hook, not an async one: the context entered here must be the one the handler's
  // continuation runs in (audit rows record the request id without it being passed down).
  fastify.addHook('onRequest', (req, reply, done) => {
    requestContext.enter({ requestId: req.id });
    void reply.header('x-request-id', req.id).headers(security);
    try {
      // Control characters and invalid UTF-8 are refused once here for every route (issue 12 §2).
      checkRawUrl(req.url);
      checkHeaders(req.headers);
    } catch (err) {
      done(err as Error);
      return;
    }
    // Headers only the proxy may set count only when the request came through a trusted proxy
    // (its address chain is longer than the socket's own address); otherwise the client wrote them.
    if (!(config.trustProxy !== false && (req.ips?.length ?? 0) > 1)) delete req.headers['x-client-region'];
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    // The root logger with the request id, not req.log: that one stays unmade (lazy-request-logger.ts).
    if (httpLogger.isLevelEnabled('info')) {
      // The path only: query strings carry feed tokens and OAuth codes, which must not reach the logs;
      // nor does the secret segment of the carriers' webhook URLs (libs/shipping).
      const q = req.url.indexOf('?');
      const path = (q === -1 ? req.url : req.url.slice(0, q)).replace(/^(\/api\/v1\/shipping\/webhooks\/[^/]+\/)[^/]+/, '$1[redacted]');
      const url = q === -1 ? path : `${path}?[redacted]`;
      httpLogger.info({ reqId: req.id, method: req.method, url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    }
    done();
  });
  fastify.addHook('preValidation', (req, _reply, done) => {
    try {
      if (req.body && typeof req.body === 'object') checkAndNormalize(req.body, 'body');
      if (req.query && typeof req.query === 'object') checkAndNormalize(req.query, 'query');
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  });
  const defaultJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.bodyLimitBytes }, (req, body, done) => {
    const parsed = parseJsonBody(body, (text) => {
      let result: unknown;
      defaultJson(req as never, text, (err, value) => {
        if (err) throw err;
        result = value;
      });
      return result;
    });
    done(null, parsed);
  });
  await app.register(multipart as never, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
  const cors = {
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins.length ? config.corsOrigins : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after'],
  };
  // The open feed (/open/v1, libs/federation) is public data meant for any site and floor: any
  // origin may GET it (no credentials), and read its paging and caching headers.
  const openFeed = {
    origin: '*',
    methods: ['GET', 'HEAD'],
    credentials: false,
    allowedHeaders: ['If-None-Match'],
    exposedHeaders: ['x-request-id', 'retry-after', 'etag', 'link', 'x-next-cursor'],
    maxAge: 86_400,
  };
  app.enableCors({ delegator: (req, callback) => callback(null, req.url.startsWith('/open/') ? openFeed : cors) });
  rememberValidationMetadata();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorEnvelopeFilter(optionalProvider<ErrorPageRenderer>(app, ERROR_PAGE_RENDERER)));
  setupOpenApi(app);
  return app;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** A provider some compositions register (the web layer's error pages) and others do not. */
/**
 * Looked up through the root ModuleRef, not `app.get`: Nest wraps the application's own methods
 * and exits the process (abortOnError) on a missing provider before any catch here could run.
 */
function optionalProvider<T>(app: INestApplication, token: symbol): T | undefined {
  try {
    return app.get(ModuleRef).get<T>(token, { strict: false });
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
