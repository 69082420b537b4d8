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

/** A 400 listing every invalid field. */
export function invalidArguments(errors: FieldProblem[], detail?: string): ProblemException {
  const summary = detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return problemOf('invalid-arguments', summary, { errors });
}
