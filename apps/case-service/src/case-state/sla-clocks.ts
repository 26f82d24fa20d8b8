import { hoursToMs, SLA_AT_RISK_SHARE, SLA_TARGET_HOURS, SERVICE_TYPES, URGENCIES, type ServiceType, type Urgency } from '@haki/vocabulary';
import type { SlaClock, SlaMilestone } from '../case-list/case-summary';

/** When each milestone of a case was reached (epoch ms), as its timeline tells. */
export interface Milestones {
  receivedAt: number;
  /** The medico-legal deadline intake computed (before burial, within 72 h of an assault…). */
  deadline?: number;
  firstOfferAt?: number;
  acceptedAt?: number;
  onSiteAt?: number;
  reportAt?: number;
  closedAt?: number;
}

/**
 * The clocks a case is held to (vocabulary's SLA_TARGET_HOURS): each starts when the one before it is
 * met, or, while that one is still open, when it was due, so a late first offer does not steal the
 * acceptance clock's time. The on-site clock never runs past the referral's own deadline. A closed case
 * keeps the clocks it met and those that had run out before it closed; the others never applied.
 */
export function slaClocks(urgency: string | undefined, serviceType: string | undefined, at: Milestones): SlaClock[] {
  if (!URGENCIES.includes(urgency as Urgency)) return [];
  const level = urgency as Urgency;
  const reportHours = SERVICE_TYPES.includes(serviceType as ServiceType) ? SLA_TARGET_HOURS.report[serviceType as ServiceType] : undefined;
  const clocks: SlaClock[] = [];
  let startsAt = at.receivedAt;
  const add = (milestone: SlaMilestone, hours: number, metAt: number | undefined, cap?: number) => {
    const dueAt = Math.min(startsAt + hoursToMs(hours), cap ?? Infinity);
    const span = Math.max(dueAt - startsAt, 0);
    const clock: SlaClock = {
      milestone,
      dueAt: new Date(dueAt).toISOString(),
      atRiskFrom: new Date(dueAt - span * SLA_AT_RISK_SHARE).toISOString(),
      ...(metAt !== undefined ? { metAt: new Date(metAt).toISOString() } : {}),
    };
    const applies = metAt !== undefined || at.closedAt === undefined || dueAt <= at.closedAt;
    if (applies) clocks.push(clock);
    startsAt = metAt ?? dueAt;
  };
  add('first-offer', SLA_TARGET_HOURS.firstOffer[level], at.firstOfferAt);
  add('acceptance', SLA_TARGET_HOURS.acceptance[level], at.acceptedAt);
  add('on-site', SLA_TARGET_HOURS.onSite[level], at.onSiteAt, at.deadline);
  if (reportHours !== undefined) add('report', reportHours, at.reportAt);
  return clocks;
}
