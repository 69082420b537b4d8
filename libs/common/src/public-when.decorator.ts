import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link PublicWhen}. */
export const PUBLIC_WHEN_KEY = 'nautobot-mcp:public-when';

/**
 * Opts a route out of authentication when the named boolean setting is true (e.g.
 * `/metrics` with METRICS_PUBLIC=true); otherwise it is protected like any other.
 */
export const PublicWhen = (setting: string) => SetMetadata(PUBLIC_WHEN_KEY, setting);
