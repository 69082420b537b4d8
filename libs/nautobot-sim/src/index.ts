/** The simulator class, its options and the default token. */
export { DEMO_TOKEN, NautobotSimulator, type SimulatorOptions } from './simulator.js';
/** Transport-independent request/response shapes of `NautobotSimulator.handle()`. */
export type { SimRequest, SimResponse } from './http.js';
/** Fault injection settings. */
export type { FaultSettings } from './faults.js';
/** Standalone HTTP server on loopback (tests, benchmarks, docker compose). */
export { startSimulatorServer, type SimServer } from './server.js';
/** Names and counts of the demo data set that tests and docs rely on. */
export { DEMO_FIXTURES, type DemoFixtures, type DemoLocationCounts } from './fixtures.js';
