import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SETTING_SPECS } from './setting-specs.js';

describe('.env.example', () => {
  const text = readFileSync(
    fileURLToPath(new URL('../../../.env.example', import.meta.url)),
    'utf8',
  );
  const lines = text.split('\n');
  const assignments = lines.flatMap((line, index) => {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ commented: !!match[1], env: match[2], value: match[3], index }] : [];
  });

  it('lists every setting of SETTING_SPECS, and nothing else', () => {
    expect(assignments.map((a) => a.env).sort()).toEqual(SETTING_SPECS.map((s) => s.env).sort());
  });

  it('describes each setting with its description from SETTING_SPECS', () => {
    for (const spec of SETTING_SPECS) {
      const { index } = assignments.find((a) => a.env === spec.env)!;
      const comments = lines.slice(0, index).reverse();
      const block = comments.slice(
        0,
        comments.findIndex((l) => !l.startsWith('#')),
      );
      expect(block).toContain(`# ${spec.description}`);
    }
  });

  it('sets defaults as they are, and leaves secrets and settings without default commented out', () => {
    for (const spec of SETTING_SPECS) {
      const assignment = assignments.find((a) => a.env === spec.env)!;
      if (spec.secret || spec.default === undefined) {
        expect(assignment).toMatchObject({ commented: true });
      } else {
        expect(assignment).toMatchObject({ commented: false, value: String(spec.default) });
      }
    }
  });
});
