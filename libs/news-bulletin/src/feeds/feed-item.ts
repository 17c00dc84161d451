export interface FeedChannel {
  title: string;
  description: string;
  /** The site's home page. */
  siteUrl: string;
  /** This feed's own URL. */
  selfUrl: string;
}

export interface FeedItem {
  id: string;
  title: string;
  url: string;
  summary: string;
  /** Sanitised HTML. */
  body: string;
  author: string | null;
  category: string | null;
  publishedAt: Date;
  updatedAt: Date;
}
