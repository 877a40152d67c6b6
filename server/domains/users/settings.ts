// Checks of account settings the request schema can only shape: whether a language, country
// or time zone code names a real one. Node's ICU data is the reference, so no list is kept here.
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes ICU names that are not countries (unknown region, unions, outlying groups). */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

/** `en` or `pt-BR` (the schema's pattern): both parts must be known codes. */
export function isKnownLanguage(code: string): boolean {
  const [language, region] = code.split('-');
  if (languages.of(language!) === undefined) return false;
  return region === undefined || isKnownCountry(region);
}

export function isKnownCountry(code: string): boolean {
  return !NOT_COUNTRIES.has(code) && regions.of(code) !== undefined;
}

/** The canonical IANA name of a time zone (`utc` → `UTC`), or undefined for none. */
export function canonicalTimeZone(name: string): string | undefined {
  // Newer ICU also takes UTC offsets (`+0500`), which are no IANA names.
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
