/**
 * Nautobot reports a filter value that names nothing (an unknown location, role,
 * status…) as an execution error whose message is a Python dict repr:
 * `{'location': ['Select a valid choice. atlantis is not one of the available choices.']}`.
 */
const INVALID_CHOICE =
  /^\{(['"])(?<filter>[\w]+)\1: \[(['"])Select a valid choice\. (?<value>.*) is not one of the available choices\.\3\]\}$/s;

/** An unknown filter value recognised in a Nautobot error message. */
export interface InvalidFilterValue {
  /** The filter argument as Nautobot names it, e.g. `location`, `role`, `parent`. */
  filter: string;
  value: string;
}

/** Recognises Nautobot's "Select a valid choice" filter error; undefined for anything else. */
export function parseInvalidFilterValue(message: string): InvalidFilterValue | undefined {
  const match = INVALID_CHOICE.exec(message.trim());
  if (!match?.groups) {
    return undefined;
  }
  return { filter: match.groups.filter, value: match.groups.value };
}

/** The kind of object a filter argument names, for the problem type and suggestions. */
export type FilterKind = 'location' | 'role' | 'status';

const FILTER_KINDS: Record<string, FilterKind> = {
  location: 'location',
  locations: 'location',
  location__n: 'location',
  parent: 'location',
  subtree: 'location',
  role: 'role',
  status: 'status',
};

/** Maps a Nautobot filter argument to the kind of object it names. */
export function filterKind(filter: string): FilterKind | undefined {
  return FILTER_KINDS[filter];
}
