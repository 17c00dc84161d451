import { parentPort } from 'node:worker_threads';
import { pageGraphicsStream } from './page-graphics';

/** Worker thread of PageGraphicsPool: page graphics for each batch of pages it is sent. */
parentPort?.on('message', (task: { id: number; pages: string[][] }) => {
  try {
    const pages = task.pages.map(pageGraphicsStream);
    // Transferred, not copied.
    parentPort!.postMessage(
      { id: task.id, pages },
      pages.map((p) => p.buffer as ArrayBuffer),
    );
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: (err as Error).message });
  }
});
