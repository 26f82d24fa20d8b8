import ISO6391 from 'iso-639-1';

/**
 * Kenyan languages that ISO 639-1 has no two-letter code for, by their ISO 639-3 codes. Intake staff
 * and volunteers name them often, so they must match too; any other language uses its 639-1 code.
 */
const KENYAN_639_3: Record<string, string> = {
  dholuo: 'luo',
  luo: 'luo',
  kalenjin: 'kln',
  luhya: 'luy',
  luyia: 'luy',
  kamba: 'kam',
  kikamba: 'kam',
  maasai: 'mas',
  maa: 'mas',
  meru: 'mer',
  kimeru: 'mer',
  ekegusii: 'guz',
  gusii: 'guz',
  kisii: 'guz',
  turkana: 'tuv',
  borana: 'gax',
};

/**
 * One code per language, so "Swahili", "Kiswahili", "SW" and "sw" all match: the ISO 639-1 code
 * (English or native name, any case), or for the Kenyan languages above their ISO 639-3 code.
 * Undefined when the input names no language we know: the caller reports it against its field.
 */
export function languageCode(input: string): string | undefined {
  const word = input.trim().toLowerCase();
  if (ISO6391.validate(word)) return word;
  if (Object.values(KENYAN_639_3).includes(word)) return word;
  const code = ISO6391.getCode(word);
  return code || KENYAN_639_3[word];
}
