import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ceiling of the web bench: a bare node:http server in its own process answering `/<n>` with
 * the n-th body given (the same bytes the API sent for that page), nothing else. A page's req/s is
 * reported as a share of this server's req/s measured with the same client in the same run.
 */
export async function startCeilingServer(dir: string, port: number, bodies: Buffer[]): Promise<ChildProcess> {
  const files = bodies.map((body, i) => {
    const file = join(dir, `ceiling-${i}.html`);
    writeFileSync(file, body);
    return file;
  });
  const script = `
    const fs = require('node:fs');
    const bodies = ${JSON.stringify(files)}.map((f) => fs.readFileSync(f));
    require('node:http').createServer((req, res) => {
      const body = bodies[Number(req.url.slice(1))];
      if (!body) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.send('ready'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code})`)));
  });
  return child;
}
