import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { synonymExpansions } from '../text/synonyms';
import { exactText, numberParts } from '../text/vietnamese';
import { hashOf } from './product-document';

const DESCRIPTION_CHARS = 600;

/**
 * A peer floor's product as the federation context hands it to search (libs/federation reads
 * its own `federation_peer_products` table and registers itself as the `PeerProductSource`).
 * Everything here is what the peer stated, already validated as plain text and http(s) URLs.
 */
export interface PeerProductInput {
  peerId: string;
  /** The source floor's name, shown on every card ("Nguồn: …"). */
  peerName: string;
  remoteId: string;
  name: string;
  description: string;
  priceVnd: number | null;
  sellerName: string | null;
  /** The item's province as the peer states it, else the peer's registered province. */
  provinceCode: string | null;
  ocopStars: number | null;
  ocopCertificate: string | null;
  ocopValidUntil: string | null;
  imageUrl: string | null;
  /** The product's page on the peer's own floor (http/https only). */
  pageUrl: string;
  modifiedAt: Date;
}

/** Where search reads peer products from: registered by the federation context at start. */
export interface PeerProductSource {
  /** The current rows of these items (missing ones are gone: tombstoned or their peer removed). */
  load(keys: Array<{ peerId: string; remoteId: string }>, tx: EntityManager): Promise<PeerProductInput[]>;
}

/** One peer product as both engines index it (a separate index: never mixed with ours). */
export interface PeerProductDocument {
  id: string;
  peerId: string;
  peerName: string;
  remoteId: string;
  name: string;
  sellerName: string;
  provinceCode: string;
  priceVnd: number | null;
  /** 0 when the peer states no OCOP rating. */
  ocopStars: number;
  ocopCertificate: string | null;
  ocopValidUntil: string | null;
  imageUrl: string | null;
  pageUrl: string;
  modifiedAt: number;
  descriptionText: string;
  keywords: string;
  exactName: string;
  exactText: string;
  hash: string;
}

/** Index id of a peer item: stable, [0-9a-f] only (Meilisearch ids), never equal to a local uuid. */
export function peerDocumentId(peerId: string, remoteId: string): string {
  return createHash('sha1').update(`${peerId}\u0000${remoteId}`).digest('hex');
}

export function toPeerProductDocument(p: PeerProductInput): PeerProductDocument {
  const name = p.name.normalize('NFC');
  const descriptionText = p.description.normalize('NFC').slice(0, DESCRIPTION_CHARS);
  const keywords = [...synonymExpansions(name), ...numberParts(name)].join(' ');
  const doc: Omit<PeerProductDocument, 'hash'> = {
    id: peerDocumentId(p.peerId, p.remoteId),
    peerId: p.peerId,
    peerName: p.peerName,
    remoteId: p.remoteId,
    name,
    sellerName: p.sellerName ?? '',
    provinceCode: p.provinceCode ?? '',
    priceVnd: p.priceVnd,
    ocopStars: p.ocopStars ?? 0,
    ocopCertificate: p.ocopCertificate,
    ocopValidUntil: p.ocopValidUntil,
    imageUrl: p.imageUrl,
    pageUrl: p.pageUrl,
    modifiedAt: p.modifiedAt.getTime(),
    descriptionText,
    keywords,
    exactName: exactText(name),
    exactText: exactText(`${keywords} ${p.sellerName ?? ''} ${descriptionText}`),
  };
  return { ...doc, hash: hashOf(doc) };
}
