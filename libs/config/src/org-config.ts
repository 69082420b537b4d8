/** A named regular expression whose named groups split a device name into parts. */
export interface NamingSchema {
  readonly name: string;
  /** Has at least one named group, e.g. `(?<site>[a-z]{3}\d{2})`. */
  readonly pattern: RegExp;
}

/** The parts of a device name matched by one naming schema. */
export interface ParsedName {
  readonly schema: string;
  readonly parts: Record<string, string>;
}

/**
 * The organisation's customisation: location aliases and device naming schemas, read from
 * ORG_CONFIG_FILE. Immutable.
 */
export class OrgConfig {
  /** Lower-cased alias → Nautobot location name (a frozen object without prototype). */
  readonly aliases: Readonly<Record<string, string>>;

  /** Naming schemas in file order; the first that matches a name wins. */
  readonly namingSchemas: readonly NamingSchema[];

  constructor(
    aliases: Readonly<Record<string, string>> = {},
    namingSchemas: readonly NamingSchema[] = [],
  ) {
    const lowered: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [alias, name] of Object.entries(aliases)) {
      lowered[alias.trim().toLowerCase()] = name;
    }
    this.aliases = Object.freeze(lowered);
    this.namingSchemas = Object.freeze([...namingSchemas]);
    Object.freeze(this);
  }

  /** A configuration with no aliases and no naming schemas. */
  static empty(): OrgConfig {
    return new OrgConfig();
  }

  /** The location name an alias stands for (case-insensitive); any other value unchanged. */
  resolveLocation(value: string): string {
    const key = value.trim().toLowerCase();
    return Object.hasOwn(this.aliases, key) ? this.aliases[key] : value;
  }

  /** The named parts of `deviceName` from the first schema that matches it, if any. */
  parseName(deviceName: string): ParsedName | undefined {
    for (const schema of this.namingSchemas) {
      const groups = schema.pattern.exec(deviceName)?.groups;
      if (groups) {
        const parts = Object.fromEntries(
          Object.entries(groups).filter((entry): entry is [string, string] => entry[1] != null),
        );
        return { schema: schema.name, parts };
      }
    }
    return undefined;
  }
}
