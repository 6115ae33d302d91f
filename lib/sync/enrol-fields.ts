// Relative, not `@/`: wxt.config.ts (loaded by Node) reaches this file through lib/settings/managed-schema.ts.
import { LOOPBACK_HOSTS, type Problem } from '../contract/hub-common';

// The connect form's three fields, checked the same way on the page (before any request) and in the background
// (when the hub refuses): one sentence per mistake, saying what to do. No sentence of the hub's reaches a person;
// its answer is mapped by status, code and field path.

export type EnrolField = 'hubUrl' | 'inviteCode' | 'displayName';
export interface FieldProblem {
  field: EnrolField;
  message: string;
}
export interface EnrolValues {
  hubUrl: string;
  inviteCode: string;
  displayName: string;
}

export const ENROL_MESSAGES = {
  hubUrlMissing: 'Enter the hub address from your join link or from your CoE’s email.',
  hubUrlInvalid:
    'Enter the hub address exactly as your CoE sent it: it starts with https:// (http:// only for a hub on this computer, such as http://localhost).',
  hubUrlUnreachable:
    'No hub answered at this address. Check it against your join link, check that you are online, then try again.',
  hubUrlNotAHub: 'Something answered at this address, but not a Spoke hub. Check the address against your join link.',
  inviteCodeMissing: 'Enter the invite code from your join link or from your CoE’s email.',
  inviteCodeShape:
    'An invite code has 8 to 64 letters, digits and dashes. Copy it again from your join link, without spaces.',
  inviteCodeUnknown: 'This invite code is unknown, expired, revoked or used up — ask your CoE for a new link.',
  invitesOff: 'Your organisation switched invite codes off: use “Sign in with your organisation” instead.',
  displayNameMissing: 'Enter your name as your colleagues know you.',
  displayNameTooLong: 'Your name can have at most 120 characters. Shorten it.',
  displayNameLine: 'Write your name on one line, without tabs or line breaks.',
  tooManyTries: 'Too many tries from this network in a short time. Wait a minute, then try again.',
  hubTrouble: 'The hub has a problem right now. Try again in a few minutes; if it keeps failing, tell your CoE.',
  organisationSignIn:
    'Your organisation signs you in to Spoke through its own sign-in, not with an invite code: use “Sign in with your organisation”.',
  generic: 'Spoke could not connect. Check the three fields and try again; if it keeps failing, ask your CoE.',
} as const;

/** The hub's normalised address, or null when Spoke does not accept it: HTTPS anywhere, HTTP on loopback only. */
export function normaliseHubUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function hubUrlProblem(value: string): string | null {
  if (!value.trim()) return ENROL_MESSAGES.hubUrlMissing;
  return normaliseHubUrl(value) ? null : ENROL_MESSAGES.hubUrlInvalid;
}

function inviteCodeProblem(value: string): string | null {
  const code = value.trim();
  if (!code) return ENROL_MESSAGES.inviteCodeMissing;
  return /^[A-Za-z0-9-]{8,64}$/.test(code) ? null : ENROL_MESSAGES.inviteCodeShape;
}

function displayNameProblem(value: string): string | null {
  const name = value.trim();
  if (!name) return ENROL_MESSAGES.displayNameMissing;
  if (/\p{Cc}/u.test(name)) return ENROL_MESSAGES.displayNameLine;
  return name.length > 120 ? ENROL_MESSAGES.displayNameTooLong : null;
}

const CHECKS: Record<EnrolField, (value: string) => string | null> = {
  hubUrl: hubUrlProblem,
  inviteCode: inviteCodeProblem,
  displayName: displayNameProblem,
};

/** What is wrong with the form before anything is sent, field by field, in the form's order. */
export function checkEnrolment(values: EnrolValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['hubUrl', 'inviteCode', 'displayName'] as const) {
    const message = CHECKS[field](values[field]);
    if (message) problems.push({ field, message });
  }
  return problems;
}

/** A general sentence and the fields the hub found wrong, for a refused or failed enrolment. */
export interface EnrolFailure {
  message: string;
  fields: FieldProblem[];
}

const FIELD_OF_PATH: Record<string, EnrolField> = {
  'body.inviteCode': 'inviteCode',
  'body.displayName': 'displayName',
};

/**
 * Maps a failed `POST /v1/enroll` to the form. `status` 0 means nothing answered; `problem` is the hub's problem
 * document when it sent one (its field paths are used, its sentences never).
 */
export function enrolFailure(
  failure: { status: number; problem?: Pick<Problem, 'code' | 'errors'> },
  values: EnrolValues,
): EnrolFailure {
  const { status, problem } = failure;
  const one = (field: EnrolField, message: string): EnrolFailure => ({ message, fields: [{ field, message }] });
  if (status === 0) return one('hubUrl', ENROL_MESSAGES.hubUrlUnreachable);
  if (status === 404 && problem?.code === 'not-found') return one('inviteCode', ENROL_MESSAGES.inviteCodeUnknown);
  if (status === 403 && problem?.code === 'forbidden') return one('inviteCode', ENROL_MESSAGES.invitesOff);
  if (!problem) return one('hubUrl', ENROL_MESSAGES.hubUrlNotAHub); // a server that is not a Spoke hub
  if (status === 429) return { message: ENROL_MESSAGES.tooManyTries, fields: [] };
  if (status >= 500) return { message: ENROL_MESSAGES.hubTrouble, fields: [] };
  const fields: FieldProblem[] = [];
  for (const error of problem.errors ?? []) {
    const field = FIELD_OF_PATH[error.path];
    if (!field || fields.some((f) => f.field === field)) continue;
    // The same sentence the page would have shown for this value; a general one when the page saw nothing wrong.
    const message =
      CHECKS[field](values[field]) ??
      (field === 'inviteCode' ? ENROL_MESSAGES.inviteCodeShape : ENROL_MESSAGES.displayNameLine);
    fields.push({ field, message });
  }
  const [first, ...others] = fields;
  if (!first) return { message: ENROL_MESSAGES.generic, fields: [] };
  return {
    message: others.length === 0 ? first.message : 'Correct the fields marked below, then connect again.',
    fields,
  };
}
