import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '../fixtures/hl7');

/** The fixture messages of test/fixtures/hl7 (see its README). */
export type FixtureName =
  | 'a01-admission'
  | 'a03-discharge'
  | 'a04-emergency-utf8'
  | 'a05-pre-admission'
  | 'a11-cancel-admission'
  | 'a13-cancel-discharge'
  | 'a21-leave'
  | 'a22-return'
  | 'malformed-no-pid3'
  | 'unknown-event-a08';

export interface Rewrite {
  /** MSH-4 (the whole field). */
  facility?: string;
  /** MSH-10. */
  controlId?: string;
  /** PV1-19.1. */
  visit?: string;
}

/**
 * A fixture's bytes as a hospital sends them, optionally with another sender, control id or
 * visit. The rewrite works on the bytes read as latin1 (one character per byte), so a message in
 * ISO 8859-1 or UTF-8 keeps its charset.
 */
export function fixture(name: FixtureName, rewrite: Rewrite = {}): Buffer {
  const text = readFileSync(join(dir, `${name}.hl7`)).toString('latin1');
  const segments = text.split('\r').map((segment) => {
    const fields = segment.split('|');
    if (fields[0] === 'MSH') {
      if (rewrite.facility !== undefined) fields[3] = rewrite.facility;
      if (rewrite.controlId !== undefined) fields[9] = rewrite.controlId;
    }
    if (fields[0] === 'PV1' && rewrite.visit !== undefined) {
      const components = (fields[19] ?? '').split('^');
      components[0] = rewrite.visit;
      fields[19] = components.join('^');
    }
    return fields.join('|');
  });
  return Buffer.from(segments.join('\r'), 'latin1');
}
