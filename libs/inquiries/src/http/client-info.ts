import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../spam/client-fingerprint';

/** What spam defences need from a request (req.ip honours TRUST_PROXY). */
export function clientInfo(req: FastifyRequest): ClientInfo {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua : undefined };
}
