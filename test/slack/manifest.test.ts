// manifest.yml matches the code: every declared event and command has a handler, every handler is declared.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { App } from '@slack/bolt';
import { ACTION } from '../../src/slack/blocks/answer-blocks.js';
import { registerListeners } from '../../src/slack/register.js';
import type { SlackDeps } from '../../src/slack/deps.js';

interface Manifest {
  _metadata?: { major_version?: number };
  display_information?: { name?: string; description?: string; long_description?: string; background_color?: string };
  features?: {
    app_home?: { messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
    bot_user?: { display_name?: string; always_online?: boolean };
    slash_commands?: { command?: string; description?: string; usage_hint?: string; should_escape?: boolean; url?: string }[];
    assistant_view?: { assistant_description?: string; suggested_prompts?: { title?: string; message?: string }[] };
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { bot_events?: string[]; request_url?: string };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
    org_deploy_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;

function registrations() {
  // No network: the app is built with a token but never initialised or started.
  const app = new App({ token: 'xoxb-unused', signingSecret: 'unused', deferInitialization: true, logLevel: undefined, logger: silent() });
  return registerListeners(app, {} as SlackDeps);
}

function silent() {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => 'error' as never, setName: noop };
}

describe('manifest.yml', () => {
  it('has the fields Slack’s manifest schema requires, within its limits', () => {
    expect(manifest.display_information?.name).toBe('trendbot');
    expect(manifest.display_information!.name!.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information!.description!.length).toBeLessThanOrEqual(140);
    // Slack: long_description, when given, is 175–4000 characters.
    expect(String(manifest.display_information!.long_description ?? 'x'.repeat(175)).length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information!.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifest.oauth_config?.scopes?.bot?.length).toBeGreaterThan(0);
    expect(manifest.settings).toBeDefined();
    for (const command of manifest.features?.slash_commands ?? []) {
      expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(command.description?.length).toBeGreaterThan(0);
      expect(command.description!.length).toBeLessThanOrEqual(2000);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('declares the assistant panel, with a description and at most four suggested prompts', () => {
    const view = manifest.features?.assistant_view;
    expect(view?.assistant_description?.length).toBeGreaterThan(0);
    expect(view!.suggested_prompts!.length).toBeLessThanOrEqual(4);
    for (const prompt of view!.suggested_prompts!) expect(prompt).toEqual({ title: expect.any(String), message: expect.any(String) });
  });

  it('declares Socket Mode, interactivity and the App Home messages tab for DMs', () => {
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.features?.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features?.app_home?.messages_tab_read_only_enabled).toBe(false);
  });

  it('declares exactly the events and commands the app handles, with the scopes they need', () => {
    const handled = registrations();
    expect([...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort()).toEqual([...handled.events].sort());
    expect((manifest.features?.slash_commands ?? []).map((c) => c.command).sort()).toEqual([...handled.commands].sort());
  });

  it('asks for exactly the scopes the code uses (least privilege)', () => {
    const handled = registrations();
    const eventScopes: Record<string, string> = {
      app_mention: 'app_mentions:read',
      'message.im': 'im:history',
      // Also what Bolt's Assistant utilities need: assistant.threads.setStatus, setTitle, setSuggestedPrompts.
      assistant_thread_started: 'assistant:write',
      assistant_thread_context_changed: 'assistant:write',
    };
    // Web API methods called anywhere in src/, with the scope each needs; chat:write.public lets Share post in a
    // public channel the bot was never invited to; reading history (one scope per kind of conversation) checks
    // whether a post whose answer was lost arrived (post-once.ts).
    const history = ['channels:history', 'groups:history', 'im:history', 'mpim:history'];
    const methodScopes: Record<string, string[]> = {
      'chat.postMessage': ['chat:write', 'chat:write.public'],
      'chat.update': ['chat:write'],
      'chat.delete': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      // web-api's helper for chat.startStream, chat.appendStream and chat.stopStream.
      chatStream: ['chat:write'],
      'conversations.replies': history,
      'conversations.history': history,
      // Only ever asked about a group DM, to offer Share there only when the bot is a member (share-rules.ts).
      'conversations.info': ['mpim:read'],
      'auth.test': [],
    };
    const source = execSync('grep -rhoE "client\\.(chatStream|[a-z]+\\.[a-zA-Z]+)" src/slack', { encoding: 'utf8' });
    const methods = new Set(
      source
        .split('\n')
        .filter(Boolean)
        .map((call) => call.replace(/^client\./, '')),
    );
    for (const method of methods) expect(Object.keys(methodScopes), `scope of ${method}`).toContain(method);
    const needed = new Set([
      ...handled.events.map((event) => eventScopes[event] ?? `unknown event ${event}`),
      ...(handled.commands.length > 0 ? ['commands'] : []),
      ...[...methods].flatMap((method) => methodScopes[method] ?? []),
    ]);
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...needed].sort());
  });

  it('has interactivity on exactly because the app handles every button its messages carry', () => {
    const handled = registrations();
    expect(handled.actions.sort()).toEqual(Object.values(ACTION).sort());
    expect(manifest.settings?.interactivity?.is_enabled).toBe(handled.actions.length > 0);
  });

  it('gives HTTP request URLs only with Socket Mode off', () => {
    const urls = [
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
      ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
    ];
    if (manifest.settings?.socket_mode_enabled) expect(urls.filter(Boolean)).toEqual([]);
    else for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });
});
