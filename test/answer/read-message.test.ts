import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/answer/read-message.js';

describe('readMessage', () => {
  it.each([
    ['hey trendbot, what about video?', 'what about video?'],
    ['@trendbot who talks about VR?', 'who talks about VR?'],
    ['<@U0BOT> what do CMOs say about podcasts?', 'what do CMOs say about podcasts?'],
    ['Hi there! Which CMO mentions chatbots?', 'Which CMO mentions chatbots?'],
    ['trendbot: personalization', 'personalization'],
    ['What does a CMO predict about live video in 2017?', 'What does a CMO predict about live video in 2017?'],
    ['podcasts', 'podcasts'],
    ['CRM', 'CRM'],
    ['what does someone think about video https://evil.example/login?', 'what does someone think about video?'],
  ])('%s asks %s', (text, question) => {
    expect(readMessage(text)).toEqual({ kind: 'question', question });
  });

  it.each(['thanks!', 'great, thank you', 'ok thanks, that’s all I needed', 'Hello', 'hey trendbot', 'cheers 👍', 'Thank you so much, really helpful'])(
    '%s is small talk',
    (text) => {
      expect(readMessage(text)).toEqual({ kind: 'small_talk' });
    },
  );

  it.each([
    '¿Qué dicen los CMO sobre el video en vivo?',
    'Que pensent les CMO de la vidéo en direct ?',
    'Was sagen die CMOs über Live-Video?',
    'O que os CMOs dizem sobre vídeo ao vivo?',
    'CMO は何と言っていますか',
    'Что говорят CMO о видео?',
  ])('%s is not English', (text) => {
    expect(readMessage(text)).toMatchObject({ kind: 'not_english' });
  });

  it('keeps an English question that names foreign things', () => {
    expect(readMessage('What do the CMOs say about Mercado Libre and los angeles?').kind).toBe('question');
  });
});
