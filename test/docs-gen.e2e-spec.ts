import { SETTING_SPECS } from '@nautobot-mcp/config';
import {
  REGENERATE,
  generateDocs,
  renderConfigurationReference,
  stalePaths,
  type GeneratedFile,
} from '../scripts/docs-gen.js';

describe('generated docs (scripts/docs-gen.ts)', () => {
  let files: GeneratedFile[];

  beforeAll(async () => {
    files = await generateDocs();
  });

  it(`are committed as the code gives them (else: ${REGENERATE})`, () => {
    const stale = stalePaths(files);
    if (stale.length > 0) {
      throw new Error(`Stale generated docs: ${stale.join(', ')}. Run ${REGENERATE} and commit.`);
    }
  });

  it('list every setting with its env name, YAML path, default and description', () => {
    const page = files.find((f) => f.path === 'docs/reference/configuration.md')!.content;
    for (const spec of SETTING_SPECS) {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${spec.env}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(spec.yaml ? `\`${spec.yaml}\`` : 'env only');
      expect(row).toContain(spec.description.replace(/\|/g, '\\|'));
      if (spec.default !== undefined && !Array.isArray(spec.default)) {
        expect(row).toContain(`\`${String(spec.default)}\``);
      }
    }
  });

  it('never shows a secret example as a default', () => {
    const page = renderConfigurationReference(SETTING_SPECS);
    for (const spec of SETTING_SPECS.filter((s) => s.secret)) {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${spec.env}\` |`))!;
      expect(row).toContain('**Secret**');
    }
  });

  it('describe every tool of GET /tools with its schemas and a working example', async () => {
    const page = files.find((f) => f.path === 'docs/reference/tools.md')!.content;
    const openapi = JSON.parse(files.find((f) => f.path === 'docs/openapi.json')!.content);
    const toolPaths = Object.keys(openapi.paths).filter(
      (p) => p.startsWith('/tools/') && p !== '/tools/invoke',
    );
    expect(toolPaths.length).toBeGreaterThan(0);
    for (const path of toolPaths) {
      const name = path.slice('/tools/'.length);
      expect(page).toContain(`## \`${name}\``);
    }
    expect(page).toContain('Input JSON Schema');
    expect(page).toContain('Output JSON Schema');
    expect(page).toContain('Answer from the demo data');
    expect(openapi.components.securitySchemes).toEqual(
      expect.objectContaining({ api_key: expect.any(Object), oidc: expect.any(Object) }),
    );
  });
});
