import { agencyWords, type AgencyWords } from './agencies';
import { formOf, indexOf, type RegisterIndex, type RegisteredAgency } from './agency-register';
import { AGENCY_REGISTER } from './agency-register.data';
import { suggestAgencies, type AgencySuggestion } from './agency-suggestions';

// Conflicts and implicated agencies are matched on the register's ids: a name is resolved to an id by
// its words exactly (case, punctuation, word order and kind words aside) or not at all. A near miss is
// offered as a suggestion and never taken silently, because a wrong station is a conflict missed.

export type AgencyResolution = { id: string } | { unknown: true; suggestions: AgencySuggestion[] };
export { AGENCY_REGISTER, type AgencySuggestion };

// Built on first use: a process that never resolves a name (the notification service) never pays for it.
let built: RegisterIndex | undefined;
const registerIndex = () => (built ??= indexOf(AGENCY_REGISTER));

/** The registered agency with this id. */
export const registeredAgency = (id: string): RegisteredAgency | undefined => registerIndex().byId.get(id);

/** The one id a set holds, or none when it holds none or several (an ambiguous name). */
const onlyOne = (ids: Set<string> | undefined) => (ids?.size === 1 ? [...ids][0] : undefined);

function resolveWords(read: AgencyWords): string | undefined {
  const index = registerIndex();
  const exact = index.byForm.get(formOf(read.kind, read.words));
  // "Kilimani" says no kind: it is the agency of that name if only one kind has one ("Naivasha" has two).
  return exact ?? (read.kindStated ? undefined : onlyOne(index.byWords.get(formOf('*', read.words))));
}

/**
 * The register id of a station, prison or unit as people write it: its id, its name or an alias, with
 * case, punctuation, word order and kind words ("station", "stn", "post", "G.K.", "prison") not mattering.
 * Anything else is unknown, with up to three registered agencies that look like it to choose from.
 */
export function resolveAgency(text: string): AgencyResolution {
  const trimmed = text.trim().toLowerCase();
  if (registerIndex().byId.has(trimmed)) return { id: trimmed };
  const read = agencyWords(text);
  if (!read) return { unknown: true, suggestions: [] };
  const id = resolveWords(read);
  return id ? { id } : { unknown: true, suggestions: suggestAgencies(read, AGENCY_REGISTER) };
}

/** Why a name was refused, with the suggestions, for a 400's `reason`. */
export function unknownAgencyReason(text: string, suggestions: readonly AgencySuggestion[]): string {
  const choices = suggestions.map((s) => `${s.id} (${s.name})`).join(', ');
  return (
    `${JSON.stringify(text.trim())} is not in the network's agency register` +
    (choices ? `; did you mean ${choices}?` : '.') +
    ' Give a listed name or id, or ask ops to add it to the register.'
  );
}
