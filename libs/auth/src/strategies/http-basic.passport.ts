import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { AuthError } from '../auth-error.js';

type Verify = (
  username: string,
  password: string,
  done: (error: unknown, user?: unknown) => void,
) => void;

/**
 * A minimal passport strategy for HTTP Basic (RFC 7617). It only parses the header;
 * checking the password is the verify callback's job.
 */
export class HttpBasicStrategy extends Strategy {
  name = 'basic';

  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      this.error(new AuthError('malformed-credentials', 'The Basic credentials are malformed.'));
      return;
    }
    this.verify(decoded.slice(0, colon), decoded.slice(colon + 1), (error, user) => {
      if (error) {
        this.error(error as Error);
      } else if (!user) {
        this.fail(401);
      } else {
        this.success(user);
      }
    });
  }
}
