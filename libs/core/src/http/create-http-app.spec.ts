import { Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { createLogger } from '../logging/logger';
import { loadConfig } from '../config/app-config';
import { createHttpApp } from './create-http-app';

@Controller('api/v1/probe')
class ProbeController {
  @Get()
  probe(): never {
    throw new NotFoundException('không có (nothing here)');
  }
}

/** No ERROR_PAGE_RENDERER: an app without the storefront's error pages. */
@Module({ controllers: [ProbeController] })
class BareModule {}

describe('createHttpApp without the storefront error pages', () => {
  it('starts (the renderer is optional) and answers errors with the JSON envelope', async () => {
    const config = {
      ...loadConfig({ NODE_ENV: 'test' }),
      databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
      jwtSecret: 'test-jwt-secret-that-is-long-enough-0123456789',
      encryptionKey: Buffer.alloc(32, 7).toString('base64'),
    };
    const app = await createHttpApp(BareModule, config, createLogger('silent'));
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const res = await app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url: '/api/v1/probe', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toMatchObject({ statusCode: 404 });
    } finally {
      await app.close();
    }
  });
});
