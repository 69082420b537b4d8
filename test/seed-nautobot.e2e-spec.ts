import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { choiceValue, readDemoData } from '../scripts/seed-nautobot.js';

describe('scripts/seed-nautobot.ts (loads the demo data into a real Nautobot)', () => {
  it('reads the whole demo data set from the simulator', async () => {
    const data = await readDemoData();
    expect(data.locations.map((l) => l.name)).toEqual(
      expect.arrayContaining([
        ...DEMO_FIXTURES.locations.regions,
        ...DEMO_FIXTURES.locations.sites,
      ]),
    );
    expect(data.location_types.map((t) => t.name).sort()).toEqual(
      [...DEMO_FIXTURES.locationTypes].sort(),
    );
    expect(data.devices).toHaveLength(DEMO_FIXTURES.totals.devices);
    expect(data.prefixes).toHaveLength(DEMO_FIXTURES.totals.prefixes);
    expect(data.vlans).toHaveLength(DEMO_FIXTURES.totals.vlans);
    expect(data.interfaces).toHaveLength(DEMO_FIXTURES.totals.interfaces);
    expect(data.ip_addresses).toHaveLength(DEMO_FIXTURES.totals.ip_addresses);
    expect(data.racks).toHaveLength(DEMO_FIXTURES.totals.racks);
  });

  it('turns GraphQL enum names into REST choice values', () => {
    expect(choiceValue('A_1000BASE_T')).toBe('1000base-t');
    expect(choiceValue('A_10GBASE_X_SFPP')).toBe('10gbase-x-sfpp');
    expect(choiceValue('CONTAINER')).toBe('container');
    expect(choiceValue('FRONT')).toBe('front');
  });
});
