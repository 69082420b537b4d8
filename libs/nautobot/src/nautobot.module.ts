import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
} from '@nestjs/common';
import type { NautobotClientOptions } from './nautobot-client-options.js';
import { NAUTOBOT_CLIENT_OPTIONS } from './nautobot.constants.js';
import { NautobotClient } from './nautobot.client.js';
import { NautobotVersionService } from './nautobot-version.service.js';

/** How the app supplies the client's options (from settings, and the simulator in demo mode). */
export interface NautobotModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => NautobotClientOptions | Promise<NautobotClientOptions>;
  inject?: InjectionToken[];
}

/** Provides the {@link NautobotClient}, the one component that talks to Nautobot. */
@Module({})
export class NautobotModule {
  static forRootAsync(options: NautobotModuleAsyncOptions): DynamicModule {
    return {
      module: NautobotModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: NAUTOBOT_CLIENT_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
        NautobotClient,
        NautobotVersionService,
      ],
      exports: [NautobotClient, NautobotVersionService],
    };
  }
}
