import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import { JobQueue } from '../jobs/job-queue.service';
import { HealthChecks, type ComponentHealth } from './health-checks';
import type { ResolvedConfig } from '../runtime/infrastructure';

class LiveDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ required: false }) detail?: string;
}

/** Anonymous callers get `status` only (and the status code); the rest needs an administrator's bearer token. */
class ReadyDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ type: CheckDto, required: false, description: 'administrators only' }) database?: CheckDto;
  @ApiProperty({ type: CheckDto, required: false, description: 'engine name in detail; administrators only' }) search?: CheckDto;
  @ApiProperty({ required: false, description: 'status plus per-queue depth { pending, running, dead }; administrators only' })
  jobs?: CheckDto & { queues?: Record<string, { pending: number; running: number; dead: number }> };
  @ApiProperty({ required: false, description: 'components registered by other contexts (HealthChecks), by name; administrators only' })
  components?: Record<string, ComponentHealth>;
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
    private readonly checks: HealthChecks,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get('live')
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  /**
   * Readiness for load balancers and orchestrators: the status code and `{status}` for anyone.
   * Backend error messages, engine names and queue depths help an attacker map the system, so they
   * are shown only with an administrator's bearer token (issue 18 §8).
   */
  @Get('ready')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ReadyDto })
  @ApiServiceUnavailableResponse({ type: ReadyDto })
  async ready(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReadyDto> {
    const [database, search, jobs, components] = await Promise.all([this.checkDatabase(), this.checkSearch(), this.checkJobs(), this.checkComponents()]);
    const criticalDown = this.checks.registered().some((c) => c.critical && components[c.name]?.status === 'down');
    const ok = database.status === 'up' && search.status === 'up' && jobs.status === 'up' && !criticalDown;
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).header('cache-control', 'no-store');
    if (!(await this.checks.mayReadDetails(req.headers.authorization))) return { status: ok ? 'ok' : 'error' };
    return { status: ok ? 'ok' : 'error', database, search, jobs, ...(Object.keys(components).length ? { components } : {}) };
  }

  private async checkComponents(): Promise<Record<string, ComponentHealth>> {
    const entries = await Promise.all(
      this.checks.registered().map(async (c): Promise<[string, ComponentHealth]> => {
        try {
          return [c.name, await withTimeout(c.check())];
        } catch (err) {
          return [c.name, { status: 'down', detail: (err as Error).message }];
        }
      }),
    );
    return Object.fromEntries(entries);
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
      return res.ok ? { status: 'up', detail: 'meilisearch' } : this.meiliDown(`meilisearch HTTP ${res.status}`);
    } catch (err) {
      return this.meiliDown(`meilisearch: ${(err as Error).message}`);
    }
  }

  /** With SEARCH_FAILOVER=postgres, searches still answer (from PostgreSQL): search is up, degraded. */
  private meiliDown(detail: string): CheckDto {
    if (this.config.search.failover === 'postgres') return { status: 'up', detail: `${detail}; answered by postgres (SEARCH_FAILOVER)` };
    return { status: 'down', detail };
  }

  private async checkJobs(): Promise<NonNullable<ReadyDto['jobs']>> {
    try {
      return { status: 'up', queues: await withTimeout(this.jobs.depth()) };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }
}
