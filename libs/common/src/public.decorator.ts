import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link Public}. */
export const IS_PUBLIC_KEY = 'nautobot-mcp:public';

/** Opts a controller or route out of authentication (health probes only). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
