import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './http-logger.js';

describe('redactUrl', () => {
  it('leaves paths without a query alone', () => {
    expect(redactUrl('/tools/invoke')).toBe('/tools/invoke');
  });

  it('redacts secret-looking parameters, also percent-encoded names, and keeps the rest', () => {
    expect(redactUrl('/x?api%5Fkey=s1&location=AMS01&token&TOKEN=s2&q=a+b')).toBe(
      '/x?api%5Fkey=[redacted]&location=AMS01&token=[redacted]&TOKEN=[redacted]&q=a+b',
    );
  });

  it('judges a name with a broken escape by its raw text', () => {
    expect(redactUrl('/x?password%zz=s3&%zz=ok')).toBe('/x?password%zz=[redacted]&%zz=ok');
  });
});
