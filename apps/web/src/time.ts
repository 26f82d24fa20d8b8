import { formatNairobiTime } from '@haki/vocabulary';

/** "2026-12-14 02:03": a moment as staff read it, in Nairobi time (where every user of the app is). */
export const nairobiShort = (at: Date | string | number): string => formatNairobiTime(new Date(at)).slice(0, 16).replace('T', ' ');
