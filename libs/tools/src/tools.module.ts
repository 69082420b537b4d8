import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ExportsController } from './exports/exports.controller.js';
import { PrefixExportService } from './exports/prefix-export.service.js';
import { ListQueryService } from './list-query.service.js';
import { LocationScope } from './location-scope.service.js';
import { PrefixQuery } from './prefix-query.service.js';
import { DevicesByLocationAndRoleTool } from './tools/devices-by-location-and-role.tool.js';
import { DevicesByLocationTool } from './tools/devices-by-location.tool.js';
import { AnalyzePrefixesTool } from './tools/analyze-prefixes.tool.js';
import { CircuitsTool } from './tools/circuits.tool.js';
import { DeviceDetailsTool } from './tools/device-details.tool.js';
import { DevicesTool } from './tools/devices.tool.js';
import { ExportPrefixesToCsvTool } from './tools/export-prefixes-to-csv.tool.js';
import { GraphqlQueryTool } from './tools/graphql-query.tool.js';
import { IpAddressesTool } from './tools/ip-addresses.tool.js';
import { LocationsTool } from './tools/locations.tool.js';
import { PrefixesByLocationTool } from './tools/prefixes-by-location.tool.js';
import { PrefixesTool } from './tools/prefixes.tool.js';
import { RacksByLocationTool } from './tools/racks-by-location.tool.js';
import { VlansByLocationTool } from './tools/vlans-by-location.tool.js';
import { BodyDepthGuard } from './body-depth.guard.js';
import { ToolRegistry } from './tool.registry.js';
import { ToolsController } from './tools.controller.js';

/** Every tool, the registry that serves them, and the REST door. */
@Module({
  imports: [DiscoveryModule],
  controllers: [ToolsController, ExportsController],
  providers: [
    ToolRegistry,
    BodyDepthGuard,
    ListQueryService,
    LocationScope,
    PrefixQuery,
    PrefixExportService,
    LocationsTool,
    DevicesTool,
    PrefixesTool,
    DeviceDetailsTool,
    IpAddressesTool,
    VlansByLocationTool,
    RacksByLocationTool,
    CircuitsTool,
    ExportPrefixesToCsvTool,
    AnalyzePrefixesTool,
    GraphqlQueryTool,
    PrefixesByLocationTool,
    DevicesByLocationTool,
    DevicesByLocationAndRoleTool,
  ],
  exports: [ToolRegistry, BodyDepthGuard],
})
export class ToolsModule {}
