import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { appErrorCodes } from './twilio-errors.js';
import { isTwimlContentType } from './webhook.js';

/** One TwiML element: a verb under <Response>, or a noun/nested verb below one. */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  /** Text content, SSML children flattened, trimmed. */
  text: string;
  children: TwimlNode[];
}

/** 'dequeue': the <Queue url> document played to a dequeued caller before the bridge. */
export type TwimlKind = 'voice' | 'screening' | 'dequeue' | 'messaging';

export type ParsedTwiml =
  { ok: true; verbs: TwimlNode[] } | { ok: false; code: number; message: string };

const voiceVerbs = new Set([
  'Say',
  'Play',
  'Pause',
  'Gather',
  'Dial',
  'Redirect',
  'Hangup',
  'Reject',
  'Enqueue',
  'Leave',
  'Record',
]);
const messagingVerbs = new Set(['Message', 'Redirect']);
/** What Twilio allows in a <Queue url> document. */
const dequeueVerbs = new Set(['Say', 'Play', 'Pause', 'Redirect']);
const gatherChildren = new Set(['Say', 'Play', 'Pause']);
const dialNouns = new Set(['Number', 'Queue', 'Client']);
/** Verbs whose content is text only (Say may hold SSML, checked separately). */
const textOnly = new Set([
  'Play',
  'Pause',
  'Redirect',
  'Hangup',
  'Reject',
  'Enqueue',
  'Leave',
  'Record',
  'Number',
  'Queue',
  'Client',
  'Body',
  'Media',
]);

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type RawNode = Record<string, unknown>;

function toNode(raw: RawNode): TwimlNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return null;
  const attrs = (raw[':@'] as Record<string, string> | undefined) ?? {};
  const content = (raw[name] as RawNode[] | undefined) ?? [];
  const children: TwimlNode[] = [];
  const texts: string[] = [];
  for (const item of content) {
    if ('#text' in item) texts.push(String(item['#text']));
    else {
      const child = toNode(item);
      if (child) children.push(child);
    }
  }
  return { name, attrs: { ...attrs }, text: texts.join(' ').trim(), children };
}

function flattenText(node: TwimlNode): string {
  return [node.text, ...node.children.map(flattenText)]
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function invalid(message: string): ParsedTwiml {
  return { ok: false, code: appErrorCodes.invalidTwiml, message: `Invalid TwiML: ${message}` };
}

function checkVerb(verb: TwimlNode, kind: TwimlKind): string | null {
  const allowed = kind === 'messaging' ? messagingVerbs : voiceVerbs;
  if (!allowed.has(verb.name))
    return `<${verb.name}> is not a ${kind === 'messaging' ? 'messaging' : 'voice'} verb`;
  if (kind === 'dequeue' && !dequeueVerbs.has(verb.name))
    return `<${verb.name}> is not allowed in a <Queue url> document (Play, Say, Pause, Redirect)`;
  if (kind === 'screening' && (verb.name === 'Dial' || verb.name === 'Enqueue')) {
    return `<${verb.name}> is not allowed in the TwiML of a <Number url> (screening) leg`;
  }
  if (textOnly.has(verb.name) && verb.children.length > 0)
    return `<${verb.name}> cannot contain <${verb.children[0]!.name}>`;
  if (verb.name === 'Gather') {
    const bad = verb.children.find((c) => !gatherChildren.has(c.name));
    if (bad) return `<Gather> may only contain <Say>, <Play>, <Pause>, not <${bad.name}>`;
    for (const child of verb.children) {
      if (child.name !== 'Say' && child.children.length > 0)
        return `<${child.name}> cannot contain elements`;
    }
  }
  if (verb.name === 'Dial') {
    const bad = verb.children.find((c) => !dialNouns.has(c.name));
    if (bad) return `<Dial> may contain <Number>, <Queue>, <Client> (emulated), not <${bad.name}>`;
    if (verb.children.length === 0 && !verb.text) return '<Dial> needs a number or a noun';
    const nested = verb.children.find((c) => c.children.length > 0);
    if (nested) return `<${nested.name}> cannot contain elements`;
  }
  if (verb.name === 'Message') {
    const bad = verb.children.find((c) => c.name !== 'Body' && c.name !== 'Media');
    if (bad) return `<Message> may only contain <Body> and <Media>, not <${bad.name}>`;
  }
  return null;
}

/**
 * Parses and validates a TwiML document the way Twilio rejects it: not XML, a root other
 * than <Response>, an unknown verb, a verb where only nouns belong (or the reverse) → 12100.
 */
export function parseTwiml(xml: string, kind: TwimlKind): ParsedTwiml {
  if (!xml.trim()) return invalid('empty document');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return invalid(`not well-formed XML (${valid.err.msg}, line ${valid.err.line})`);
  const roots = (parser.parse(xml) as RawNode[])
    .map(toNode)
    .filter((n): n is TwimlNode => n !== null);
  if (roots.length !== 1 || roots[0]!.name !== 'Response') {
    return invalid(
      `the root element must be <Response>, got ${roots.map((r) => `<${r.name}>`).join(', ') || 'nothing'}`,
    );
  }
  const verbs = roots[0]!.children;
  for (const verb of verbs) {
    const problem = checkVerb(verb, kind);
    if (problem) return invalid(problem);
  }
  for (const verb of verbs) {
    if (verb.name === 'Say') verb.text = flattenText(verb);
    for (const child of verb.children) if (child.name === 'Say') child.text = flattenText(child);
  }
  return { ok: true, verbs };
}

/** Content-Type first (12300), then the document (12100). */
export function parseTwimlResponse(
  body: string,
  contentType: string,
  kind: TwimlKind,
): ParsedTwiml {
  if (!isTwimlContentType(contentType)) {
    return {
      ok: false,
      code: appErrorCodes.invalidContentType,
      message: `Invalid Content-Type "${contentType || '(none)'}": serve TwiML as text/xml`,
    };
  }
  return parseTwiml(body, kind);
}
