// Where a sign-in leads: the page asked for before it (`?suite=`), only when it is a page of this
// console. Browsers drop tabs and newlines from an address and read `\` as `/`, so `/\t/host`
// and `/\host` lead to another site although they start with one slash: the value is resolved as
// a browser would, against the console's own address, and kept only when the origin is the same
// and no character in it is a control, a space or an invisible format character.

const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

/** The path, query and fragment of the console page `value` names, or undefined for anything else. */
export function nextPageOf(value: unknown, consoleUrl: string): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || UNSAFE.test(value)) return undefined;
  const console = new URL(consoleUrl);
  let resolved: URL;
  try {
    resolved = new URL(value, console);
  } catch {
    return undefined;
  }
  if (resolved.origin !== console.origin) return undefined;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
