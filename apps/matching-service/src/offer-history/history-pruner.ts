import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { OFFER_OUTCOMES } from '../matching.tokens';
import type { OfferOutcomes } from './offer-outcome.model';
import { HISTORY_DAYS } from './professional-history';

const HOUR = 3_600_000;

/**
 * Keeps `offer_outcomes` to the HISTORY_DAYS the ranking reads, so reading it costs the same in year
 * five as in year one (the case timeline keeps every offer for good). Hourly; any instance may run it.
 */
@Injectable()
export class HistoryPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(OFFER_OUTCOMES) private readonly outcomes: OfferOutcomes,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(Date.now()), HOUR);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async prune(now: number): Promise<number> {
    try {
      const { deletedCount } = await this.outcomes.deleteMany({ offeredAt: { $lt: new Date(now - HISTORY_DAYS * 86_400_000) } });
      if (deletedCount) this.logger.info({ deleted: deletedCount }, 'offer history older than the ranking window removed');
      return deletedCount;
    } catch (error) {
      this.logger.warn({ err: error }, 'offer history pruning failed; next hour again');
      return 0;
    }
  }
}
