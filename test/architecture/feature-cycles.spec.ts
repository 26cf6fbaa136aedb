import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cyclesOf, describeCycle, featureImports } from './feature-graph';

const SRC = join(process.cwd(), 'src');

describe('imports between feature folders (src/<feature>/)', () => {
  const imports = featureImports(SRC);

  it('form no cycle: every feature can be read knowing only the ones below it', () => {
    expect(cyclesOf(imports).map((c) => describeCycle(c, imports))).toEqual([]);
  });

  it('are read from the real tree (a check that reads nothing passes nothing)', () => {
    const seen = (from: string, to: string, file: string) => imports.some((i) => i.from === from && i.to === to && i.file === file);
    expect(seen('deployments', 'flow', 'deployments/deployments.service.ts')).toBe(true);
    expect(seen('flow', 'common', 'flow/domain/flow.types.ts')).toBe(true); // its only import of common is `import type`
    expect(seen('(root)', 'webhooks', 'app.module.ts')).toBe(true);
    expect(imports.length).toBeGreaterThan(150);
  });
});

describe('featureImports', () => {
  it('counts import, import type, export … from and import(), and not an import written in a comment or a string', () => {
    const src = mkdtempSync(join(tmpdir(), 'feature-graph-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(src, path, '..'), { recursive: true });
      writeFileSync(join(src, path), text);
    };
    try {
      write(
        'a/a.service.ts',
        "import { B } from '../b/b.js';\nimport type { C } from '../c/domain/c.js';\n// import { Z } from '../z/z.js';\nconst s = \"import { Y } from '../y/y.js'\";\nimport { own } from './own.js';\nimport { Module } from '@nestjs/common';\n",
      );
      write('b/b.ts', "export * from '../d/d.js';\nexport async function later() { return import('../e/e.js'); }\n");
      write('main.ts', "import { A } from './a/a.service.js';\n");
      const edges = featureImports(src)
        .map((i) => `${i.from}→${i.to} (${i.file})`)
        .sort();
      expect(edges).toEqual(['(root)→a (main.ts)', 'a→b (a/a.service.ts)', 'a→c (a/a.service.ts)', 'b→d (b/b.ts)', 'b→e (b/b.ts)']);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});

describe('cyclesOf', () => {
  it.each<[string, [string, string][], string[][]]>([
    [
      'a chain has none',
      [
        ['a', 'b'],
        ['b', 'c'],
      ],
      [],
    ],
    [
      'two features importing each other',
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
      [['a', 'b']],
    ],
    [
      'a cycle through three, beside a tail',
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ],
      [['a', 'b', 'c']],
    ],
    [
      'two separate cycles',
      [
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'c'],
      ],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a diamond has none',
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'd'],
        ['c', 'd'],
      ],
      [],
    ],
  ])('%s', (_case, edges, expected) => {
    const found = cyclesOf(edges.map(([from, to]) => ({ from, to })));
    expect(found.sort((x, y) => x[0].localeCompare(y[0]))).toEqual(expected);
  });
});
