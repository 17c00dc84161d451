import { mkdirSync } from 'node:fs';

/** Where an S3-compatible store answers, and the credentials it accepts. */
export interface S3StandIn {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The app's STORAGE=s3 variables for this store. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}

/**
 * A local server speaking the S3 REST protocol (npm `@20minutes/s3rver`, objects in `dir`) on
 * loopback, standing in for the object store the way partner-sim stands in for marketplaces.
 * It checks SigV4 signatures with its fixed credentials. Production uses a real object store
 * (AWS S3, MinIO, R2, a Vietnamese cloud's object storage); docker-compose.yml runs MinIO.
 */
export async function startS3StandIn(dir: string, bucket = 'tradefloor-media', port = 0): Promise<S3StandIn> {
  mkdirSync(dir, { recursive: true });
  // Loaded on use: a dev dependency only the topology, its tests and the bench need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('@20minutes/s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver's fixed credentials: it verifies every request's signature against them.
  const accessKeyId = 'S3RVER';
  const secretAccessKey = 'S3RVER';
  const region = 'us-east-1';
  return {
    endpoint,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    env: {
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: region,
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: () => server.close(),
  };
}
