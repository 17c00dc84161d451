const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const servers = globalThis.__TF_TEST_SERVERS__;
  if (!servers) return;
  await servers.meili.stop();
  await servers.pg.stop();
  rmSync(servers.dir, { recursive: true, force: true });
};
