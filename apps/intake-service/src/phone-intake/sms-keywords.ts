import type { ServiceType } from '@haki/vocabulary';

// The words a referral SMS is read by, in English and Swahili (the Swahili needs a native speaker's
// review before production, like the offer texts). Phrases are lower case, written as a referrer types
// them without punctuation: "post-mortem" arrives as "post mortem". The SMS is matched word by word,
// case and punctuation aside; a word in more than one table means what its first table says.

export interface KeywordTable {
  en: readonly string[];
  sw: readonly string[];
}

/** The kind of help, as the second word of "HAKI POSTMORTEM …" (the first few words are searched). */
export const KIND_KEYWORDS: { readonly [S in ServiceType]: KeywordTable } = {
  postmortem: { en: ['postmortem', 'post mortem', 'autopsy'], sw: ['uchunguzi wa maiti', 'upasuaji wa maiti', 'maiti'] },
  'torture-documentation': { en: ['torture', 'torture documentation'], sw: ['mateso'] },
  'medical-care': { en: ['medical', 'medical care', 'treatment'], sw: ['matibabu', 'daktari'] },
  'detention-support': { en: ['held', 'detained', 'detention'], sw: ['kizuizini', 'anashikiliwa', 'ameshikiliwa'] },
  'legal-aid': { en: ['legal aid', 'legal', 'lawyer'], sw: ['msaada wa kisheria', 'kisheria', 'wakili'] },
};

/** Facts that start a clock; a time said beside one is that fact's time. */
export const FACT_KEYWORDS = {
  death: {
    en: ['died', 'dead', 'death', 'killed', 'shot dead', 'passed away'],
    sw: ['kifo', 'amekufa', 'alikufa', 'kufa', 'amefariki', 'alifariki', 'kufariki', 'aliuawa', 'ameuawa', 'kuuawa', 'maiti'],
  },
  burial: {
    en: ['burial', 'buried', 'bury', 'funeral'],
    sw: ['mazishi', 'kuzikwa', 'atazikwa', 'watamzika', 'kumzika', 'kuzika'],
  },
  incident: {
    en: ['beaten', 'beating', 'tortured', 'torture', 'assaulted', 'attacked', 'injured', 'hurt'],
    sw: [
      'mateso',
      'alipigwa',
      'amepigwa',
      'walipigwa',
      'kupigwa',
      'nilipigwa',
      'nimepigwa',
      'aliteswa',
      'ameteswa',
      'kuteswa',
      'niliteswa',
    ],
  },
  sexualViolence: {
    en: ['raped', 'rape', 'sexual', 'sexually', 'defiled', 'defilement'],
    sw: ['ubakaji', 'alibakwa', 'amebakwa', 'kubakwa', 'nilibakwa', 'kingono', 'ngono'],
  },
  arrest: {
    en: ['arrested', 'arrest', 'detained', 'held', 'picked up', 'locked up'],
    sw: ['alikamatwa', 'amekamatwa', 'kukamatwa', 'nilikamatwa', 'anashikiliwa', 'ameshikiliwa', 'amewekwa ndani'],
  },
} satisfies Record<string, KeywordTable>;
export type FactKind = keyof typeof FACT_KEYWORDS;

/** Facts about the facts, with no time of their own. */
export const DETAIL_KEYWORDS = {
  custody: {
    en: ['custody', 'cell', 'cells', 'police station', 'lockup', 'lock up'],
    sw: ['kizuizini', 'seli', 'korokoni', 'rumande', 'mikononi mwa polisi', 'kituo cha polisi'],
  },
  protest: { en: ['protest', 'protests', 'demonstration', 'demonstrations', 'demo'], sw: ['maandamano'] },
  injuriesVisible: {
    en: ['injuries', 'injured', 'wounds', 'wounded', 'bruises', 'bruised', 'bleeding', 'swollen', 'broken'],
    sw: ['majeraha', 'jeraha', 'vidonda', 'damu', 'amevimba', 'kuvimba', 'kuvunjika'],
  },
  injuriesHealed: { en: ['scars', 'healed'], sw: ['makovu', 'amepona'] },
  /** Read before `charged`, so "not charged" is not read as "charged". */
  notCharged: {
    en: ['not charged', 'without charge', 'no charge', 'not taken to court'],
    sw: ['hajashtakiwa', 'bila kushtakiwa', 'bila mashtaka', 'hajafikishwa mahakamani'],
  },
  charged: { en: ['charged', 'arraigned', 'in court'], sw: ['ameshtakiwa', 'alishtakiwa', 'mahakamani'] },
  prisoner: { en: ['prison', 'prisoner', 'jail', 'inmate'], sw: ['gereza', 'gerezani', 'jela', 'mfungwa'] },
  family: {
    en: [
      'my brother',
      'my sister',
      'my son',
      'my daughter',
      'my father',
      'my mother',
      'my husband',
      'my wife',
      'my child',
      'my cousin',
      'my uncle',
    ],
    sw: ['kaka yangu', 'dada yangu', 'mwanangu', 'mtoto wangu', 'baba yangu', 'mama yangu', 'mume wangu', 'mke wangu', 'ndugu yangu'],
  },
  self: { en: ['i was'], sw: ['nilipigwa', 'nimepigwa', 'nilikamatwa', 'nilibakwa', 'niliteswa'] },
} satisfies Record<string, KeywordTable>;
export type DetailKind = keyof typeof DETAIL_KEYWORDS;

/** Common words that tell the language when no keyword does. */
export const LANGUAGE_HINTS: KeywordTable = {
  en: ['the', 'and', 'was', 'is', 'my', 'he', 'she', 'they', 'in', 'at', 'by', 'of', 'last', 'night', 'yesterday', 'today', 'police'],
  sw: ['na', 'wa', 'ya', 'kwa', 'ni', 'yangu', 'wangu', 'leo', 'jana', 'juzi', 'kesho', 'usiku', 'polisi', 'alikuwa', 'katika'],
};

/**
 * Words that end the place part of an SMS ("HAKI POSTMORTEM TURKANA my brother …"): what follows is
 * the story, where a word that is also a village's name ("wote", all) must not be read as one.
 */
export const STORY_STARTS: ReadonlySet<string> = new Set([
  'my',
  'our',
  'his',
  'her',
  'their',
  'the',
  'a',
  'an',
  'is',
  'was',
  'has',
  'he',
  'she',
  'they',
  'i',
  'we',
  'please',
  'help',
  'urgent',
  'na',
  'ni',
  'kaka',
  'dada',
  'mama',
  'baba',
  'mtoto',
  'mwanangu',
  'yangu',
  'wangu',
  'wetu',
  'tafadhali',
  'saidia',
  'haraka',
  'wote',
]);

/** Place names that are everyday words ("wote" is Swahili for all, "sori" is sorry): an SMS never names a place by them. */
export const PLACE_NAMES_THAT_ARE_WORDS: ReadonlySet<string> = new Set([
  'wote',
  'sawa',
  'saba',
  'simba',
  'mai',
  'il',
  'sori',
  'kawaida',
  'majengo',
  'engineer',
]);
