import { Injectable } from '@nestjs/common';

/** What one component reports: up or down, a short detail, and figures for operators. */
export interface ComponentHealth {
  status: 'up' | 'down' | 'degraded';
  detail?: string;
  /** Operator figures (counts, ages, ratios). Never secrets or personal data. */
  figures?: Record<string, unknown>;
}

export interface HealthCheckOptions {
  /** When true, a `down` answer makes the process not ready (503). Default false: reported only. */
  critical?: boolean;
}

interface RegisteredCheck {
  name: string;
  check: () => Promise<ComponentHealth>;
  critical: boolean;
}

/**
 * Components other than the built-in database/search/jobs checks (a supervised child process, the
 * drift check, a cache…) register here at start-up, so `/health/ready` reports them without core
 * knowing the contexts that own them.
 */
/** Decides from the request's Authorization header whether the caller may read health details. */
export type HealthDetailAuthorizer = (authorization: string | undefined) => Promise<boolean>;

@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, RegisteredCheck>();
  private detailAuthorizer?: HealthDetailAuthorizer;

  register(name: string, check: () => Promise<ComponentHealth>, options: HealthCheckOptions = {}): void {
    if (this.checks.has(name)) throw new Error(`health check "${name}" is registered twice`);
    this.checks.set(name, { name, check, critical: options.critical ?? false });
  }

  registered(): readonly RegisteredCheck[] {
    return [...this.checks.values()];
  }

  /**
   * Set once by the context that knows who is an administrator (identity). Until then, and for
   * everyone it does not accept, `/health/ready` answers up/down only (issue 18 §8).
   */
  authorizeDetails(authorizer: HealthDetailAuthorizer): void {
    this.detailAuthorizer = authorizer;
  }

  async mayReadDetails(authorization: string | undefined): Promise<boolean> {
    if (!authorization || !this.detailAuthorizer) return false;
    try {
      return await this.detailAuthorizer(authorization);
    } catch {
      return false;
    }
  }
}
