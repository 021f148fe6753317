// Reads evaluation questions from a JSON-lines file (the format of test/fixtures/dev.jsonl, or of
// test/fixtures/library-questions.jsonl: answers with their speakers).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EvalCase } from './score.js';

const caseSchema = z.union([
  z.object({
    id: z.string(),
    question: z.string(),
    kind: z.string(),
    gold: z.array(z.string()),
    context: z.array(z.string()).optional(),
  }),
  // The research library's questions (test/fixtures/library-questions.jsonl): each answer with its speaker.
  z
    .object({
      id: z.string(),
      question: z.string(),
      kind: z.string(),
      answers: z.array(z.object({ quote_contains: z.string(), speaker: z.string().nullable().optional() })),
    })
    .transform(({ answers, ...rest }) => ({
      ...rest,
      gold: answers.map(({ quote_contains }) => quote_contains),
      speakers: answers.map(({ speaker }) => speaker ?? null),
    })),
]);

export async function loadCases(file: string): Promise<EvalCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`, { cause: error });
  }
  return text
    .split('\n')
    .map((line, number) => ({ line, number: number + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${number} is not valid JSON.`);
      }
      const parsed = caseSchema.safeParse(value);
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.`);
      return parsed.data;
    });
}
