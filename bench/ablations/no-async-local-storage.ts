import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A `BENCH_ABLATION` for bench:search: the request context's AsyncLocalStorage is never entered, so
 * Node 20's promise hooks stay off. Measured on 5 December 2026: no difference the runs could show
 * (bench/README.md).
 */
AsyncLocalStorage.prototype.enterWith = function enterWith(): void {
  // Deliberately nothing: the store is never entered.
};
