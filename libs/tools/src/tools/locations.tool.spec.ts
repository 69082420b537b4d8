import { describe, expect, it } from '@jest/globals';
import { ianaTimeZone } from './locations.tool.js';

describe('ianaTimeZone (Nautobot GraphQL time zone enum → IANA name)', () => {
  it('maps enum names back to IANA zones, including `-` and `_` in the zone name', () => {
    expect(ianaTimeZone('EUROPE_AMSTERDAM')).toBe('Europe/Amsterdam');
    expect(ianaTimeZone('AMERICA_LOS_ANGELES')).toBe('America/Los_Angeles');
    expect(ianaTimeZone('AMERICA_PORT_AU_PRINCE')).toBe('America/Port-au-Prince');
    expect(ianaTimeZone('AMERICA_ARGENTINA_RIO_GALLEGOS')).toBe('America/Argentina/Rio_Gallegos');
  });

  it('keeps values it cannot map, and null for no zone', () => {
    // pytz aliases the runtime does not list, and graphene's de-duplicated names (Etc/GMT+1).
    expect(ianaTimeZone('US_EASTERN')).toBe('US_EASTERN');
    expect(ianaTimeZone('ETC_GMT_1_409')).toBe('ETC_GMT_1_409');
    expect(ianaTimeZone(null)).toBeNull();
    expect(ianaTimeZone('')).toBeNull();
  });
});
