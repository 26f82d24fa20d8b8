import { parse } from 'csv-parse/sync';
import { HakiError, type FieldProblem } from '@haki/contracts';
import { professionalIdSchema, professionalProfileSchema, type ProfessionalProfile } from './professional-profile';

/**
 * The spreadsheet columns a network already keeps, one professional per row. Lists are separated by
 * ";". credentials: `kind:YYYY-MM-DD`; schedule: `mon 08:00-17:00`; remoteCapable: yes/no. Leave is
 * not imported: it changes too often for a spreadsheet and is set on the professional.
 */
export const CSV_COLUMNS = [
  'id',
  'roles',
  'homeTown',
  'homeCounty',
  'lat',
  'lon',
  'maxTravelKm',
  'capacity',
  'monthlyCap',
  'languages',
  'skills',
  'credentials',
  'servesCounties',
  'remoteCapable',
  'schedule',
  'conflicts',
  'phone',
  'email',
] as const;
const REQUIRED = ['id', 'roles', 'homeTown', 'maxTravelKm', 'capacity', 'phone'] as const;

export interface ImportRow {
  row: number;
  id: string;
  profile: ProfessionalProfile;
}

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
const number = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : Number(cell));
const yesNo = (cell: string | undefined) => (cell === undefined || cell === '' ? undefined : /^(yes|y|true|1)$/i.test(cell));

/** One CSV row as the same request the single-professional form sends, so both are validated alike. */
function toRequest(cells: Record<string, string>) {
  const lat = number(cells['lat']);
  const lon = number(cells['lon']);
  const monthlyCap = number(cells['monthlyCap']);
  const schedule = list(cells['schedule']).map((slot) => {
    const [day, hours] = slot.split(/\s+/);
    const [from, to] = (hours ?? '').split('-');
    return { day, from, to };
  });
  return {
    roles: list(cells['roles']),
    homeTown: cells['homeTown'],
    ...(cells['homeCounty'] ? { homeCounty: cells['homeCounty'] } : {}),
    ...(lat !== undefined || lon !== undefined ? { homeBase: { lat, lon } } : {}),
    maxTravelKm: number(cells['maxTravelKm']),
    capacity: number(cells['capacity']),
    ...(monthlyCap !== undefined ? { monthlyCap } : {}),
    languages: list(cells['languages']),
    skills: list(cells['skills']),
    credentials: list(cells['credentials']).map((credential) => {
      const split = credential.lastIndexOf(':');
      return { kind: credential.slice(0, split), expiresOn: credential.slice(split + 1) };
    }),
    servesCounties: list(cells['servesCounties']).map((c) => (/^\d+$/.test(c) ? Number(c) : c)),
    ...(yesNo(cells['remoteCapable']) !== undefined ? { remoteCapable: yesNo(cells['remoteCapable']) } : {}),
    ...(schedule.length ? { schedule } : {}),
    conflicts: list(cells['conflicts']),
    contact: { phone: cells['phone'], ...(cells['email'] ? { email: cells['email'] } : {}) },
  };
}

/**
 * Every row validated, or an error naming each bad row and field (`row 3: capacity`); row 1 is the
 * header, so numbers match what the spreadsheet shows. Nothing is returned unless all rows are good.
 */
export function parseRosterCsv(text: string): ImportRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new HakiError('ROSTER.IMPORT_INVALID', `not a readable CSV file: ${(error as Error).message}`, {
      fields: [{ field: 'file', reason: (error as Error).message }],
    });
  }
  const problems: FieldProblem[] = [];
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED.filter((column) => !header.includes(column));
  for (const column of unknown) problems.push({ field: `header: ${column}`, reason: `unknown column; expected ${CSV_COLUMNS.join(', ')}` });
  for (const column of missing) problems.push({ field: `header: ${column}`, reason: 'required column is missing' });
  if (records.length === 0) problems.push({ field: 'file', reason: 'has no professionals (a header and at least one row)' });
  if (problems.length) throw new HakiError('ROSTER.IMPORT_INVALID', summary(problems), { fields: problems });

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((cells, index) => {
    const row = index + 2;
    const id = professionalIdSchema.safeParse(cells['id']);
    if (!id.success) problems.push({ field: `row ${row}: id`, reason: id.error.issues[0]!.message });
    else if (seen.has(id.data)) problems.push({ field: `row ${row}: id`, reason: `${id.data} is also on row ${seen.get(id.data)}` });
    else seen.set(id.data, row);
    const profile = professionalProfileSchema.safeParse(toRequest(cells));
    if (!profile.success) {
      for (const issue of profile.error.issues)
        problems.push({ field: `row ${row}: ${issue.path.join('.') || '(row)'}`, reason: issue.message });
    }
    if (id.success && profile.success) rows.push({ row, id: id.data, profile: profile.data });
  });
  if (problems.length) throw new HakiError('ROSTER.IMPORT_INVALID', summary(problems), { fields: problems });
  return rows;
}

const summary = (problems: FieldProblem[]) =>
  `${problems.length} problem(s), nothing imported: ${problems
    .slice(0, 5)
    .map((p) => `${p.field}: ${p.reason}`)
    .join('; ')}${problems.length > 5 ? '; …' : ''}`;
