// The LinkedIn fixtures' UI strings in the languages the E2E suite runs them in: `?lang=de` or `?lang=fr` on the
// fixture URL switches the launcher's label and the share dialog's buttons, as a member's UI language does live.
// Spoke must find the composer and its Post button without reading any of these.

interface Strings {
  startPost: string;
  post: string;
  audience: string;
}

const STRINGS: Record<string, Strings> = {
  en: { startPost: 'Start a post', post: 'Post', audience: 'Jane Doe · Post to Anyone ▾' },
  de: { startPost: 'Beitrag beginnen', post: 'Posten', audience: 'Jane Doe · Beitrag für alle ▾' },
  fr: { startPost: 'Commencer un post', post: 'Publier', audience: 'Jane Doe · Publier pour tout le monde ▾' },
};

/** The strings of the language asked for in the URL (English by default), with the page's lang set to match. */
export function fixtureStrings(): Strings {
  const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
  const strings = STRINGS[lang] ?? (STRINGS.en as Strings);
  document.documentElement.lang = STRINGS[lang] ? lang : 'en';
  return strings;
}
