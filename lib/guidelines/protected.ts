// Protected concerted activity (NLRA Section 7): employees may discuss their own pay, hours and conditions and act
// together, so conduct and confidentiality rules stand down when a draft does (the guard).

import type { Rule } from './schema';
import { inside } from './spans';

/** Phrases about the author's own pay, hours, conditions, collective action. */
export const PROTECTED = [
  'my pay',
  'our pay',
  'my salary',
  'our salary',
  'our salaries',
  'my wage',
  'my wages',
  'our wages',
  'my hours',
  'our hours',
  'my shift',
  'my shifts',
  'our shifts',
  'my schedule',
  'our schedules',
  'working conditions',
  'work conditions',
  'workplace safety',
  'unsafe conditions',
  'overtime',
  'pay raise',
  'pay rise',
  'pay cut',
  'pay cuts',
  'pay gap',
  'pay transparency',
  'equal pay',
  'underpaid',
  'understaffed',
  'my benefits',
  'our benefits',
  'parental leave',
  'sick leave',
  'union',
  'unions',
  'unionize',
  'unionise',
  'unionizing',
  'unionising',
  'unionized',
  'collective bargaining',
  'collective action',
  'walkout',
  'on strike',
  'strike vote',
  'organizing',
  'organising',
  'coworkers and i',
  'co-workers and i',
  'my coworkers',
  'my colleagues and i',
];
/** Names that contain a protected word without being about work ("credit union", "European Union"). */
export const PROTECTED_EXCEPT = [
  'european union',
  'credit union',
  'soviet union',
  'union square',
  'union station',
  'union pacific',
  'student union',
  'organizing committee',
];

/**
 * Every rule yields to protected activity (talking about one's own pay, hours, conditions or collective action is
 * protected whatever else the post does), except format rules: a length limit is not about what is said.
 */
export function guardsProtectedActivity(rule: Rule): boolean {
  return rule.protectedActivityGuard ?? rule.category !== 'format';
}

/** Whether some hit of a PROTECTED phrase lies outside every PROTECTED_EXCEPT hit (both as spans). */
export function mentionsProtectedActivity(hits: number[] | undefined, exceptions: number[] | undefined): boolean {
  if (!hits) return false;
  const ex = exceptions ?? [];
  for (let i = 0; i < hits.length; i += 2) if (!inside(hits[i] as number, hits[i + 1] as number, ex)) return true;
  return false;
}
