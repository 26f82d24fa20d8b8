import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { HakiError } from '@haki/contracts';
import { Allow } from '@haki/platform-access';
import { MONGO, SERVICE_CONFIG } from '../tokens';
import type { AuditEntry } from './audit-chain';
import { AUDIT_ENTRIES } from './audit-log';
import { verifyAuditLog, type AuditVerification } from './verify-audit-log';

/**
 * The auditor's view of this service's log: `GET /audit-log?after=<entry id>&limit=` pages through it
 * in order (by `_id`); `GET /audit-log/verification` checks every chain and checkpoint now.
 */
@Controller('audit-log')
@Allow('auditor')
export class AuditLogController {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(SERVICE_CONFIG) private readonly config: { AUDIT_KEYS: Map<string, Buffer> },
  ) {}

  @Get()
  async list(@Query('after') after?: string, @Query('limit') limit?: string): Promise<{ items: AuditEntry[]; next: string | null }> {
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 500) {
      throw new HakiError('AUDIT.INVALID_QUERY', 'limit must be 1-500', {
        fields: [{ field: 'limit', reason: 'must be a whole number 1-500' }],
      });
    }
    if (after !== undefined && (typeof after !== 'string' || after.length > 200)) {
      throw new HakiError('AUDIT.INVALID_QUERY', 'after must be an entry id', {
        fields: [{ field: 'after', reason: 'must be an entry id' }],
      });
    }
    const items = await this.mongo
      .collection<AuditEntry>(AUDIT_ENTRIES)
      .find(after ? { _id: { $gt: after } } : {})
      .sort({ _id: 1 })
      .limit(size)
      .toArray();
    return { items, next: items.length === size ? items[items.length - 1]!._id : null };
  }

  @Get('verification')
  verify(): Promise<AuditVerification> {
    return verifyAuditLog(this.mongo, this.config.AUDIT_KEYS);
  }
}
