import type { FastifyRequest } from 'fastify';
import type { ScanRequest } from './stamp-verifier.service';

/** What verification needs from an HTTP request (req.ip honours TRUST_PROXY). */
export function scanRequest(req: FastifyRequest, channel: 'html' | 'api'): ScanRequest {
  const ua = req.headers['user-agent'];
  const region = req.headers['x-client-region'];
  return {
    ip: req.ip,
    userAgent: typeof ua === 'string' ? ua : undefined,
    region: typeof region === 'string' ? region : undefined,
    channel,
    // Link previewers and monitors send HEAD: they are not scans.
    count: req.method !== 'HEAD',
  };
}
