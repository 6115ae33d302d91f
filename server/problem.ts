// Errors as RFC 9457 problem documents with field paths and sentences a person understands.
import type { z } from 'zod';
import type { HubErrorCode } from '../lib/contract/errors';
import { type Problem, SCIM_ERROR, SCIM_MEDIA_TYPE, type ScimError, type ScimErrorType } from '../lib/contract/hub';

export type FieldError = NonNullable<Problem['errors']>[number];

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** The code of a problem when nothing more specific is said. */
const codes: Record<number, HubErrorCode> = {
  400: 'invalid-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-found',
  409: 'conflict',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  422: 'invalid-request',
  429: 'rate-limited',
  500: 'internal',
  503: 'unavailable',
};

function codeOf(status: number): HubErrorCode {
  return codes[status] ?? (status >= 500 ? 'internal' : 'invalid-request');
}

/** Thrown by handlers and services; turned into a problem response. `code` defaults from the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly code: HubErrorCode = codeOf(status),
  ) {
    super(detail);
  }
}

function problemBody(
  status: number,
  detail: string,
  errors?: FieldError[],
  instance?: string,
  code: HubErrorCode = codeOf(status),
): Problem {
  return {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    ...(instance ? { instance } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

export function problemResponse(
  status: number,
  detail: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
  code: HubErrorCode = codeOf(status),
): Response {
  return new Response(JSON.stringify(problemBody(status, detail, errors, undefined, code)), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** `events.3.occurredAt` from a zod issue path. */
export function pathOf(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  const parts = path.map(String);
  if (prefix) parts.unshift(prefix);
  return parts.join('.') || '(root)';
}

/** Zod issues as field errors. */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: pathOf(issue.path, prefix), message: sentence(issue) }));
}

function sentence(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `"${issue.path.map(String).join('.')}"` : 'The value';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `${where} is required (${issue.expected}).`
        : `${where} should be ${article(issue.expected)}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'}.`;
    case 'too_big':
      return `${where} is too big or too long (at most ${String(issue.maximum)}).`;
    case 'too_small':
      return `${where} is too small or too short (at least ${String(issue.minimum)}).`;
    case 'invalid_value':
      return `${where} should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_union':
      return `${where} does not match any allowed shape${'note' in issue && issue.note ? ` (${issue.note})` : ''}.`;
    default:
      return `${where}: ${issue.message}.`.replace(/\.\.$/, '.');
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** SCIM routes (`/v1/scim/v2/…`) answer errors in SCIM's own schema, which IdPs' provisioning clients read. */
export function isScimPath(path: string): boolean {
  return path.startsWith('/v1/scim/');
}

/** A refusal of a SCIM route, with RFC 7644's `scimType` where the RFC defines one. */
export class ScimHttpError extends HttpError {
  constructor(
    status: number,
    detail: string,
    readonly scimType?: ScimErrorType,
  ) {
    super(status, detail);
  }
}

/** RFC 7644 §3.12: `status` as a string, `application/scim+json`. */
export function scimErrorResponse(
  status: number,
  detail: string,
  scimType?: ScimErrorType,
  headers: Record<string, string> = {},
): Response {
  const body: ScimError = { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': SCIM_MEDIA_TYPE, ...headers } });
}

/** Any refusal of a SCIM route in SCIM's schema: a body or query that does not fit the schema is `invalidSyntax`. */
export function scimErrorOf(error: HttpError): Response {
  const scimType = error instanceof ScimHttpError ? error.scimType : error.status === 400 ? 'invalidSyntax' : undefined;
  const fields = error.errors?.map((e) => `${e.path}: ${e.message}`).join(' ');
  return scimErrorResponse(error.status, fields ? `${error.detail} ${fields}` : error.detail, scimType, error.headers);
}
