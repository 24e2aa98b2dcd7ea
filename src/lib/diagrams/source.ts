/**
 * Expands a diagram source (`diagrams/<app-type>/<slug>.mmd`) into plain mermaid.
 *
 * Two directives, both mermaid comments so a source stays readable on its own:
 *   %% include <fragment> key=value key2="value with spaces"
 *       inserts `diagrams/fragments/<fragment>.mmd`, replacing `{{key}}` placeholders
 *       (`{{key=value}}` when most includes want the same value);
 *   %% section <Title>
 *       draws a divider note across every participant (Initialize, Login, …).
 *
 * Every output line remembers the file and line it came from, so a mermaid
 * parse error can be reported against the file an author actually edits.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface SourceLocation {
  file: string;
  line: number;
}

/** Where an arrow of the expanded diagram was written, and through which include it arrived. */
export interface ArrowOrigin {
  at: SourceLocation;
  /** The fragment (`server-refresh`) and the `%% include` line that brought it in; none for arrows written in the diagram itself. */
  fragment?: { name: string; includedAt: SourceLocation };
}

export interface ExpandedDiagram {
  /** Diagram name, e.g. `webapp/native-form-to-backend-jwt-refresh-cookies`. */
  name: string;
  /** Path of the top-level source, relative to the project root. */
  file: string;
  /** Plain mermaid text, ready to render. */
  text: string;
  /** For each line of `text` (0-based), where it was written. */
  origins: SourceLocation[];
  /** Titles of the `%% section` dividers, so the renderer can style them as dividers. */
  sections: string[];
  /** Participant id → the name the diagram shows (`participant B as Browser`). */
  participants: Record<string, string>;
  /** Arrow N of the picture is arrows[N - 1]. */
  arrows: ArrowOrigin[];
}

export class DiagramSourceError extends Error {
  constructor(at: SourceLocation, message: string) {
    super(`${at.file}:${at.line}: ${message}`);
    this.name = 'DiagramSourceError';
  }
}

const INCLUDE = /^\s*%%\s*include\s+(\S+)(.*)$/;
const SECTION = /^\s*%%\s*section\s+(.+?)\s*$/;
const PARTICIPANT = /^\s*(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+?))?\s*$/;
const PLACEHOLDER = /\{\{\s*([\w-]*)\s*(?:=([^}]*))?\}\}/g;
const ARGUMENT = /([\w-]+)=(?:"([^"]*)"|(\S+))/g;
/** A message line (`A->>B: label`, `A-->>B`, `A-x B`, `A-)B`…); notes and dividers are not arrows. */
const ARROW = /^\s*[^\s%-][^\s-]*\s*(?:<<)?-{1,2}(?:>>|>|x|\))\s*[+-]?\s*[^\s:]+\s*:/;

interface Line {
  text: string;
  at: SourceLocation;
  fragment?: ArrowOrigin['fragment'];
}

export function expandDiagram(root: string, name: string): ExpandedDiagram {
  const file = diagramFile(name);
  if (!existsSync(path.join(root, file))) {
    throw new DiagramSourceError({ file, line: 1 }, `diagram "${name}" does not exist`);
  }
  const lines = expandFile(root, file, {}, [], undefined);
  const participants: Record<string, string> = {};
  for (const line of lines) {
    const [, id, label] = PARTICIPANT.exec(line.text) ?? [];
    if (id) participants[id] = label ?? id;
  }
  const ids = Object.keys(participants);
  const sections: string[] = [];
  const out = lines.map((line) => {
    const section = SECTION.exec(line.text);
    if (!section) return line;
    const [first, last] = [ids[0], ids.at(-1)];
    if (!first || !last) throw new DiagramSourceError(line.at, 'a section needs participants declared before it');
    sections.push(section[1]!);
    return { ...line, text: `  Note over ${first},${last}: ${section[1]}` };
  });
  return {
    name,
    file,
    text: out.map((l) => l.text).join('\n') + '\n',
    origins: out.map((l) => l.at),
    sections,
    participants,
    arrows: out.filter((l) => ARROW.test(l.text)).map(({ at, fragment }) => (fragment ? { at, fragment } : { at })),
  };
}

export function diagramFile(name: string): string {
  return path.posix.join('diagrams', `${name}.mmd`);
}

function expandFile(
  root: string,
  file: string,
  params: Record<string, string>,
  stack: string[],
  includedAt: SourceLocation | undefined,
): Line[] {
  if (stack.includes(file)) {
    throw new DiagramSourceError(includedAt!, `fragment include cycle: ${[...stack, file].join(' → ')}`);
  }
  const used = new Set<string>();
  const source = readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
  const result: Line[] = [];
  source.split('\n').forEach((raw, index) => {
    const at = { file, line: index + 1 };
    const text = raw.replace(PLACEHOLDER, (_match, key: string, fallback: string | undefined) => {
      const value = params[key] ?? fallback;
      if (value === undefined) throw new DiagramSourceError(at, `placeholder {{${key}}} is not filled${includedAt ? ` (included from ${includedAt.file}:${includedAt.line})` : ''}`);
      used.add(key);
      return value;
    });
    const include = INCLUDE.exec(text);
    if (!include) {
      result.push({ text, at });
      return;
    }
    const fragment = path.posix.join('diagrams', 'fragments', `${include[1]}.mmd`);
    if (!existsSync(path.join(root, fragment))) {
      throw new DiagramSourceError(at, `unknown fragment "${include[1]}" (no ${fragment})`);
    }
    const lines = expandFile(root, fragment, parseArguments(include[2] ?? '', at), [...stack, file], at);
    // Each line remembers the include that brought it into this file: a step partial explains exactly that run.
    result.push(...lines.map((line) => ({ ...line, fragment: { name: include[1]!, includedAt: at } })));
  });
  const unused = Object.keys(params).filter((key) => !used.has(key));
  if (unused.length > 0 && includedAt) {
    throw new DiagramSourceError(includedAt, `fragment ${file} has no placeholder for ${unused.map((k) => `"${k}"`).join(', ')}`);
  }
  return result;
}

function parseArguments(text: string, at: SourceLocation): Record<string, string> {
  const params: Record<string, string> = {};
  const rest = text.replace(ARGUMENT, (_m, key: string, quoted?: string, bare?: string) => {
    params[key] = quoted ?? bare ?? '';
    return '';
  });
  if (rest.trim() !== '') throw new DiagramSourceError(at, `cannot read include arguments "${rest.trim()}" (expected key=value or key="a value")`);
  return params;
}
