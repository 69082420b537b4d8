import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ListQueryService } from './list-query.service.js';
import { LocationScope } from './location-scope.service.js';
import { DevicesByLocationAndRoleTool } from './tools/devices-by-location-and-role.tool.js';
import { DevicesByLocationTool } from './tools/devices-by-location.tool.js';
import { PrefixesByLocationTool } from './tools/prefixes-by-location.tool.js';
import { ToolRegistry } from './tool.registry.js';
import { ToolsController } from './tools.controller.js';

/** Every tool, the registry that serves them, and the REST door. */
@Module({
  imports: [DiscoveryModule],
  controllers: [ToolsController],
  providers: [
    ToolRegistry,
    ListQueryService,
    LocationScope,
    PrefixesByLocationTool,
    DevicesByLocationTool,
    DevicesByLocationAndRoleTool,
  ],
  exports: [ToolRegistry],
})
export class ToolsModule {}
