// Marketing abbreviations every reader knows, so "virtual reality" finds "VR" even where the corpus never spells it
// out. Acronyms a corpus defines itself are learnt at ingest (acronyms.ts); these fill in the rest.
import type { AcronymMap } from './acronyms.js';
import { tokenize } from './tokenize.js';

const ABBREVIATIONS: [short: string, long: string][] = [
  ['AI', 'artificial intelligence'],
  ['AR', 'augmented reality'],
  ['VR', 'virtual reality'],
  ['ML', 'machine learning'],
  ['SEO', 'search engine optimization'],
  ['SEM', 'search engine marketing'],
  ['CRM', 'customer relationship management'],
  ['ROI', 'return on investment'],
  ['KPI', 'key performance indicator'],
  ['CTA', 'call to action'],
  ['PPC', 'pay per click'],
  ['UX', 'user experience'],
  ['UI', 'user interface'],
  ['B2B', 'business to business'],
  ['B2C', 'business to consumer'],
  ['SMB', 'small medium business'],
  ['ABM', 'account based marketing'],
  ['UGC', 'user generated content'],
  ['bot', 'chatbot'],
];

export const GLOSSARY: AcronymMap = Object.fromEntries(ABBREVIATIONS.map(([short, long]) => [tokenize(short)[0]!, tokenize(long)]));
