import type { ServiceType, Urgency } from './index';

/**
 * How long each stage of a case may take, the network's service targets (an assumption to tune with
 * ops, stated in docs/cases.md): first offer and acceptance by urgency, on site by urgency or the
 * referral's medico-legal deadline if that is sooner, the report by kind of help from the day work
 * began. A clock turns "at risk" when the last quarter of its time is left.
 */
const HOUR = 3_600_000;

export const SLA_TARGET_HOURS: {
  readonly firstOffer: Readonly<Record<Urgency, number>>;
  readonly acceptance: Readonly<Record<Urgency, number>>;
  readonly onSite: Readonly<Record<Urgency, number>>;
  readonly report: Readonly<Record<ServiceType, number>>;
} = {
  firstOffer: { critical: 0.25, urgent: 1, normal: 8 },
  acceptance: { critical: 2, urgent: 8, normal: 48 },
  onSite: { critical: 12, urgent: 48, normal: 7 * 24 },
  // From work starting: an autopsy report within a week, an Istanbul Protocol report within a month.
  report: {
    postmortem: 7 * 24,
    'torture-documentation': 30 * 24,
    'medical-care': 3 * 24,
    'legal-aid': 14 * 24,
    'detention-support': 3 * 24,
  },
};

/** The share of a clock's span left when it turns at risk. */
export const SLA_AT_RISK_SHARE = 0.25;

export const hoursToMs = (hours: number): number => hours * HOUR;
