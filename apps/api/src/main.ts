import 'reflect-metadata';
import { main, type Role } from './bootstrap';

const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? 'all';
if (!['all', 'api', 'worker'].includes(roleArg)) {
  process.stderr.write(`Unknown --role=${roleArg} (expected all, api or worker)\n`);
  process.exit(64);
}
void main(roleArg as Role);
