import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ORG_CONFIG, SETTINGS } from './config.constants.js';
import { loadOrgConfig } from './org-config.loader.js';
import { loadSettings, type LoadedSettings } from './settings.loader.js';

/** Provides the validated settings and the org customisation to the whole app. */
@Module({})
export class AppConfigModule {
  /**
   * A global module providing {@link SETTINGS} and {@link ORG_CONFIG}, and `ConfigService`
   * over the same settings. Without `loaded`, settings are read from `process.env` when the
   * app is created (not when this is called), so a bad setting fails app creation.
   */
  static forRoot(loaded?: LoadedSettings): DynamicModule {
    let cached = loaded;
    const getLoaded = (): LoadedSettings => (cached ??= loadSettings());
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          // ConfigService serves the validated settings only, never raw process.env.
          skipProcessEnv: true,
          load: [() => ({ ...getLoaded().settings })],
        }),
      ],
      providers: [
        { provide: SETTINGS, useFactory: () => getLoaded().settings },
        {
          provide: ORG_CONFIG,
          useFactory: () => loadOrgConfig(getLoaded().settings.orgConfigFile),
        },
      ],
      exports: [SETTINGS, ORG_CONFIG],
    };
  }
}
