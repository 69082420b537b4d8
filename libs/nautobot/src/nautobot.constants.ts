/** Injection token for the resolved {@link NautobotClientOptions}. */
export const NAUTOBOT_CLIENT_OPTIONS = 'nautobot-mcp:nautobot:client-options';
