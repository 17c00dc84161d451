import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

const LEVELS: Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * `req.log` that becomes a pino child only when something is logged at an enabled level.
 * Fastify makes a child per request, and pino's child() formats and redacts its bindings
 * there and then: about 0.17 ms of CPU per request, most requests never log through it, and
 * the one access line per request goes through the root logger (issue 12 §5, bench/README.md).
 */
class LazyRequestLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly ownBindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** The level methods (info, warn…), made once on the prototype below. */
  log(level: Level, args: unknown[]): void {
    if (!this.parent.isLevelEnabled(level)) return;
    (this.real()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(value: string) {
    this.real().level = value;
  }

  silent(): void {}

  isLevelEnabled(level: string): boolean {
    return this.made ? this.made.isLevelEnabled(level) : this.parent.isLevelEnabled(level);
  }

  bindings(): Bindings {
    return this.real().bindings();
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real().child(bindings, options);
  }

  private real(): Logger {
    return (this.made ??= this.parent.child(this.ownBindings, this.options));
  }
}

for (const level of LEVELS) {
  (LazyRequestLogger.prototype as unknown as Record<Level, unknown>)[level] = function (this: LazyRequestLogger, ...args: unknown[]) {
    this.log(level, args);
  };
}

export const lazyChildLoggerFactory = (logger: FastifyBaseLogger, bindings: Bindings, options: unknown): FastifyBaseLogger =>
  new LazyRequestLogger(logger as unknown as Logger, bindings, options as ChildLoggerOptions) as unknown as FastifyBaseLogger;
