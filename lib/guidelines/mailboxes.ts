// E-mail addresses that are nobody's personal contact, and addresses spelled out to dodge scrapers.

/**
 * Role mailboxes (RFC 2142 and the usual company ones): a company's press@ or careers@ is nobody's personal contact.
 */
const ROLE_MAILBOXES = new Set([
  'info',
  'hello',
  'contact',
  'press',
  'media',
  'pr',
  'news',
  'newsroom',
  'careers',
  'jobs',
  'recruiting',
  'talent',
  'hr',
  'support',
  'help',
  'helpdesk',
  'service',
  'customerservice',
  'sales',
  'marketing',
  'ir',
  'investors',
  'investor.relations',
  'investorrelations',
  'partners',
  'partnerships',
  'security',
  'abuse',
  'privacy',
  'legal',
  'compliance',
  'dpo',
  'office',
  'team',
  'feedback',
  'events',
  'community',
  'webmaster',
  'postmaster',
  'hostmaster',
  'noc',
  'admin',
  'billing',
  'accounts',
  'orders',
  'bookings',
  'reservations',
  'enquiries',
  'inquiries',
  'kontakt',
  'presse',
  'karriere',
  'bewerbung',
  'contacto',
  'prensa',
  'empleo',
  'recrutement',
  'ventas',
  'vertrieb',
  'noreply',
  'no-reply',
  'newsletter',
  'studio',
  'editor',
  'editors',
]);
/** Is the e-mail address at s[a, b) a role mailbox (its local part, before any +tag)? */
export function isRoleMailbox(address: string): boolean {
  const local = address.slice(0, address.indexOf('@') < 0 ? address.search(/\s|\[|\(/) : address.indexOf('@'));
  return ROLE_MAILBOXES.has(local.toLowerCase().split('+')[0] ?? '');
}

// Addresses written to dodge scrapers: "jane.doe [at] example [dot] com", "jane (at) example (dot) com",
// "jane at example dot com". Searched only when the text has one of the tell-tale words.
export const OBFUSCATED_EMAIL =
  /(?<![a-z0-9._%+-])([a-z0-9][a-z0-9._%+-]{0,63}(?:\s*(?:[[({<]\s*(?:dot|\.)\s*[\])}>]|\sdot\s)\s*[a-z0-9][a-z0-9._%+-]{0,63}){0,3})\s*(?:[[({<]\s*(?:at|@)\s*[\])}>]|\s(?:at)\s)\s*([a-z0-9][a-z0-9-]{0,62}(?:\s*(?:[[({<]\s*(?:dot|\.)\s*[\])}>]|\s(?:dot)\s|\.)\s*[a-z0-9-]{1,63}){1,4})/g;
// Cheap tell-tales (native substring scans) before the obfuscated-address regex runs.
const OBFUSCATION_HINTS = ['[at]', '(at)', '{at}', '<at>', '[@]', '(@)', '[ at ]', '( at )', '[dot]', '(dot)', ' dot '];
export const hasObfuscationHint = (s: string): boolean => OBFUSCATION_HINTS.some((h) => s.includes(h));
export const OBFUSCATED_TLD = /(?:[[({<]\s*(?:dot|\.)\s*[\])}>]|\sdot\s|\.)\s*([a-z]{2,24})$/;
