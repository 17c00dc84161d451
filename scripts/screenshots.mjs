/* global fetch, setTimeout, document -- Node 20 globals here; document inside page.evaluate (Chromium) */
// Screenshots of the storefront home on a phone and a desktop, from the demo data set, for the docs
// and pull requests (issue 13 §2). Usage: npm run screenshots (builds first).
// Uses its own data directory (var/screenshots) and port, so it never touches a running instance.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.SCREENSHOT_PORT ?? 3917);
const env = { ...process.env, DATA_DIR: resolve(root, 'var/screenshots'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.MEILI_HOST;
const outDir = resolve(root, 'docs/screenshots');
const log = (line) => process.stdout.write(`${line}\n`);

log('seeding the demo data set (idempotent)…');
const seeded = spawnSync(process.execPath, ['dist/apps/api/src/cli/seed-demo.js'], { cwd: root, env, stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

log(`starting the app on port ${port}…`);
const app = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
const stopApp = () => new Promise((done) => (app.exitCode !== null ? done() : (app.once('exit', done), app.kill('SIGTERM'))));
try {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (i > 240 || app.exitCode !== null) throw new Error('the app did not become ready');
    await new Promise((r) => setTimeout(r, 500));
  }
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.TF_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const shots = [
    { file: 'home-phone.png', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } },
    { file: 'home-desktop.png', options: { viewport: { width: 1280, height: 900 } } },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ ...shot.options, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    // A full-page shot shows what lies below the fold, where lazy images have not been fetched yet.
    await page.evaluate(() => document.querySelectorAll('img[loading="lazy"]').forEach((img) => (img.loading = 'eager')));
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    // Flat illustrations and text: a 256-colour palette keeps the files small in git.
    const png = await page.screenshot({ fullPage: true });
    await sharp(png).png({ palette: true, effort: 10 }).toFile(resolve(outDir, shot.file));
    log(`wrote docs/screenshots/${shot.file}`);
    await context.close();
  }
  await browser.close();
} finally {
  await stopApp();
}
