import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue.service';
import type { ResolvedConfig } from '../runtime/infrastructure';

class LiveDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ required: false }) detail?: string;
}

class ReadyDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: CheckDto }) database!: CheckDto;
  @ApiProperty({ type: CheckDto, description: 'engine name in detail' }) search!: CheckDto;
  @ApiProperty({ description: 'status plus per-queue depth { pending, running, dead }' })
  jobs!: CheckDto & { queues?: Record<string, { pending: number; running: number; dead: number }> };
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, rej) => {
    timer = setTimeout(() => rej(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('live')
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ type: ReadyDto })
  @ApiServiceUnavailableResponse({ type: ReadyDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyDto> {
    const [database, search, jobs] = await Promise.all([this.checkDatabase(), this.checkSearch(), this.checkJobs()]);
    const ok = database.status === 'up' && search.status === 'up' && jobs.status === 'up';
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database, search, jobs };
  }

  private async checkDatabase(): Promise<CheckDto> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'));
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }

  private async checkSearch(): Promise<CheckDto> {
    if (this.config.searchEngine === 'postgres') return { status: 'up', detail: 'postgres' };
    try {
      const res = await withTimeout(fetch(`${this.config.meiliHost}/health`));
      return res.ok ? { status: 'up', detail: 'meilisearch' } : { status: 'down', detail: `meilisearch HTTP ${res.status}` };
    } catch (err) {
      return { status: 'down', detail: `meilisearch: ${(err as Error).message}` };
    }
  }

  private async checkJobs(): Promise<ReadyDto['jobs']> {
    try {
      return { status: 'up', queues: await withTimeout(this.jobs.depth()) };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }
}
