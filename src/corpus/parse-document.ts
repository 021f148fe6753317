// Parses one corpus file (Markdown with optional YAML front matter, or plain text) into metadata and located paragraphs.
import { TrendbotError } from '../errors.js';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
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

export function parseDocument(file: string, content: string): ParsedDocument {
  const { meta, bodyStart } = readHeader(file, content);
  const defaultSpeaker = meta.speaker ?? DEFAULT_SPEAKER;

  const blocks: Block[] = [];
  let firstHeading: string | undefined;
  let section = '';
  let speaker = defaultSpeaker;
  let pullQuote = false;
  let inComment = false;
  let paragraph: { start: number; end: number } | undefined;

  const closeParagraph = () => {
    if (paragraph) blocks.push({ ...paragraph, section, speaker, pullQuote });
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
    if (trimmed === '') {
      closeParagraph();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(trimmed);
    if (heading) {
      closeParagraph();
      const text = heading[2] ?? '';
      firstHeading ??= text;
      if ((heading[1] ?? '').length > 1) {
        section = text;
        speaker = defaultSpeaker;
      }
      continue;
    }
    if (trimmed.startsWith('<!--')) {
      closeParagraph();
      const directive = DIRECTIVE.exec(trimmed);
      if (directive?.[1] === 'speaker' && directive[2]) speaker = directive[2];
      if (directive?.[1] === 'pull-quote') pullQuote = true;
      inComment = !trimmed.includes('-->');
      continue;
    }
    const leading = line.length - line.trimStart().length;
    const trailing = line.length - line.trimEnd().length;
    paragraph ??= { start: lineStart + leading, end: 0 };
    paragraph.end = lineStart + line.length - trailing;
  }
  closeParagraph();

  const info: DocumentInfo = {
    file,
    title: meta.title ?? firstHeading ?? titleFromFileName(file),
    publisher: meta.publisher,
    year: meta.year ?? yearFromFileName(file),
    sourceFile: meta.source_file,
  };
  return { info, blocks };
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
