import { ProblemException, type FieldProblem } from './problem.js';

/**
 * Every problem `type` the service emits, with its status and title. Clients switch
 * on `type`; the list is documented in docs/errors.md and only ever grows.
 */
export const PROBLEM_TYPES = {
  'invalid-arguments': { status: 400, title: 'Invalid tool arguments' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  'unknown-filter-value': { status: 400, title: 'Unknown filter value' },
  'unknown-location': { status: 400, title: 'Unknown location' },
  'unknown-role': { status: 400, title: 'Unknown role' },
  'unknown-status': { status: 400, title: 'Unknown status' },
  'result-too-large': { status: 400, title: 'Result too large' },
  'scope-too-large': { status: 400, title: 'Scope too large' },
  unauthorized: { status: 401, title: 'Authentication required' },
  'tool-forbidden': { status: 403, title: 'Tool not allowed for this caller' },
  forbidden: { status: 403, title: 'Forbidden' },
  'unknown-tool': { status: 404, title: 'Unknown tool' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'client-closed': { status: 499, title: 'Client closed the request' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'nautobot-auth': { status: 502, title: 'Nautobot rejected our API token' },
  'nautobot-query-error': { status: 502, title: 'Nautobot rejected the query' },
  'nautobot-bad-response': { status: 502, title: 'Nautobot sent a response we cannot read' },
  'nautobot-error': { status: 502, title: 'Nautobot failed' },
  'nautobot-response-too-large': {
    status: 502,
    title: 'Nautobot answered more than NAUTOBOT_MAX_RESPONSE_BYTES',
  },
  'nautobot-unreachable': { status: 503, title: 'Nautobot is unreachable' },
  'not-ready': { status: 503, title: 'Service not ready' },
  'auth-unavailable': { status: 503, title: 'Authentication temporarily unavailable' },
  'nautobot-timeout': { status: 504, title: 'Nautobot did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A problem `type` slug. */
export type ProblemType = keyof typeof PROBLEM_TYPES;

/** Builds the exception for a catalogued problem type. */
export function problemOf(
  type: ProblemType,
  detail?: string,
  extensions: Record<string, unknown> = {},
): ProblemException {
  const { status, title } = PROBLEM_TYPES[type];
  return ProblemException.of(status, type, title, detail, extensions);
}

/** A 400 lists at most this many field problems; the rest are only counted (`omittedErrors`). */
export const MAX_LISTED_PROBLEMS = 20;

/** Longest field name echoed back; a longer one (an attacker's 500 KB key) is cut. */
const MAX_FIELD_CHARS = 64;

/** A field name as it may appear in an answer: cut to MAX_FIELD_CHARS characters. */
export function fieldLabel(name: string): string {
  return name.length > MAX_FIELD_CHARS ? `${name.slice(0, MAX_FIELD_CHARS)}…` : name;
}

/**
 * A 400 naming the invalid fields: the first MAX_LISTED_PROBLEMS in `errors` and in
 * `detail`, the rest counted, so the answer stays small whatever the request holds.
 * `note` (e.g. the accepted names) ends the detail once, never once per field.
 */
export function invalidFields(
  type: 'invalid-arguments' | 'invalid-request',
  problems: readonly FieldProblem[],
  options: { detail?: string; note?: string } = {},
): ProblemException {
  const errors = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map(({ field, message }) => ({ field: fieldLabel(field), message }));
  const omitted = problems.length - errors.length;
  let detail = options.detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  if (omitted > 0) {
    detail += `; and ${omitted} more problems`;
  }
  if (options.note) {
    detail += /[.?!]$/.test(detail) ? ` ${options.note}` : `. ${options.note}`;
  }
  return problemOf(type, detail, omitted > 0 ? { errors, omittedErrors: omitted } : { errors });
}

/** A 400 `invalid-arguments` listing the invalid fields (at most MAX_LISTED_PROBLEMS). */
export function invalidArguments(
  errors: readonly FieldProblem[],
  detail?: string,
): ProblemException {
  return invalidFields('invalid-arguments', errors, { detail });
}
