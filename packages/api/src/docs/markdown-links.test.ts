/**
 * Every relative link of the repository's documentation (README.md and docs/) leads somewhere:
 * the file exists in the repository, and a `#fragment` into a Markdown file names one of its
 * headings (GitHub's anchors).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../app/config.js';

function markdownFiles(): string[] {
  const files = [join(PROJECT_ROOT, 'README.md')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(PROJECT_ROOT, 'docs'));
  return files;
}

/** The Markdown without its fenced code blocks. */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Text outside code blocks and inline code, where `[x](y)` is a link. */
function prose(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

it('resolves every relative link and anchor in README.md and docs/', () => {
  const files = markdownFiles();
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    // Inline links and images: [text](target "title") — the target up to a space or the closing parenthesis.
    for (const [, target] of prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // http:, https:, mailto:
      checked += 1;
      const [path, fragment] = target!.split('#') as [string, string | undefined];
      const destination = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(PROJECT_ROOT, file)}: ${target}`;
      if (!destination.startsWith(PROJECT_ROOT + '/') || !existsSync(destination)) {
        broken.push(`${where} (no such file in the repository)`);
      } else if (fragment && destination.endsWith('.md') && !anchorsOf(readFileSync(destination, 'utf8')).has(fragment)) {
        broken.push(`${where} (no such heading)`);
      }
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(10);
});
