/** Injection token of the process logger (pino). */
export const ROOT_LOGGER = 'nautobot-mcp:observability:logger';

/** Injection token of a stream replacing the audit destination (tests). */
export const AUDIT_STREAM = 'nautobot-mcp:observability:audit-stream';
