import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { escapeXml } from '../text/xml';
import { SitemapRegistry, type SitemapEntry } from './sitemap-registry';

/** The sitemaps.org protocol allows at most 50,000 URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

export function renderSitemap(entries: SitemapEntry[], baseUrl: string): string {
  const urls = entries.map((e) => {
    const loc = e.loc.startsWith('/') ? `${baseUrl}${e.loc}` : e.loc;
    const lastmod = e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : '';
    return `<url><loc>${escapeXml(loc)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

@ApiTags('feeds')
@Controller()
export class SitemapController {
  constructor(
    private readonly registry: SitemapRegistry,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('sitemap.xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'sitemaps.org urlset of every public page', schema: { type: 'string' } })
  async sitemap(): Promise<string> {
    let entries = await this.registry.collect();
    if (entries.length > SITEMAP_MAX_URLS) {
      this.logger.warn({ urls: entries.length }, 'sitemap truncated to 50,000 URLs (a sitemap index is needed)');
      entries = entries.slice(0, SITEMAP_MAX_URLS);
    }
    return renderSitemap(entries, this.config.publicBaseUrl);
  }
}
