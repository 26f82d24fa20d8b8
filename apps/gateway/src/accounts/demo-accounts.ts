import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { mongo } from 'mongoose';
import type { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { accountRolesSchema, usernameSchema, type AccountDocument } from './account';
import { hashPassword } from './passwords';

/** The file scripts/start.sh writes once per machine (tools/demo/src/demo-accounts.ts): random passwords, never committed. */
export const demoAccountsFileSchema = z.array(
  z
    .object({
      username: usernameSchema,
      password: z.string().min(12),
      roles: accountRolesSchema,
      organisationId: z.string().min(1).optional(),
      professionalId: z.string().min(1).optional(),
      totpSecret: z.string().min(16).optional(),
    })
    .strict(),
);

/** Demo profile only (config refuses the file otherwise): creates the accounts the file lists that do not exist yet. */
export async function seedDemoAccounts(file: string, accounts: mongo.Collection<AccountDocument>, sealer: Sealer, logger: Logger) {
  const listed = demoAccountsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  for (const { username, password, totpSecret, ...rest } of listed) {
    if (await accounts.findOne({ _id: username }, { projection: { _id: 1 } })) continue;
    await accounts.insertOne({
      _id: username,
      passwordHash: await hashPassword(password),
      ...rest,
      ...(totpSecret ? { totp: sealer.seal({ secret: totpSecret }, username) } : {}),
      createdAt: new Date(),
    });
  }
  logger.info({ accounts: listed.length }, 'demo accounts ready');
}
