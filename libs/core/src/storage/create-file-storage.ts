import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { FileStorage } from './file-storage';
import { LocalDiskFileStorage } from './local-disk-file-storage';
import { S3FileStorage } from './s3-file-storage';

/** The FileStorage chosen by STORAGE: DATA_DIR/media on this machine, or the S3 bucket. */
export function createFileStorage(config: Pick<AppConfig, 'storage' | 'dataDir'>): FileStorage {
  const s = config.storage;
  if (s.kind === 's3') return new S3FileStorage(s);
  return new LocalDiskFileStorage(join(config.dataDir, 'media'));
}
