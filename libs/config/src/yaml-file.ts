import { readFileSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { describeFsError } from './file-system.validators.js';

/** A parsed YAML file that can tell the line of any of its nodes. */
export interface YamlFile {
  readonly path: string;
  readonly doc: Document.Parsed;
  /** 1-based line where `node` starts, if it came from the file. */
  lineOf(node: unknown): number | undefined;
}

/**
 * Reads and parses a YAML file. Problems (unreadable file, syntax errors with line and
 * column) are full lines starting with `label` and the path; no file is returned then.
 */
export function readYamlFile(
  label: string,
  path: string,
): { file: YamlFile; problems: [] } | { file?: undefined; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { problems: [`${label} ${path}: cannot read the file (${describeFsError(error)})`] };
  }
  const lineCounter = new LineCounter();
  // prettyErrors would quote the offending source line, which may hold a secret.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        const reason = error.message.split('\n')[0];
        return `${label} ${path} line ${line}, col ${col}: invalid YAML: ${reason}`;
      }),
    };
  }
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return { file: { path, doc, lineOf }, problems: [] };
}

/** A scalar (string, number or boolean) as text, e.g. a mapping key; else undefined. */
export function scalarToString(node: unknown): string | undefined {
  if (!isScalar(node)) {
    return undefined;
  }
  const { value } = node;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}
