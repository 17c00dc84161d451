/**
 * Tells the bench (IPC) that a stand-in server is listening, and makes the bench's SIGTERM a normal
 * exit, so that a CPU profile asked for with `--cpu-prof` (BENCH_HOP_NODE_ARGS, BENCH_HTTP_NODE_ARGS)
 * is written. No imports: the bare hops must not load the floor's code.
 */
export function readyForBench(): void {
  process.once('SIGTERM', () => process.exit(0));
  process.send?.('ready');
}
