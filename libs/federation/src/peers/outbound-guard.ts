import { BlockList, isIP } from 'node:net';

/**
 * Addresses a peer URL must never reach (SSRF): loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, multicast, reserved and unspecified ranges, in IPv4 and IPv6.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return BLOCKED.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family === 6) return BLOCKED.check(bare, 'ipv6');
  return true;
}

/**
 * Problems of a peer feed URL as typed by an admin (before any request): http(s) only, no
 * credentials, no fragment, a host name or a public address literal. Names are checked again,
 * after resolution, at every connection (see bounded-get.ts).
 */
export function feedUrlProblem(raw: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'không phải URL hợp lệ (not a valid URL)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'chỉ chấp nhận http: hoặc https: (http(s) only)';
  if (url.username || url.password) return 'không được chứa tên đăng nhập/mật khẩu (no credentials in the URL)';
  if (url.hash) return 'không được có phần #… (no fragment)';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || (isIP(host) && isPrivateAddress(host))))
    return 'địa chỉ nội bộ không được phép (private or loopback addresses are not allowed)';
  return undefined;
}
