// Parses one corpus file (Markdown with optional YAML front matter, or plain text) into metadata and located paragraphs.
import { TrendbotError } from '../errors.js';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { creditProseSpeakers } from './prose-speakers.js';
import { creditLine, hasRole, interviewRole, isQuotation, isTimestamp, looksLikeName, personName, questionOrAnswer, turnLabel } from './speaker-labels.js';
import type { Block, DocumentInfo } from './types.js';

const frontMatterSchema = z.object({
  title: z.coerce.string().optional(),
  publisher: z.coerce.string().optional(),
  year: z.coerce.number().int().min(1000).max(2999).optional(),
  source_file: z.coerce.string().optional(),
  speaker: z.coerce.string().optional(),
});

export class CorpusFormatError extends TrendbotError<'corpus_format'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corpus_format', message, options);
  }
}

export interface ParsedDocument {
  info: DocumentInfo;
  blocks: Block[];
}

// After a byte-order mark, if the file has one.
const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;
// `<!-- key -->` or `<!-- key: value -->` on a line of its own; any other comment is a note for curators.
const DIRECTIVE = /^<!--\s*(speaker|pull-quote)\s*(?::\s*(.*?))?\s*-->$/;
const DEFAULT_SPEAKER = 'unattributed';

/**
 * The file's front matter, checked, and where its body starts ({} and 0 without front matter): all of a file that can
 * be wrong, read without parsing the rest. Throws CorpusFormatError naming the file when the front matter is invalid.
 */
export function readHeader(file: string, content: string): { meta: FrontMatter; bodyStart: number } {
  const match = FRONT_MATTER.exec(content);
  return { meta: match ? readFrontMatter(file, match[1] ?? '') : {}, bodyStart: match ? match[0].length : 0 };
}

/**
 * Metadata and paragraphs of a corpus file. A paragraph's speaker is, in order: a `<!-- speaker: -->` comment of its
 * section, the front matter's `speaker`, a transcript turn label or a quotation's credit line in the text
 * (speaker-labels.ts; the label is left out of the paragraph), the one person its reporting prose names
 * (prose-speakers.ts), else "unattributed".
 */
