import { describe, expect, it } from '@jest/globals';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('hashes with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(isPasswordHash(a)).toBe(true);
    expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', a)).resolves.toBe(false);
  });

  it('refuses anything that is not our hash', async () => {
    expect(isPasswordHash('hunter2')).toBe(false);
    await expect(verifyPassword('x', 'hunter2')).resolves.toBe(false);
    await expect(verifyPassword('x', 'bcrypt$1$2$3$abc$def')).resolves.toBe(false);
  });
});
