/**
 * Demo accounts for `npm start` (demo profile only): `create <file>` writes one account per role with
 * random passwords (and TOTP secrets for the roles that need a second factor) unless the file exists;
 * `show <file>` prints them with each authenticator code as of now. The gateway creates the accounts
 * from the file at start; production has no such file (the gateway refuses one outside the demo profile).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { generateSecret, generateSync } from 'otplib';

interface DemoAccount {
  username: string;
  password: string;
  roles: string[];
  organisationId?: string;
  professionalId?: string;
  totpSecret?: string;
}

const password = () => randomBytes(12).toString('base64url');

function create(file: string): void {
  if (existsSync(file)) return;
  const accounts: DemoAccount[] = [
    { username: 'intake.demo', password: password(), roles: ['intake'], organisationId: 'org-demo-parish' },
    // The network's own intake desk (no organisation): it calls back referrers on phones the network does not know.
    { username: 'intake.desk', password: password(), roles: ['intake'] },
    { username: 'ops.demo', password: password(), roles: ['ops'], totpSecret: generateSecret() },
    { username: 'supervisor.demo', password: password(), roles: ['supervisor'], totpSecret: generateSecret() },
    { username: 'admin.demo', password: password(), roles: ['admin'], totpSecret: generateSecret() },
    { username: 'auditor.demo', password: password(), roles: ['auditor'] },
    // A volunteer on the demo roster (a Nairobi pathologist): their own offers only.
    { username: 'pathologist.demo', password: password(), roles: ['professional'], professionalId: 'pro-nbo-path-1' },
  ];
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
}

function show(file: string): void {
  const accounts = JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
  for (const account of accounts) {
    const code = account.totpSecret ? `  code now: ${generateSync({ secret: account.totpSecret })}` : '';
    process.stdout.write(`  ${account.username.padEnd(18)} ${account.password}  (${account.roles.join(', ')})${code}\n`);
  }
}

const [command, file] = process.argv.slice(2);
if (!file || (command !== 'create' && command !== 'show')) {
  process.stderr.write('usage: demo-accounts.ts create|show <file>\n');
  process.exit(64);
}
if (command === 'create') create(file);
else show(file);
