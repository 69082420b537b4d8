/** graphene-django's `convert_choice_name`: upper-case, non-word runs to `_`, `A_` before a digit. */
export function enumName(value: string): string {
  const name = value.replace(/[\W|^]+/g, '_').toUpperCase();
  return /^[_A-Za-z]/.test(name) ? name : `A_${name}`;
}

/** Maps an enum name back to the REST choice value. */
export function restValue(values: readonly string[], name: string | null): string | null {
  if (name === null) {
    return null;
  }
  return values.find((v) => enumName(v) === name) ?? null;
}

export const PREFIX_TYPES = ['container', 'network', 'pool'] as const;
export const IP_ADDRESS_TYPES = ['dhcp', 'host', 'slaac'] as const;
export const DEVICE_FACES = ['front', 'rear'] as const;
export const INTERFACE_MODES = ['access', 'tagged', 'tagged-all'] as const;
export const RACK_TYPES = [
  '2-post-frame',
  '4-post-frame',
  '4-post-cabinet',
  'wall-frame',
  'wall-frame-vertical',
  'wall-cabinet',
  'wall-cabinet-vertical',
  'other',
] as const;
export const RACK_WIDTHS = ['10', '19', '21', '23'] as const;
export const SUBDEVICE_ROLES = ['parent', 'child'] as const;
export const TERM_SIDES = ['A', 'Z'] as const;

const VIRTUAL_TYPES = ['virtual', 'bridge', 'lag'];
const WIRELESS_TYPES = [
  'ieee802.11a',
  'ieee802.11g',
  'ieee802.11n',
  'ieee802.11ac',
  'ieee802.11ad',
  'ieee802.11ax',
  'gsm',
  'cdma',
  'lte',
];

/** Interface type choice values (abridged from Nautobot's InterfaceTypeChoices). */
export const INTERFACE_TYPES = [
  ...VIRTUAL_TYPES,
  '100base-fx',
  '100base-lfx',
  '100base-tx',
  '100base-t1',
  '1000base-t',
  '2.5gbase-t',
  '5gbase-t',
  '10gbase-t',
  '10gbase-cx4',
  '1000base-x-gbic',
  '1000base-x-sfp',
  '10gbase-x-sfpp',
  '10gbase-x-xfp',
  '10gbase-x-xenpak',
  '10gbase-x-x2',
  '25gbase-x-sfp28',
  '50gbase-x-sfp56',
  '40gbase-x-qsfpp',
  '50gbase-x-sfp28',
  '100gbase-x-cfp',
  '100gbase-x-cfp2',
  '200gbase-x-cfp2',
  '100gbase-x-cfp4',
  '100gbase-x-cpak',
  '100gbase-x-qsfp28',
  '200gbase-x-qsfp56',
  '400gbase-x-qsfpdd',
  '400gbase-x-osfp',
  '800gbase-x-qsfpdd',
  '800gbase-x-osfp',
  ...WIRELESS_TYPES,
  'sonet-oc3',
  'sonet-oc12',
  'sonet-oc48',
  'sonet-oc192',
  '1gfc-sfp',
  '2gfc-sfp',
  '4gfc-sfp',
  '8gfc-sfpp',
  '16gfc-sfpp',
  '32gfc-sfp28',
  'infiniband-sdr',
  'infiniband-ddr',
  'infiniband-qdr',
  'infiniband-fdr',
  'infiniband-edr',
  'infiniband-hdr',
  't1',
  'e1',
  't3',
  'e3',
  'xdsl',
  'docsis',
  'gpon',
  'xg-pon',
  'xgs-pon',
  'cisco-stackwise',
  'cisco-stackwise-plus',
  'juniper-vcp',
  'other',
] as const;

/** Interface kind used by the `kind` filter. */
export function interfaceKind(typeName: string): 'virtual' | 'wireless' | 'physical' {
  const value = restValue(INTERFACE_TYPES, typeName) ?? '';
  if (VIRTUAL_TYPES.includes(value)) {
    return 'virtual';
  }
  return WIRELESS_TYPES.includes(value) ? 'wireless' : 'physical';
}

/** SDL for the enum types, values in choice order. */
export function enumSdl(): string {
  const e = (name: string, values: readonly string[]) =>
    `enum ${name} { ${values.map(enumName).join(' ')} }`;
  return [
    e('IpamPrefixTypeChoices', PREFIX_TYPES),
    e('IpamIPAddressTypeChoices', IP_ADDRESS_TYPES),
    e('DcimDeviceFaceChoices', DEVICE_FACES),
    e('DcimInterfaceModeChoices', INTERFACE_MODES),
    e('DcimInterfaceTypeChoices', INTERFACE_TYPES),
    e('DcimRackTypeChoices', RACK_TYPES),
    e('DcimRackWidthChoices', RACK_WIDTHS),
    e('DcimDeviceTypeSubdeviceRoleChoices', SUBDEVICE_ROLES),
    e('CircuitsCircuitTerminationTermSideChoices', TERM_SIDES),
  ].join('\n');
}
