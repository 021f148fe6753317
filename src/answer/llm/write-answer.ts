// Asks the chat model for a cited synthesis of the numbered passages, and for standalone follow-up questions.
import { attribution } from '../extractive.js';
import type { Quote } from '../types.js';
import { callWithRetries, type RetryPolicy } from './call-model.js';
import type { Llm } from './create-llm.js';
import { LlmError } from './errors.js';

/**
 * The passages as the model sees them, numbered from 1, attributed as readers see them:
 *   [1] CMO #1 · Digital marketing trends 2017, 7 Digits
 *   In my opinion, 2017 will bring a rise in live video…
 */
export function formatPassages(quotes: Quote[]): string {
  return quotes.map((quote, i) => `[${i + 1}] ${attribution(quote)}\n${quote.text}`).join('\n\n');
}

type CallPolicy = Omit<RetryPolicy, 'maxRetries' | 'retryBaseMs'>;

export interface AnswerPolicy extends CallPolicy {
  /**
   * Streams the answer: called with the attempt's whole text so far after each chunk, awaited; resolves to whether
   * any of it has been shown to the user. Once something was shown, a failure is not retried (the user would see
   * the start twice) but thrown as LlmError 'llm_unavailable'.
   */
  onPartialText?: (textSoFar: string) => Promise<boolean>;
}

/** The model's raw answer text (not yet verified). */
export async function writeAnswer(llm: Llm, question: string, quotes: Quote[], policy: AnswerPolicy): Promise<string> {
  const messages = await llm.prompts.answer.formatMessages({ question, passages: formatPassages(quotes) });
  const { onPartialText } = policy;
  if (!onPartialText) return callText(llm, (signal) => llm.chat.invoke(messages, { signal }), policy);
  return callText(
    llm,
    async (signal) => {
      let text = '';
      let shown = false;
      let finished = false;
      try {
        for await (const chunk of await llm.chat.stream(messages, { signal })) {
          text += chunk.text;
          finished ||= chunk.response_metadata.finish_reason != null;
          shown = await onPartialText(text);
        }
        // The client ends quietly when the connection drops mid-stream: only a finish reason says the answer is whole.
        if (!finished) throw Object.assign(new Error('The chat model stream ended before its finish reason.'), { name: 'APIConnectionError' });
      } catch (error) {
        if (shown && !signal.aborted)
          throw new LlmError('llm_unavailable', 'The chat model stream broke after part of the answer was shown.', { cause: error });
        throw error;
      }
      return { text };
    },
    policy,
  );
}

// Longer than this is an answer or an essay, not a question.
const MAX_REWRITE_CHARS = 300;

/** The follow-up as one standalone question; throws LlmError when the model's reply is not one. */
export async function rewriteQuestion(llm: Llm, question: string, history: string[], policy: CallPolicy): Promise<string> {
  const messages = await llm.prompts.rewrite.formatMessages({ question, history: history.map((earlier) => `- ${earlier}`).join('\n') });
  const text = await callText(llm, (signal) => llm.chat.invoke(messages, { signal }), policy);
  const line =
    text
      .split('\n')
      .find((part) => part.trim())
      ?.trim()
      .replace(/^["“']+|["”']+$/g, '')
      .trim() ?? '';
  if (!line || line.length > MAX_REWRITE_CHARS)
    throw new LlmError('llm_malformed_output', `The follow-up rewrite was not one short question (${line.length} characters).`);
  return line;
}

async function callText(llm: Llm, call: (signal: AbortSignal) => Promise<{ text: string }>, policy: CallPolicy): Promise<string> {
  const message = await callWithRetries(call, { ...policy, maxRetries: llm.maxRetries, retryBaseMs: llm.retryBaseMs });
  const text = typeof message.text === 'string' ? message.text.trim() : '';
  if (!text) throw new LlmError('llm_malformed_output', 'The chat model returned an empty answer.');
  return text;
}
