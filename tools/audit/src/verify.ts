/**
 * `npm run audit:verify`: checks every service's audit log (each stream's hash chain and signed
 * checkpoints) and names each record that was altered, deleted, reordered or truncated. Exit code 1
 * when anything is wrong. Reads MONGO_URL and AUDIT_KEYS (the script passes the ones `npm start` made).
 */
import mongoose from 'mongoose';
import { env } from '@haki/platform-config';
import { verifyAuditLog } from '@haki/platform-runtime';

const DATABASES = ['haki_intake', 'haki_matching', 'haki_notification', 'haki_case'];

async function main(): Promise<number> {
  const keys = env.sealingKeys().parse(process.env['AUDIT_KEYS']);
  let problems = 0;
  for (const dbName of process.argv.slice(2).length ? process.argv.slice(2) : DATABASES) {
    const connection = await mongoose.createConnection(process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017', { dbName }).asPromise();
    try {
      const result = await verifyAuditLog(connection, keys);
      const verdict = result.problems.length ? `${result.problems.length} problem(s)` : 'intact';
      process.stdout.write(
        `${dbName}: ${result.streams} streams, ${result.entries} entries, ${result.checkpoints} checkpoints: ${verdict}\n`,
      );
      for (const problem of result.problems) process.stdout.write(`  ${problem}\n`);
      problems += result.problems.length;
    } finally {
      await connection.close();
    }
  }
  return problems ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(2);
  },
);