export function parseDocument(file: string, content: string): ParsedDocument {
  const { meta, bodyStart } = readHeader(file, content);
  const defaultSpeaker = meta.speaker ?? DEFAULT_SPEAKER;
  const turns = new TurnSpeakers(content.slice(bodyStart));

  const blocks: Block[] = [];
  let firstHeading: string | undefined;
  let section = '';
  let speaker = defaultSpeaker;
  // A speaker set by a comment or the front matter: the text's own labels do not change it.
  let explicit = meta.speaker !== undefined;
  let pullQuote = false;
  let inComment = false;
  let paragraph: { start: number; end: number; speaker: string } | undefined;

  const closeParagraph = (credit?: string) => {
    if (paragraph) blocks.push({ start: paragraph.start, end: paragraph.end, section, speaker: credit ?? paragraph.speaker, pullQuote });
    paragraph = undefined;
    pullQuote = false;
  };

  let offset = bodyStart;
  for (const rawLine of content.slice(bodyStart).split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    const trimmed = line.trim();

    if (inComment) {
      inComment = !trimmed.includes('-->');
      continue;
    }
    if (trimmed === '' || isTimestamp(trimmed)) {
      closeParagraph();
      continue;
    }
    // "Title" underlined with === or --- (a setext heading): the paragraph so far was the heading.
    if (paragraph && /^(=+|-+)$/.test(trimmed) && !content.slice(paragraph.start, paragraph.end).includes('\n')) {
      const text = content.slice(paragraph.start, paragraph.end);
      paragraph = undefined;
      if (trimmed.startsWith('=')) firstHeading ??= text;
      else section = text;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(trimmed);
    if (heading) {
      closeParagraph();
      const text = heading[2] ?? '';
      if (heading[1] === '#') firstHeading ??= text;
      if ((heading[1] ?? '').length > 1) {
        section = text;
        speaker = defaultSpeaker;
        explicit = meta.speaker !== undefined;
      }
      continue;
    }
    if (trimmed.startsWith('<!--')) {
      closeParagraph();
      const directive = DIRECTIVE.exec(trimmed);
      if (directive?.[1] === 'speaker' && directive[2]) {
        speaker = directive[2];
        explicit = true;
      }
      if (directive?.[1] === 'pull-quote') pullQuote = true;
      inComment = !trimmed.includes('-->');
      continue;
    }
    const leading = line.length - line.trimStart().length;
    if (!explicit) {
      const credit = creditLine(trimmed);
      // "— Name, Title" under a quotation: the quotation's speaker, not a passage.
      if (credit && paragraph && isQuotation(content.slice(paragraph.start, paragraph.end))) {
        closeParagraph(credit);
        continue;
      }
      const previous = blocks.at(-1);
      if (credit && !paragraph && previous && previous.speaker === speaker && isQuotation(content.slice(previous.start, previous.end))) {
        previous.speaker = credit;
        continue;
      }
      const turn = turns.at(trimmed);
      if (turn) {
        closeParagraph();
        speaker = turn.speaker;
        paragraph = { start: lineStart + leading + turn.length, end: 0, speaker };
      }
    }
    const trailing = line.length - line.trimEnd().length;
    paragraph ??= { start: lineStart + leading, end: 0, speaker };
    paragraph.end = lineStart + line.length - trailing;
  }
  closeParagraph();
  creditProseSpeakers(content, blocks, DEFAULT_SPEAKER);

  const info: DocumentInfo = {
    file,
    title: meta.title ?? firstHeading ?? titleFromFileName(file),
    publisher: meta.publisher,
    year: meta.year ?? yearFromFileName(file),
    sourceFile: meta.source_file,
  };
  return { info, blocks };
}

/**
 * The turn labels of one document that name a speaker: "Name (Role, Company)", "Name, Title at Company" and a bold
 * name always; a bare name ("Claire Duvernoy", "Juno") when the document uses it as a label twice, its header
 * introduces that person, or (a first name) it names them in full elsewhere; "Q" / "A" as the interviewer and interviewee its header names.
 */
class TurnSpeakers {
  readonly #counts = new Map<string, number>();
  readonly #sides = new Map<'interviewer' | 'interviewee', string>();

  constructor(readonly body: string) {
    for (const line of body.split('\n')) {
      const label = turnLabel(line.trim());
      if (!label) continue;
      this.#counts.set(label.label, (this.#counts.get(label.label) ?? 0) + 1);
      const side = interviewRole(label.label);
      const value = line.trim().slice(label.length).trim();
      if (side && looksLikeName(personName(value))) this.#sides.set(side, value);
    }
  }

  /** The speaker a line's label names, and the label's length; undefined when the line opens no turn. */
  at(line: string): { speaker: string; length: number } | undefined {
    const turn = turnLabel(line);
    if (!turn || interviewRole(turn.label)) return undefined;
    const qa = questionOrAnswer(turn.label);
    if (qa)
      return {
        speaker: this.#sides.get(qa === 'question' ? 'interviewer' : 'interviewee') ?? (qa === 'question' ? 'interviewer' : 'interviewee'),
        length: turn.length,
      };
    const name = personName(turn.label);
    if (!looksLikeName(name)) return undefined;
    const full = name.includes(' ') ? name : this.#fullName(name);
    const side = [...this.#sides.values()].find((value) => personName(value) === full);
    const known = turn.bold || (this.#counts.get(turn.label) ?? 0) >= 2 || side !== undefined || (!name.includes(' ') && full !== undefined);
    if (!hasRole(turn.label) && !known) return undefined;
    return { speaker: hasRole(turn.label) ? turn.label : (side ?? full ?? turn.label), length: turn.length };
  }

  // "Juno" → "Juno Abernathy" when the document names exactly one such person.
  #fullName(name: string): string | undefined {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found = new Set([...this.body.matchAll(new RegExp(`\\b${escaped} (\\p{Lu}[\\p{L}'’-]+)`, 'gu'))].map((match) => `${name} ${match[1]}`));
    return found.size === 1 ? [...found][0] : undefined;
  }
}

type FrontMatter = z.infer<typeof frontMatterSchema>;

function readFrontMatter(file: string, yamlText: string): FrontMatter {
  let data: unknown;
  try {
    data = parseYaml(yamlText) ?? {};
  } catch (error) {
    throw new CorpusFormatError(`${file}: the YAML front matter does not parse (${(error as Error).message.split('\n')[0]}).`, { cause: error });
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorpusFormatError(`${file}: front matter field "${issue?.path.join('.')}" is invalid (${issue?.message}).`);
  }
  return parsed.data;
}

function titleFromFileName(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[-_]+/g, ' ').trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function yearFromFileName(file: string): number | undefined {
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(path.basename(file))?.[1];
  return year ? Number(year) : undefined;
}
