// Reads the prompt files in prompts/ into LangChain templates, checking their {placeholders} at startup.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { PromptError } from './errors.js';

export interface Prompts {
  /** System rules + the question and numbered passages: {question}, {passages}. */
  answer: ChatPromptTemplate;
  /** Follow-up → standalone question: {question}, {history}. */
  rewrite: ChatPromptTemplate;
}

interface PromptFile {
  name: string;
  /** Placeholders the file must contain. */
  required: string[];
}

const FILES = {
  system: { name: 'system.md', required: [] },
  answer: { name: 'answer.md', required: ['question', 'passages'] },
  rewrite: { name: 'rewrite-followup.md', required: ['question', 'history'] },
} satisfies Record<string, PromptFile>;

export function loadPrompts(dir: string): Prompts {
  const system = readPrompt(dir, FILES.system);
  const answer = readPrompt(dir, FILES.answer);
  const rewrite = readPrompt(dir, FILES.rewrite);
  return {
    answer: ChatPromptTemplate.fromMessages([
      ['system', system],
      ['human', answer],
    ]),
    rewrite: ChatPromptTemplate.fromMessages([['human', rewrite]]),
  };
}

/** The file's text, once it is known to parse and to use exactly the placeholders its template is given. */
function readPrompt(dir: string, file: PromptFile): string {
  const filePath = path.join(dir, file.name);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PromptError(
      'prompt_missing',
      `Cannot read the prompt file ${filePath} (${reason}). Restore it from git, or set PROMPTS_DIR to the folder that holds it.`,
      { cause: error },
    );
  }
  if (!text.trim()) throw new PromptError('prompt_malformed', `The prompt file ${filePath} is empty.`);
  let found: string[];
  try {
    found = PromptTemplate.fromTemplate(text).inputVariables;
  } catch (error) {
    throw new PromptError('prompt_malformed', `The prompt file ${filePath} has an unmatched { or }: write {{ and }} for literal braces.`, { cause: error });
  }
  const missing = file.required.filter((name) => !found.includes(name));
  const unknown = found.filter((name) => !file.required.includes(name));
  if (missing.length > 0)
    throw new PromptError('prompt_malformed', `The prompt file ${filePath} must contain ${missing.map((name) => `{${name}}`).join(' and ')}.`);
  if (unknown.length > 0) {
    const allowed = file.required.length > 0 ? `only ${file.required.map((name) => `{${name}}`).join(' and ')}` : 'no placeholders';
    throw new PromptError(
      'prompt_malformed',
      `The prompt file ${filePath} uses ${unknown.map((name) => `{${name}}`).join(', ')}; it may use ${allowed} (write {{ and }} for literal braces).`,
    );
  }
  return text;
}
