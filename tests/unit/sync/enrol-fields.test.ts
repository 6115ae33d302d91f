import { describe, expect, it } from 'vitest';
import { EnrollRequestSchema } from '@/lib/contract/hub-member';
import { checkEnrolment, ENROL_MESSAGES, enrolFailure, normaliseHubUrl } from '@/lib/sync/enrol-fields';
import { fieldErrors } from '../../../server/problem';

const good = { hubUrl: 'https://spoke.example.com/', inviteCode: 'ABCD-1234-EFGH', displayName: 'Avery' };

describe('the connect form, checked before anything is sent', () => {
  it('accepts https anywhere and http only on this computer', () => {
    expect(normaliseHubUrl(' https://spoke.example.com/hub/ ')).toBe('https://spoke.example.com/hub');
    expect(normaliseHubUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normaliseHubUrl('http://localhost:8787/')).toBe('http://localhost:8787');
    expect(normaliseHubUrl('http://spoke.example.com')).toBeNull();
    expect(normaliseHubUrl('spoke.example.com')).toBeNull();
    expect(normaliseHubUrl('https://user:pw@spoke.example.com')).toBeNull();
  });

  it('names each wrong field with what to do, in the form order', () => {
    expect(checkEnrolment(good)).toEqual([]);
    expect(checkEnrolment({ hubUrl: '', inviteCode: '  ', displayName: ' ' })).toEqual([
      { field: 'hubUrl', message: ENROL_MESSAGES.hubUrlMissing },
      { field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeMissing },
      { field: 'displayName', message: ENROL_MESSAGES.displayNameMissing },
    ]);
    expect(checkEnrolment({ ...good, hubUrl: 'http://spoke.example.com' })).toEqual([
      { field: 'hubUrl', message: ENROL_MESSAGES.hubUrlInvalid },
    ]);
    expect(checkEnrolment({ ...good, inviteCode: 'abc def!' })).toEqual([
      { field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeShape },
    ]);
    expect(checkEnrolment({ ...good, displayName: 'x'.repeat(121) })).toEqual([
      { field: 'displayName', message: ENROL_MESSAGES.displayNameTooLong },
    ]);
    expect(checkEnrolment({ ...good, displayName: 'Avery\nAdvocate' })[0]?.field).toBe('displayName');
    // The address message says which scheme is accepted where.
    expect(ENROL_MESSAGES.hubUrlInvalid).toContain('https://');
    expect(ENROL_MESSAGES.hubUrlInvalid).toContain('http://');
  });
});

describe("the hub's refusal, mapped to the form", () => {
  const invalid = (errors: Array<{ path: string; message: string }>) => ({
    status: 400,
    problem: { code: 'invalid-request', errors },
  });

  it('ties field paths to fields with the page’s own sentences, never the hub’s', () => {
    const failure = enrolFailure(
      invalid([
        { path: 'body.inviteCode', message: '"inviteCode" is too small or too short (at least 8).' },
        { path: 'body.displayName', message: '"displayName" is too small or too short (at least 1).' },
      ]),
      { ...good, inviteCode: 'abc', displayName: '' },
    );
    expect(failure.fields).toEqual([
      { field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeShape },
      { field: 'displayName', message: ENROL_MESSAGES.displayNameMissing },
    ]);
    expect(JSON.stringify(failure)).not.toContain('too small');
  });

  it('uses a general sentence for a field the page saw nothing wrong with', () => {
    const failure = enrolFailure(invalid([{ path: 'body.displayName', message: 'raw' }]), good);
    expect(failure).toEqual({
      message: ENROL_MESSAGES.displayNameLine,
      fields: [{ field: 'displayName', message: ENROL_MESSAGES.displayNameLine }],
    });
  });

  it('says what to do for an unknown code, a dead address, a stranger, a busy or broken hub', () => {
    expect(enrolFailure({ status: 404, problem: { code: 'not-found' } }, good).fields).toEqual([
      { field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeUnknown },
    ]);
    // An organisation that signs in with single sign-on only points to it.
    expect(enrolFailure({ status: 403, problem: { code: 'forbidden' } }, good).fields).toEqual([
      { field: 'inviteCode', message: ENROL_MESSAGES.invitesOff },
    ]);
    expect(ENROL_MESSAGES.inviteCodeUnknown).toBe(
      'This invite code is unknown, expired, revoked or used up — ask your CoE for a new link.',
    );
    expect(enrolFailure({ status: 0 }, good).fields).toEqual([
      { field: 'hubUrl', message: ENROL_MESSAGES.hubUrlUnreachable },
    ]);
    expect(enrolFailure({ status: 404 }, good).fields[0]?.message).toBe(ENROL_MESSAGES.hubUrlNotAHub);
    expect(enrolFailure({ status: 429, problem: { code: 'rate-limited' } }, good)).toEqual({
      message: ENROL_MESSAGES.tooManyTries,
      fields: [],
    });
    expect(enrolFailure({ status: 503, problem: { code: 'unavailable' } }, good).message).toBe(
      ENROL_MESSAGES.hubTrouble,
    );
    expect(enrolFailure(invalid([{ path: 'body.deviceLabel', message: 'raw' }]), good)).toEqual({
      message: ENROL_MESSAGES.generic,
      fields: [],
    });
  });

  it('maps what the hub itself answers for a bad body (its own field paths) to the same words', () => {
    // The hub's 400: fieldErrors(zod error, 'body'), exactly as server/routing.ts builds it.
    const sent = { inviteCode: 'ab', displayName: '' };
    const parsed = EnrollRequestSchema.safeParse(sent);
    if (parsed.success) throw new Error('expected a refusal');
    const problem = { code: 'invalid-request', errors: fieldErrors(parsed.error, 'body') };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['body.displayName', 'body.inviteCode']);
    const failure = enrolFailure({ status: 400, problem }, { hubUrl: 'https://hub.example.com', ...sent });
    expect(failure.fields).toEqual([
      { field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeShape },
      { field: 'displayName', message: ENROL_MESSAGES.displayNameMissing },
    ]);
    expect(failure.message).toBe('Correct the fields marked below, then connect again.');
  });
});
