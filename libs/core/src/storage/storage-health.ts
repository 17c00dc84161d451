import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthChecks } from '../health/health-checks';
import { FileStorage } from './file-storage';

/**
 * Reports the file store on /health/ready (`file-storage`). Not critical: pages and the API work
 * without it, only photos and uploads fail, so a replica is not taken out of rotation for it.
 */
@Injectable()
export class StorageHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthChecks,
    private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.health.register('file-storage', async () => {
      try {
        await this.storage.ping();
        return { status: 'up', figures: { kind: this.storage.kind } };
      } catch (err) {
        return { status: 'down', detail: (err as Error).message, figures: { kind: this.storage.kind } };
      }
    });
  }
}
