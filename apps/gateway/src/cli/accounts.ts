/**
 * Account administration from a shell (`npm run accounts -- …` here; in a container, the same file
 * with the gateway's environment):
 *   add <username> --roles ops[,supervisor] [--organisation org-id] [--professional pro-id]
 *   reset <username> [--second-factor]      a new password (and TOTP secret)
 *   disable <username>
 *   list
 * New credentials are printed once; only their hashes (password) and seals (TOTP secret) are stored.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AccessRole } from '@haki/platform-access';
import { env, loadConfigOrExit, Sealer } from '@haki/platform-config';
import { connectMongo } from '@haki/platform-runtime';
import type { AccountDocument } from '../accounts/account';
import { AccountAdmin, type IssuedCredentials } from '../accounts/manage-accounts';

const configSchema = z.object({
  MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
  MONGO_DB: z.string().min(1),
  ACCOUNT_KEYS: env.sealingKeys(),
  ACCOUNT_ACTIVE_KEY_ID: z.string().min(1),
});

const print = ({ username, password, totpUri }: IssuedCredentials) =>
  process.stdout.write(`${username}\n  password: ${password}\n${totpUri ? `  authenticator: ${totpUri}\n` : ''}`);

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      roles: { type: 'string' },
      organisation: { type: 'string' },
      professional: { type: 'string' },
      'second-factor': { type: 'boolean', default: false },
    },
  });
  const [command, username] = positionals;
  const config = loadConfigOrExit(configSchema);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const admin = new AccountAdmin(
    mongo.collection<AccountDocument>('accounts'),
    new Sealer(config.ACCOUNT_KEYS, config.ACCOUNT_ACTIVE_KEY_ID, 'ACCOUNT'),
  );
  try {
    if (command === 'add' && username && values.roles) {
      print(
        await admin.add({
          username,
          roles: values.roles.split(',') as AccessRole[],
          ...(values.organisation ? { organisationId: values.organisation } : {}),
          ...(values.professional ? { professionalId: values.professional } : {}),
        }),
      );
    } else if (command === 'reset' && username) print(await admin.reset(username, values['second-factor'] ?? false));
    else if (command === 'disable' && username) await admin.disable(username);
    else if (command === 'list') {
      for (const account of await admin.list()) {
        const flags = [account.disabled ? 'disabled' : '', account.secondFactor ? 'totp' : ''].filter(Boolean).join(', ');
        process.stdout.write(`${account.username.padEnd(24)} ${account.roles.join(',')}${flags ? `  (${flags})` : ''}\n`);
      }
    } else {
      process.stderr.write(
        'usage: add <username> --roles r1,r2 [--organisation id] [--professional id]\n' +
          '       reset <username> [--second-factor] | disable <username> | list\n',
      );
      process.exitCode = 64;
    }
  } finally {
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
