import { Injectable } from '@nestjs/common';

export interface SitemapEntry {
  /** Absolute URL, or a site path starting with "/" (resolved against PUBLIC_BASE_URL). */
  loc: string;
  lastmod?: Date | null;
}

export type SitemapSource = () => Promise<SitemapEntry[]>;

/**
 * Where bounded contexts contribute their public pages to /sitemap.xml
 * (bulletins, published products, verified enterprises…), each under a unique name.
 */
@Injectable()
export class SitemapRegistry {
  private readonly sources = new Map<string, SitemapSource>();

  register(name: string, source: SitemapSource): void {
    if (this.sources.has(name)) throw new Error(`Sitemap source "${name}" is registered twice`);
    this.sources.set(name, source);
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  /** Every entry of every source, in registration order. */
  async collect(): Promise<SitemapEntry[]> {
    const lists = await Promise.all([...this.sources.values()].map((source) => source()));
    return lists.flat();
  }
}
