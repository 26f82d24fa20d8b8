import type { ServiceType } from './index';

/**
 * The standards a case's work is judged by, as checklists the case keeps: what was done, by whom, when.
 * Reports written to these standards are the ones courts and commissions accept; a missing item is what
 * the other side's lawyer looks for first.
 *
 * - Istanbul Protocol: Manual on the Effective Investigation and Documentation of Torture and Other
 *   Cruel, Inhuman or Degrading Treatment or Punishment, Professional Training Series No. 8/Rev.2,
 *   OHCHR, 2022 (chapters V–VI: the medical and psychological evaluation, and the interpretation of
 *   findings in its degrees of consistency).
 * - Minnesota Protocol on the Investigation of Potentially Unlawful Death (2016), OHCHR, 2017
 *   (paragraphs on the involvement of family members, the family's right to appoint a representative at
 *   the autopsy, the body's preservation, and the chain of custody of evidence).
 */
export interface ChecklistItem {
  id: string;
  label: string;
  /** Where the standard says it. */
  reference: string;
  /** Recording it done needs one of these (the Istanbul Protocol's degrees of consistency). */
  choices?: readonly string[];
}

export interface ProtocolChecklist {
  protocol: string;
  items: readonly ChecklistItem[];
}

/** The Istanbul Protocol's terms for how findings relate to the alleged torture (2022, para. 385). */
export const CONSISTENCY_DEGREES = ['not-consistent', 'consistent', 'highly-consistent', 'typical', 'diagnostic'] as const;

const ISTANBUL: ProtocolChecklist = {
  protocol: 'Istanbul Protocol (OHCHR, 2022)',
  items: [
    { id: 'informed-consent', label: 'Informed consent to the evaluation and to the report’s use', reference: 'ch. II, V.B' },
    { id: 'history', label: 'History taken: background, the alleged torture, symptoms since', reference: 'ch. V.C' },
    {
      id: 'physical-examination',
      label: 'Physical examination with body diagrams and photographs of every finding',
      reference: 'ch. V.D–E',
    },
    { id: 'psychological-evaluation', label: 'Psychological evaluation', reference: 'ch. VI' },
    {
      id: 'interpretation-of-findings',
      label: 'Findings interpreted on the degrees of consistency',
      reference: 'ch. V.F, VI.C',
      choices: CONSISTENCY_DEGREES,
    },
    { id: 'report', label: 'Report written and signed', reference: 'annex IV' },
  ],
};

const MINNESOTA: ProtocolChecklist = {
  protocol: 'Minnesota Protocol (OHCHR, 2017)',
  items: [
    { id: 'family-informed', label: 'Family informed and represented', reference: 'paras. 35–37, 67' },
    { id: 'family-pathologist-present', label: 'A pathologist the family appointed present at the autopsy', reference: 'para. 37' },
    { id: 'body-not-released', label: 'Body not released or embalmed before the autopsy', reference: 'paras. 59, 152' },
    { id: 'sample-custody', label: 'Chain of custody kept for every sample taken', reference: 'paras. 65, 244' },
    { id: 'report', label: 'Autopsy report written and signed', reference: 'paras. 253–256' },
  ],
};

/** The checklist a service type's case carries; none for the others. */
export const PROTOCOL_CHECKLISTS: Partial<Record<ServiceType, ProtocolChecklist>> = {
  'torture-documentation': ISTANBUL,
  postmortem: MINNESOTA,
};

export const checklistFor = (serviceType: string | undefined): ProtocolChecklist | undefined =>
  serviceType ? PROTOCOL_CHECKLISTS[serviceType as ServiceType] : undefined;
