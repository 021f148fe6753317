// Reading block_actions payloads: the clicked value and where the clicked message lives.
import type { BlockAction } from '@slack/bolt';

export interface ClickedMessage {
  channel?: string;
  /** Thread to reply in: the message's thread, or the message itself when it starts none. */
  thread?: string;
  /** Ephemeral messages can only be answered through response_url. */
  ephemeral: boolean;
}

/** `value` of a button, or of the half of a feedback_buttons element that was clicked. */
export function actionValue(action: unknown): string | undefined {
  const value = (action as { value?: unknown }).value;
  return typeof value === 'string' ? value : undefined;
}

export function clickedMessage(body: BlockAction): ClickedMessage {
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean } | undefined;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return {
    channel: body.channel?.id ?? container?.channel_id,
    thread: message?.thread_ts ?? container?.thread_ts ?? message?.ts ?? container?.message_ts,
    ephemeral: container?.is_ephemeral === true || message === undefined,
  };
}

/** Splits "ans-1a2b3c:up" into its answer id and the part after the last colon. */
export function splitValue(value: string | undefined): { answerId: string; detail: string } | undefined {
  const at = value?.lastIndexOf(':') ?? -1;
  if (!value || at <= 0) return undefined;
  return { answerId: value.slice(0, at), detail: value.slice(at + 1) };
}
