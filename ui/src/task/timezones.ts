/**
 * Time zones by IANA name, turned into the seconds east of UTC NXLink takes
 * (`zoneSecond`) for a given moment, with the runtime's own zone data
 * (`Intl`), and whether a daylight-saving change falls between two moments.
 */

/** Common zones first (NXLink's markets), then every zone the runtime knows. */
const COMMON = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Jakarta",
  "Asia/Singapore",
  "Asia/Kuala_Lumpur",
  "Asia/Manila",
  "Asia/Bangkok",
  "Asia/Tokyo",
  "Europe/London",
  "America/New_York",
  "UTC",
];

/** The zone names to offer. */
export function zoneNames(): string[] {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  } catch {
    all = [];
  }
  return [...COMMON, ...all.filter((z) => !COMMON.includes(z))];
}

/** Seconds east of UTC in `zone` at `unixSeconds`; null for a zone the runtime does not know. */
export function offsetAt(zone: string, unixSeconds: number): number | null {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(new Date(unixSeconds * 1000));
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour") % 24, n("minute"), n("second")) / 1000;
    return Math.round((local - Math.floor(unixSeconds)) / 60) * 60;
  } catch {
    return null;
  }
}

/** "UTC+08:00" for 28800. */
export function offsetLabel(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const a = Math.abs(seconds);
  return `UTC${sign}${String(Math.floor(a / 3600)).padStart(2, "0")}:${String(Math.floor((a % 3600) / 60)).padStart(2, "0")}`;
}

/** Whether `zone`'s offset differs between `from` and `to` (Unix seconds). */
export function dstChangeBetween(zone: string, from: number | undefined, to: number | undefined): boolean {
  if (from === undefined || to === undefined || to <= from) return false;
  const a = offsetAt(zone, from);
  const b = offsetAt(zone, to);
  return a !== null && b !== null && a !== b;
}

/** The first of `zones` whose offset now is `seconds` (to show a task opened from a file). */
export function zoneFor(seconds: number, zones: readonly string[], now = Date.now() / 1000): string {
  const here = machineZone();
  if (here && offsetAt(here, now) === seconds) return here;
  if (seconds === 0) return "UTC";
  return zones.find((z) => offsetAt(z, now) === seconds) ?? "UTC";
}

/** This computer's zone, when the runtime says. */
export function machineZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** `unixSeconds` as the value of an `<input type="datetime-local">` in `zone`. */
export function toLocalInput(unixSeconds: number | undefined, zone: string): string {
  if (unixSeconds === undefined) return "";
  const off = offsetAt(zone, unixSeconds) ?? 0;
  return new Date((unixSeconds + off) * 1000).toISOString().slice(0, 16);
}

/** An `<input type="datetime-local">` value read in `zone`, as Unix seconds; undefined when empty. */
export function fromLocalInput(value: string, zone: string): number | undefined {
  if (!value) return undefined;
  const asUtc = Date.parse(`${value}:00Z`) / 1000;
  if (Number.isNaN(asUtc)) return undefined;
  const off = offsetAt(zone, asUtc) ?? 0;
  // Twice: the offset at the guessed moment can differ near a change.
  const guess = asUtc - off;
  return asUtc - (offsetAt(zone, guess) ?? off);
}
