import type { Express } from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { XMLParser } from 'fast-xml-parser';

/** Posts to a webhook exactly as Twilio does: form body, X-Twilio-Signature over the public URL. */
export function signedPost(
  app: Express,
  publicUrl: string,
  authToken: string,
  path: string,
  params: Record<string, string>,
) {
  const signature = twilio.getExpectedTwilioSignature(authToken, publicUrl + path, params);
  return request(app).post(path).set('X-Twilio-Signature', signature).type('form').send(params);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
});

export interface Verb {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Verb[];
}

/** Parses TwiML into verbs (structure, not substrings). Throws on anything but <Response>. */
export function parseTwiml(xml: string): Verb[] {
  const doc = parser.parse(xml) as Record<string, unknown>[];
  const root = doc.find((node) => 'Response' in node);
  if (!root) throw new Error(`not TwiML: ${xml.slice(0, 200)}`);
  return toVerbs(root.Response as Record<string, unknown>[]);
}

function toVerbs(nodes: Record<string, unknown>[]): Verb[] {
  const verbs: Verb[] = [];
  for (const node of nodes ?? []) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') continue;
    const content = node[name] as Record<string, unknown>[];
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join(' ');
    verbs.push({
      name,
      attrs: (node[':@'] as Record<string, string>) ?? {},
      text,
      children: toVerbs(content),
    });
  }
  return verbs;
}

/** All the text said in a list of verbs, nested ones included. */
export function spoken(verbs: Verb[]): string {
  return verbs
    .map((v) => (v.name === 'Say' ? v.text : spoken(v.children)))
    .filter(Boolean)
    .join(' ');
}
