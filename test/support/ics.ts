/**
 * Reads iCalendar text back the way a calendar client does (RFC 5545): lines unfolded, each
 * property split into name, parameters (quoted values kept whole) and value, text unescaped.
 * Small on purpose: enough to assert on what an invite says, not a general parser.
 */

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  /** The raw value, as written (escapes intact). */
  raw: string;
}

/** Undoes line folding: a CRLF followed by one space or tab continues the line. */
export function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

function parseLine(line: string): IcsProperty {
  let i = 0;
  let quoted = false;
  // The value starts at the first colon outside quotes.
  for (; i < line.length; i++) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) break;
  }
  const head = line.slice(0, i);
  const raw = line.slice(i + 1);
  const pieces: string[] = [];
  let current = '';
  quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  const [name = '', ...rest] = pieces;
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    params[piece.slice(0, eq).toUpperCase()] = piece.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, raw };
}

export function parseIcs(ics: string): IcsProperty[] {
  return unfold(ics).map(parseLine);
}

/** A TEXT value as the client shows it. */
export function unescapeText(raw: string): string {
  return raw.replace(/\\([\\;,nN])/g, (_match, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
}

/** The properties between `BEGIN:<component>` and its `END` (the first such component). */
export function component(properties: IcsProperty[], name: string): IcsProperty[] {
  const start = properties.findIndex((p) => p.name === 'BEGIN' && p.raw === name);
  const end = properties.findIndex((p, index) => index > start && p.name === 'END' && p.raw === name);
  if (start < 0 || end < 0) throw new Error(`No ${name} component`);
  return properties.slice(start + 1, end);
}

/** The one property `name` of a list; throws when there is none or several. */
export function one(properties: IcsProperty[], name: string): IcsProperty {
  const found = properties.filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${name} properties`);
  return found[0]!;
}
