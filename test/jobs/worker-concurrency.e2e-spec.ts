import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { JobQueue, JobRegistry } from '@tradefloor/core';
import { createTestApp, type TestApp } from '../harness/test-app';

let running = 0;
let maxRunning = 0;
let ran = 0;

@Injectable()
class SlowQueues implements OnModuleInit {
  constructor(private readonly registry: JobRegistry) {}
  onModuleInit(): void {
    for (const name of ['test.slow-a', 'test.slow-b']) {
      this.registry.register(
        name,
        async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise((r) => setTimeout(r, 100));
          running--;
          ran++;
        },
        { concurrency: 3 },
      );
    }
  }
}

@Module({ providers: [SlowQueues] })
class SlowQueuesModule {}

describe('durable jobs: WORKER_CONCURRENCY caps a process across queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WORKER_CONCURRENCY: '2' }, modules: [SlowQueuesModule] });
  });
  afterAll(() => t.close());

  it('never runs more than WORKER_CONCURRENCY jobs at once, whatever the queues allow', async () => {
    const queue = t.app.get(JobQueue);
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 6; i++) {
        await queue.enqueue(m, 'test.slow-a', { i });
        await queue.enqueue(m, 'test.slow-b', { i });
      }
    });
    await t.drainJobs(['test.slow-a', 'test.slow-b']);
    expect(ran).toBe(12);
    expect(maxRunning).toBe(2);
  });
});
