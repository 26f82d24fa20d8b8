import type { PhoneDraft } from './phone-draft';
import type { MenuState, QuestionId } from './ussd-questions';

// The shape of the menu: which questions a session asks, in order, given what it has heard so far.
// Short on purpose (a USSD session lasts a few minutes): the kind of help, where, what happened,
// only the facts that start the medico-legal clocks for that kind, who is calling, and consent.

/** The facts each kind of help asks for: the ones its clocks run on, nothing a call back can get instead. */
function factsFor(draft: PhoneDraft): QuestionId[] {
  const harmed = draft.incident?.at !== undefined;
  const sexualViolence: QuestionId[] = draft.sexualViolence ? ['sexualViolence', 'sexualViolenceWhen'] : ['sexualViolence'];
  switch (draft.serviceType) {
    case 'postmortem':
      return ['deathWhen', 'deathWhere', 'burialWhen'];
    case 'torture-documentation':
      return ['harmWhen', 'injuriesVisible', ...sexualViolence];
    case 'medical-care':
      return ['patient', 'harmWhen', ...(harmed ? (['injuriesVisible', ...sexualViolence] as QuestionId[]) : [])];
    case 'detention-support':
      return ['arrestWhen', 'charged'];
    case 'legal-aid':
      return draft.arrest ? ['aboutArrest', 'arrestWhen', 'charged'] : ['aboutArrest'];
    case undefined:
      return [];
  }
}

export function questionsFor(draft: PhoneDraft): QuestionId[] {
  return ['language', 'kind', 'county', 'town', 'narrative', ...factsFor(draft), 'referrer', 'consent', 'review'];
}

/** The next question to ask, or undefined once the referral is confirmed. */
export function nextQuestion(state: MenuState): QuestionId | undefined {
  return questionsFor(state.draft).find((id) => !state.answered.includes(id));
}
