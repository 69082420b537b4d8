/**
 * Invalid settings or org customisation file: one line per problem in `problems`, each
 * naming the setting and where its value came from, never a secret value.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
