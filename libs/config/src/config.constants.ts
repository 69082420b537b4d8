/** Injection token of the validated, frozen `Settings`. */
export const SETTINGS = '@nautobot-mcp/config:SETTINGS';

/** Injection token of the `OrgConfig` loaded from ORG_CONFIG_FILE (empty when unset). */
export const ORG_CONFIG = '@nautobot-mcp/config:ORG_CONFIG';
