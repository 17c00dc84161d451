import { parentPort } from 'node:worker_threads';
import { pageGraphics } from './page-graphics';

/** Worker thread of PageGraphicsPool: page graphics for each batch of pages it is sent. */
parentPort?.on('message', (task: { id: number; pages: string[][] }) => {
  try {
    parentPort!.postMessage({ id: task.id, pages: task.pages.map(pageGraphics) });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: (err as Error).message });
  }
});
