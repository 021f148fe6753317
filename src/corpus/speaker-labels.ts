// Who speaks, from the text itself: transcript turns ("Name (Role, Company): …", "Name, Title at Company: …",
// "**Name :** …", "Q:" / "A:" with the interview's header naming both sides) and a quotation's credit line
// ("— Name, Title, Company" after it).

/** A turn label that opens a line: the label and where the words after it start. */
export interface TurnLabel {
  label: string;
  /** Characters from the line's start to the first word after the label. */
  length: number;
  /** Set in bold ("**Name:**"): marked up as a label. */
  bold: boolean;
}

// "Name: ", "**Name:** ", "**Name :** ", "Name (Role, Company): ".
const LABEL = /^(\*\*|__)?([^:\n*_]{1,120}?)\s*(?:\1\s*:|:\s*\1)[ \t]+(?=\S)/u;
const QUESTION = /^(q|question|frage|f|p|pregunta)$/i;
const ANSWER = /^(a|answer|antwort|r|respuesta|réponse)$/i;
// Header lines that name the two sides of an interview.
const INTERVIEWER = /^(interviewer|interview|moderator|host|entrevistador|entrevistadora|intervieweur|intervieweuse)$/i;
const INTERVIEWEE = /^(interviewee|guest|gesprächspartner|gesprächspartnerin|interviewpartner|interviewpartnerin|entrevistado|entrevistada|invité|invitée)$/i;
// Capitalised words that open a line with a colon without being anyone.
const NOT_NAMES =
  /^(note|notes|update|summary|source|sources|date|datum|fecha|format|budget|goal|goals|action|actions|owner|status|result|results|example|tip|step|next steps?|edit|agenda|topic|subject|re|fwd|warning|important|decision|decisions|todo|todos|session|panel|keynote|slide|part|chapter|day|track|workshop|round|episode)$/i;
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'la', 'le', 'du', 'di', 'dos', 'bin', 'al', 'y']);

export function turnLabel(line: string): TurnLabel | undefined {
  const match = LABEL.exec(line);
  if (!match) return undefined;
  return { label: (match[2] ?? '').trim(), length: match[0].length, bold: match[1] !== undefined };
}

/** "Q" or "A" (and their French, German and Spanish forms), else undefined. */
export function questionOrAnswer(label: string): 'question' | 'answer' | undefined {
  return QUESTION.test(label) ? 'question' : ANSWER.test(label) ? 'answer' : undefined;
}

/** A header line's side of the interview ("Interviewer: …" → interviewer), else undefined. */
export function interviewRole(label: string): 'interviewer' | 'interviewee' | undefined {
  return INTERVIEWER.test(label) ? 'interviewer' : INTERVIEWEE.test(label) ? 'interviewee' : undefined;
}

/** The person part of a label or credit: "Mara Lindqvist" of "Mara Lindqvist (CMO, Fjordline Foods)". */
export function personName(label: string): string {
  return label.split(/\s*[(,]/)[0]!.trim();
}

/** One to four capitalised words (particles such as "van" or "de" allowed inside), not a word like "Note". */
export function looksLikeName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length > 4 || NOT_NAMES.test(name)) return false;
  return words.every((word, i) => /^\p{Lu}[\p{L}'’.-]*$/u.test(word) || (i > 0 && i < words.length - 1 && PARTICLES.has(word)));
}

/** A label that says who the person is beyond their name: "Name (Role, Company)", "Name, Title at Company". */
export function hasRole(label: string): boolean {
  return label !== personName(label) && personName(label).split(/\s+/).length >= 2;
}

/** "— Name, Title, Company" (a dash, then a name): the credit of the quotation before it. */
export function creditLine(line: string): string | undefined {
  const credit = /^\s*[—–-]\s*(\S.{2,150})$/u.exec(line)?.[1]?.trim();
  return credit !== undefined && looksLikeName(personName(credit)) ? credit : undefined;
}

/** A paragraph that is a quotation: it opens with a quotation mark. */
export function isQuotation(text: string): boolean {
  return /^\s*["“„«‘']/u.test(text);
}

/** A line that only marks time in a recording ("[00:01:12]", "00:14"). */
export function isTimestamp(line: string): boolean {
  return /^\s*[[(]?\d{1,2}:\d{2}(:\d{2})?[\])]?\s*$/.test(line);
}
