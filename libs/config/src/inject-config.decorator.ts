import { Inject } from '@nestjs/common';
import { ORG_CONFIG, SETTINGS } from './config.constants.js';

/** Injects the validated `Settings` (token {@link SETTINGS}). */
export const InjectSettings = (): PropertyDecorator & ParameterDecorator => Inject(SETTINGS);

/** Injects the `OrgConfig` (token {@link ORG_CONFIG}). */
export const InjectOrgConfig = (): PropertyDecorator & ParameterDecorator => Inject(ORG_CONFIG);
