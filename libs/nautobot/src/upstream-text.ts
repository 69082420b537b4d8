/** Longest piece of Nautobot's text we pass on or log. */
export const MAX_UPSTREAM_TEXT = 300;

const TOKEN_LIKE: RegExp[] = [
  /\b(Bearer|Token|Basic)\s+[^\s'",;]+/gi,
  // Nautobot 2 tokens: 40 hex characters, wherever they stand (also glued to a word).
  /(?<![0-9a-f])[0-9a-f]{40,}(?![0-9a-f])/gi,
  // Nautobot 3 API tokens and other prefixed keys (nbapikey_…), JWT-shaped strings.
  /\bnbapikey_[A-Za-z0-9_-]+/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  // Passwords in URLs: scheme://user:password@host
  /(?<=[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+(?=@)/gi,
];

/** Text from Nautobot with token-like strings replaced and whitespace squeezed, cut to a bound. */
export function redact(text: string, max = MAX_UPSTREAM_TEXT): string {
  let out = text.replace(/\s+/g, ' ').trim();
  if (out.length > max * 4) {
    out = out.slice(0, max * 4);
  }
  for (const pattern of TOKEN_LIKE) {
    out = out.replace(pattern, (match, scheme: unknown) =>
      typeof scheme === 'string' && /^(bearer|token|basic)$/i.test(scheme)
        ? `${scheme} [redacted]`
        : '[redacted]',
    );
  }
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/**
 * Messages of Nautobot we pass on to callers: GraphQL validation and coercion errors
 * (graphql-core's wording, the same in every Nautobot version) and Django filter/form
 * errors (`{'field': ['…']}`), which describe the caller's own query or arguments.
 * Anything else (database errors, tracebacks, plugin messages) may carry internals.
 */
const RECOGNISED: RegExp[] = [
  // graphql-core 2 (Nautobot 2.x) quotes names with ", graphql-core 3 (Nautobot 3.x) with '.
  /^Cannot query field ["']/,
  /^Unknown (argument|type|fragment|directive) ["']/,
  /^(Field|Argument|Variable|Fragment|Directive|Enum|Type) ["']/,
  /^Syntax Error[: ]/,
  /^Expected (value of )?type ["']/,
  /^(Int|Float|String|Boolean|ID) cannot represent /,
  /^There can be only one /,
  /^The (query|operation) /,
  /^Invalid (value|UUID|filter)/,
  /^\{'[\w]+': \[/,
  /^\{"[\w]+": \[/,
  /^'[\w]+' is not a valid /,
  /^“?[^”]*”? is not a valid UUID/,
];

/** Whether a Nautobot message is one we pass on (see {@link RECOGNISED}). */
export function isRecognised(message: string): boolean {
  const trimmed = message.trim();
  return RECOGNISED.some((pattern) => pattern.test(trimmed));
}

/** What callers see in place of a message we do not pass on. */
export const WITHHELD =
  'Nautobot reported an error it did not explain in a form we pass on; its text is in this server\u2019s log (same request id).';

/** A Nautobot message as callers may see it: recognised and redacted, or withheld. */
export function publicMessage(message: string): string {
  return isRecognised(message) ? redact(message) : WITHHELD;
}
