// Speakers named in reporting prose, as reports and write-ups credit people: "Colm said…", "Rønne argued…",
// "“…,” said Arkwright", "according to Mara Lindqvist". Only people the document itself introduces count: by a
// credit line or a labelled turn, or as "Full Name, <role>" ("Kenji Marlowe-Ito, head of measurement at…").
import type { Block } from './types.js';
import { looksLikeName, personName } from './speaker-labels.js';

const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}`;
const VERB = String.raw`(?:said|says|told|tells|argued|argues|noted|notes|explained|explains|added|adds|believes|thinks|warned|warns|insisted|insists|recalled|recalls|described|describes|predicted|predicts|expects)`;
// "Name said", "Name, <who they are>, said", "said Name", "according to Name".
const REPORTING = [
  new RegExp(String.raw`(?<![\p{L}'’-])(${NAME})(?:,[^,.;:\n]{1,120},)?\s+${VERB}\b`, 'gu'),
  new RegExp(String.raw`\b${VERB}\s+(${NAME})`, 'gu'),
  new RegExp(String.raw`\b[Aa]ccording to\s+(${NAME})`, 'gu'),
];
// "Full Name, VP of growth at …": an introduction that says who someone is, up to the next comma or full stop.
const ROLE_WORDS = String.raw`(?:CMO|CEO|CFO|COO|CTO|CRO|VP|SVP|EVP|[Vv]ice [Pp]resident|[Hh]ead|[Dd]irector|[Ff]ounder|founded|[Mm]anager|[Cc]hief|[Oo]fficer|[Pp]resident|[Ll]ead|[Ee]ditor|[Aa]nalyst|[Pp]artner|[Cc]onsultant|[Ss]trategist|[Rr]esearcher|[Oo]wner)`;
const INTRODUCTION = new RegExp(String.raw`(?<![\p{L}'’-])(${NAME}),\s+((?:who\s+)?[^,.;:\n]{0,60}\b${ROLE_WORDS}\b[^,.;:\n]{0,80})`, 'gu');

/**
 * Credits each unattributed paragraph whose reporting clauses name exactly one person the document introduces (a
 * first or last name alone is enough when it fits one person only) to that person, labelled as the document labels
 * them elsewhere ("Ines Okafor-Brandt, VP Growth at Saltmarsh Software"); a quotation right after a paragraph so credited
 * that ends with a colon ("He was blunt about it:") is credited the same. Changes `blocks` in place.
 */
export function creditProseSpeakers(content: string, blocks: Block[], unattributed: string): void {
  const people = knownPeople(content, blocks, unattributed);
  if (people.size === 0) return;
  let previous: { block: Block; credited: boolean } | undefined;
  for (const block of blocks) {
    let credited = false;
    if (block.speaker === unattributed) {
      const text = content.slice(block.start, block.end);
      const named = new Set(REPORTING.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => resolve(match[1]!, people))));
      named.delete(undefined);
      if (named.size === 1) {
        block.speaker = people.get([...named][0]!)!;
        credited = true;
      } else if (previous?.credited && /^\s*["“„«]/u.test(text) && /:\s*$/.test(content.slice(previous.block.start, previous.block.end))) {
        block.speaker = previous.block.speaker;
      }
    }
    previous = { block, credited };
  }
}

/** Full name → how the document labels that person: its credit line or turn label, else its first introduction. */
function knownPeople(content: string, blocks: Block[], unattributed: string): Map<string, string> {
  const people = new Map<string, string>();
  const add = (label: string) => {
    const name = personName(label);
    if (name.includes(' ') && looksLikeName(name) && !people.has(name)) people.set(name, label);
  };
  for (const { speaker } of blocks) if (speaker !== unattributed) add(speaker);
  for (const match of content.matchAll(INTRODUCTION)) add(`${match[1]}, ${match[2]!.trim()}`);
  return people;
}

/** The full name a reporting clause's "Colm", "Okafor-Brandt" or "Colm Arkwright" stands for, if exactly one fits. */
function resolve(name: string, people: Map<string, string>): string | undefined {
  const words = name.split(/\s+/);
  // The clause may have caught words before the name ("On Tuesday Colm"): drop leading words until a person fits.
  for (let i = 0; i < words.length; i++) {
    const candidate = words.slice(i).join(' ');
    if (people.has(candidate)) return candidate;
    if (i === words.length - 1) {
      const fits = [...people.keys()].filter((full) => full.split(/\s+/).includes(candidate));
      if (fits.length === 1) return fits[0];
    }
  }
  return undefined;
}
