import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR, docsPages, REPO_ROOT } from '../src/docs-location';
import { documentAnchors } from '../src/markdown/heading-anchor';
import { markdownLinks } from '../src/markdown/links';

// The web UIs of a running stack may be named; the docs link nothing else outside the repository.
const LOCAL_URL = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/;

const files = [...docsPages().map((page) => path.join(DOCS_DIR, page)), path.join(REPO_ROOT, 'README.md')];

describe.each(files.map((file) => [path.relative(REPO_ROOT, file), file]))('%s', (name, file) => {
  const markdown = readFileSync(file, 'utf8');

  it('links only to files and headings of the repository that exist', () => {
    const broken: string[] = [];
    for (const { target, line } of markdownLinks(markdown)) {
      const where = `${name}:${line} ${target}`;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        const external = !(target.startsWith('http') && LOCAL_URL.test(target));
        if (external && file !== path.join(REPO_ROOT, 'README.md')) broken.push(`${where}: outside the repository`);
        continue;
      }
      const [filePart = '', anchor] = target.split('#');
      const resolved = filePart ? path.resolve(path.dirname(file), decodeURIComponent(filePart)) : file;
      if (path.relative(REPO_ROOT, resolved).startsWith('..')) broken.push(`${where}: outside the repository`);
      else if (!existsSync(resolved)) broken.push(`${where}: no such file`);
      else if (anchor && statSync(resolved).isFile() && resolved.endsWith('.md')) {
        if (!documentAnchors(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${where}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});

it('finds links, and anchors as GitHub makes them', () => {
  const page =
    '# A `b` C\n\n## Same\n\n## Same\n\nSee [x](x.md#a-b-c), `[not](a link)`, <http://localhost:8233>.\n\n```md\n[in code](nope.md)\n```';
  expect(markdownLinks(page)).toEqual([
    { target: 'x.md#a-b-c', line: 7 },
    { target: 'http://localhost:8233', line: 7 },
  ]);
  expect([...documentAnchors(page)]).toEqual(['a-b-c', 'same', 'same-1']);
});

it('no source, doc or README cites the contract file outside the repository', () => {
  // Files git tracks (or would): built output and installed packages are not ours.
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'packages', 'docs'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .concat('README.md');
  expect(tracked.length).toBeGreaterThan(100);
  const citing = tracked.filter((file) => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    return /SPEC(\.md)?\s*§|\.\.\/shared\/|shared\/SPEC/.test(text);
  });
  expect(citing).toEqual([]);
});
