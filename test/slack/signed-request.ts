// Sends requests to the app exactly as Slack does: signed bodies, event callbacks, slash-command and action forms.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-bot-token';

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  retryNum?: number;
}

export async function sendSigned(url: string, body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: signedHeaders(body, contentType, options), body });
}

/** The headers Slack sends with a request body: its content type, timestamp and v0 signature (and retry headers). */
export function signedHeaders(body: string, contentType: string, options: SendOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature,
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}

export function sendEvent(url: string, event: Record<string, unknown>, eventId: string, options: SendOptions = {}): Promise<Response> {
  return sendSigned(url, eventBody(event, eventId), 'application/json', options);
}

/** An Events API event_callback body, as JSON. */
export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T1', user_id: 'U_BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  });
}

export function sendCommand(url: string, fields: Record<string, string>, options: SendOptions = {}): Promise<Response> {
  return sendSigned(url, commandForm(fields), 'application/x-www-form-urlencoded', options);
}

/** A slash-command form body (/trend by U1 in C1 unless `fields` say otherwise). */
export function commandForm(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: 'C1',
    channel_name: 'marketing',
    user_id: 'U1',
    user_name: 'ada',
    command: '/trend',
    text: '',
    api_app_id: 'A1',
    trigger_id: '123.456.abc',
    ...fields,
  }).toString();
}

export function sendAction(url: string, payload: Record<string, unknown>, options: SendOptions = {}): Promise<Response> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return sendSigned(url, form.toString(), 'application/x-www-form-urlencoded', options);
}

/** A block_actions payload for a click on `action` in a message (ephemeral or not). */
export function blockActions(
  action: Record<string, unknown>,
  place: { channel: string; user?: string; ts?: string; threadTs?: string; ephemeral?: boolean; responseUrl: string },
) {
  const ts = place.ts ?? '1700000001.000100';
  return {
    type: 'block_actions',
    user: { id: place.user ?? 'U1', username: 'ada', name: 'ada', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: place.channel,
      is_ephemeral: place.ephemeral ?? false,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    },
    trigger_id: '123.456.abc',
    team: { id: 'T1', domain: 'example' },
    channel: { id: place.channel, name: 'marketing' },
    ...(place.ephemeral ? {} : { message: { type: 'message', user: 'U_BOT', ts, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), text: 'answer' } }),
    response_url: place.responseUrl,
    actions: [{ block_id: 'b1', action_ts: '1700000002.000200', ...action }],
  };
}
