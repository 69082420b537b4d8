#!/usr/bin/env node
import 'reflect-metadata';
import { buildAuthConfig, hashPassword } from '@nautobot-mcp/auth';
import { SHUTDOWN_MARGIN_MS, packageInfo } from '@nautobot-mcp/common';
import {
  SettingsError,
  formatSettingsReport,
  loadOrgConfig,
  loadSettings,
  loadStdioSettings,
  type LoadedSettings,
} from '@nautobot-mcp/config';
import { closeOnSignals, routeConsoleToStderr, serveMcpStdio } from '@nautobot-mcp/mcp';
import {
  NautobotClient,
  NautobotVersionService,
  QueryCatalog,
  QueryFileError,
} from '@nautobot-mcp/nautobot';
import { Logger } from '@nestjs/common';
import { Command } from 'commander';
import { createApp } from './create-app.js';
import { nautobotClientOptions } from './nautobot-options.js';
import { readPassword } from './read-password.js';
import { armShutdownDeadline, exitAfterLogs, serve } from './main.js';

/** Prints start-up problems one per line (never a secret) and exits 1. */
function fail(error: unknown): never {
  if (error instanceof SettingsError || error instanceof QueryFileError) {
    process.stderr.write(`nautobot-mcp-server: invalid configuration:\n`);
    for (const line of error.problems) {
      process.stderr.write(`  - ${line}\n`);
    }
  } else {
    process.stderr.write(
      `nautobot-mcp-server: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function settingsOrExit(load: () => LoadedSettings = () => loadSettings()): LoadedSettings {
  try {
    return load();
  } catch (error) {
    fail(error);
  }
}

const program = new Command()
  .name('nautobot-mcp-server')
  .description('Read-only Nautobot tools for LLM agents (MCP) and REST integrations.')
  .version(packageInfo().version);

program
  .command('serve', { isDefault: true })
  .description(
    'Run the HTTP server (REST, Swagger UI, health). Settings come from the environment and CONFIG_FILE.',
  )
  .action(async () => {
    const loaded = settingsOrExit();
    await serve(loaded).catch(fail);
  });

program
  .command('stdio')
  .description(
    'Speak MCP on stdin/stdout for a local agent (Claude Desktop, Claude Code…); logs go to stderr. Same settings as serve; no HTTP auth applies: the local user who launches it is trusted.',
  )
  .action(async () => {
    // stdout carries MCP messages only: log lines (stdio: true) and console calls go to stderr.
    routeConsoleToStderr();
    const loaded = settingsOrExit(() => loadStdioSettings());
    const { app, logger: pinoLogger } = await createApp(loaded, { stdio: true }).catch(fail);
    if (loaded.settings.demoMode) {
      new Logger('Server').warn(
        'DEMO MODE: answering from the built-in Nautobot simulator with generated demo data, not a real Nautobot.',
      );
    }
    const logger = new Logger('MCP');
    const connection = serveMcpStdio(app);
    closeOnSignals(connection, {
      // A stdio client has no load balancer to notice: no delay, only the grace.
      onSignal: () =>
        armShutdownDeadline(loaded.settings.shutdownGraceMs + SHUTDOWN_MARGIN_MS, pinoLogger),
      onCloseFailed: (error) => {
        logger.error(`closing stdio failed: ${describe(error)}`);
        void exitAfterLogs(1);
      },
    });
    logger.log('Serving MCP on stdio');
    await connection.closed;
    try {
      await app.close();
    } catch (error) {
      logger.error(`shutdown failed: ${describe(error)}`);
      await exitAfterLogs(1);
    }
    await exitAfterLogs(0);
  });

program
  .command('check-config')
  .description(
    'Validate settings, the org file and the query files; print what would be used (secrets masked).',
  )
  .option(
    '--connect',
    "also call Nautobot: /api/status/ (its version) and one GraphQL query (the token's access)",
  )
  .action(async (options: { connect?: boolean }) => {
    const loaded = settingsOrExit();
    try {
      const org = loadOrgConfig(loaded.settings.orgConfigFile);
      const auth = buildAuthConfig(loaded.settings);
      const catalog = new QueryCatalog({ queriesDir: loaded.settings.queriesDir });
      process.stdout.write(`${formatSettingsReport(loaded)}\n\n`);
      process.stdout.write(
        `Org file: ${Object.keys(org.aliases).length} location aliases, ${org.namingSchemas.length} naming schemas\n\n`,
      );
      process.stdout.write(
        `Auth: modes ${[...auth.modes].join(', ')}; ${auth.apiKeys.entries.length} API keys, ${auth.users.size} Basic users${auth.oidc ? `, OIDC issuer ${auth.oidc.issuer}` : ''}\n\n`,
      );
      process.stdout.write('Queries:\n');
      for (const query of catalog.list()) {
        process.stdout.write(
          `  ${query.name.padEnd(32)} ${query.custom ? 'custom' : 'packaged'}  ${query.path}\n`,
        );
      }
      if (options.connect) {
        process.stdout.write(`\n${await connectReport(loaded)}\n`);
      }
      process.stdout.write('\nConfiguration OK\n');
    } catch (error) {
      fail(error);
    }
  });

/**
 * `check-config --connect`: Nautobot's version from /api/status/, then the readiness query
 * through the GraphQL client, so a wrong URL, token or CA shows before the first deploy.
 */
async function connectReport(loaded: LoadedSettings): Promise<string> {
  const options = nautobotClientOptions(loaded.settings);
  const where = loaded.settings.demoMode ? 'the demo simulator' : new URL(options.url).origin;
  try {
    const info = await new NautobotVersionService(options).detect();
    await new NautobotClient(options).ping();
    const tested = info.line
      ? `tested line ${info.line}`
      : 'not a tested line (docs/compatibility.md)';
    return `Nautobot: ${where} answers: Nautobot ${info.version} (API ${info.apiVersion ?? 'unknown'}), ${tested}; the token may query GraphQL`;
  } catch (error) {
    const problem = (error as { problem?: { type?: string; detail?: string } }).problem;
    throw new Error(
      `cannot use Nautobot at ${where}: ${problem?.type ?? 'error'}: ${problem?.detail ?? describe(error)}`,
      { cause: error },
    );
  }
}

program
  .command('hash-password')
  .description(
    'Read a password (prompted without echo, or from stdin) and print its scrypt hash for the users list of AUTH_FILE.',
  )
  .action(async () => {
    const password = await readPassword('Password: ');
    if (password.length < 12) {
      process.stderr.write('nautobot-mcp-server: use a password of at least 12 characters\n');
      process.exit(1);
    }
    process.stdout.write(`${await hashPassword(password)}\n`);
  });

await program.parseAsync(process.argv);
