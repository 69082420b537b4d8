import { accessSync, constants, statSync } from 'node:fs';
import { registerDecorator, type ValidationArguments } from 'class-validator';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent path is not a directory',
};

/** A short, user-facing reason for a failed file-system call. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : REASONS[code];
  return reason ?? (error instanceof Error ? error.message : String(error));
}

/** Why `path` is not a readable file (or directory), or undefined when it is. */
export function pathProblem(path: string, kind: 'file' | 'directory'): string | undefined {
  try {
    const stats = statSync(path);
    if (kind === 'file' && !stats.isFile()) {
      return stats.isDirectory() ? 'is a directory' : 'is not a regular file';
    }
    if (kind === 'directory' && !stats.isDirectory()) {
      return 'is not a directory';
    }
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

function isReadablePath(kind: 'file' | 'directory'): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: kind === 'file' ? 'isReadableFile' : 'isReadableDirectory',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && pathProblem(value, kind) === undefined,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          const reason = typeof value === 'string' ? pathProblem(value, kind) : 'not a path';
          return `must be a readable ${kind} (${reason ?? 'unreadable'})`;
        },
      },
    });
  };
}

/** The value must name an existing, readable regular file. */
export const IsReadableFile = (): PropertyDecorator => isReadablePath('file');

/** The value must name an existing, readable directory. */
export const IsReadableDirectory = (): PropertyDecorator => isReadablePath('directory');
