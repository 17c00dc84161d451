import 'reflect-metadata';
import { startTopology } from './topology';

/**
 * `npm run topology`: the production topology on this machine, for people to try — PostgreSQL and
 * Meilisearch as standalone servers, two API replicas, one worker, the S3 stand-in and the
 * round-robin proxy. Prints the proxy's URL; Ctrl-C stops everything. TOPOLOGY_REPLICAS,
 * TOPOLOGY_PORT and TOPOLOGY_LOG_LEVEL adjust it; data lives under var/topology-* until it stops.
 */
async function main(): Promise<void> {
  const started = Date.now();
  process.stdout.write('Starting PostgreSQL, Meilisearch, the S3 stand-in, a worker and the API replicas…\n');
  const topology = await startTopology({
    replicas: Number(process.env.TOPOLOGY_REPLICAS ?? 2),
    proxyPort: process.env.TOPOLOGY_PORT ? Number(process.env.TOPOLOGY_PORT) : undefined,
    env: { LOG_LEVEL: process.env.TOPOLOGY_LOG_LEVEL ?? 'warn' },
    echo: true,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the proxy, the replicas, the worker and the servers…\n`);
    await topology.stop();
    process.stdout.write('stopped\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.stdout.write(
    [
      '',
      `TradeFloor topology ready in ${Math.round((Date.now() - started) / 1000)} s`,
      `  proxy (open this):   ${topology.url}`,
      ...topology.replicas.map((r) => `  ${r.name} (direct):     ${r.url}`),
      `  object store (S3):   ${topology.s3?.endpoint}/${topology.s3?.bucket}`,
      `  admin:               ${topology.admin.email} / ${topology.admin.password}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`topology failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
