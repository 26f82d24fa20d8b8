import { Inject, Injectable } from '@nestjs/common';
import { linkSignerFrom, type LinkClaims, type LinkSigner } from '@haki/platform-config';
import { HakiError } from '@haki/contracts';
import { SERVICE_CONFIG } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';

/** A respond link without a known offer expiry lasts this long; the offer's own state decides the answer anyway. */
const DEFAULT_RESPOND_HOURS = 24;

/**
 * The signed links messages carry: an offer's accept/decline page (served here, /links/…) and a
 * confirmed assignment's brief (served by the intake service, /briefs/…). Each is absent when its keys
 * or public origin are not configured, and the message says what it says without links.
 */
@Injectable()
export class OfferLinks {
  private readonly signer: LinkSigner | undefined;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationConfig) {
    this.signer = linkSignerFrom(config);
  }

  async respondUrl(offerId: string, offerExpiresAt: Date | undefined): Promise<string | undefined> {
    if (!this.signer || !this.config.PUBLIC_BASE_URL) return undefined;
    const expiresAt = offerExpiresAt ?? new Date(Date.now() + DEFAULT_RESPOND_HOURS * 3_600_000);
    return `${this.config.PUBLIC_BASE_URL}/links/${await this.signer.sign({ offerId, use: 'respond' }, expiresAt)}`;
  }

  async briefUrl(offerId: string): Promise<string | undefined> {
    if (!this.signer || !this.config.BRIEF_BASE_URL) return undefined;
    const expiresAt = new Date(Date.now() + this.config.BRIEF_LINK_DAYS * 86_400_000);
    return `${this.config.BRIEF_BASE_URL}/briefs/${await this.signer.sign({ offerId, use: 'brief' }, expiresAt)}`;
  }

  /** The claims of a respond link, or LINK.INVALID (also when links are off: the page does not exist). */
  verifyRespond(token: string): Promise<LinkClaims> {
    if (!this.signer) throw new HakiError('LINK.INVALID', 'this link is not valid');
    return this.signer.verify(token, 'respond');
  }
}
