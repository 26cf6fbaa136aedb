import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Files directly under src/ (main.ts, app.module.ts, app.setup.ts): the composition root, one node. */
export const ROOT = '(root)';

/** One import of one feature by another: who, from which file, with which specifier. */
export interface FeatureImport {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const featureOf = (srcDir: string, path: string): string | null => {
  const parts = relative(srcDir, path).split(sep);
  if (parts[0] === '..') return null; // outside src/ (test fixtures, ormconfig): no feature
  return parts.length === 1 ? ROOT : parts[0];
};

/**
 * Every import between two top-level folders of `srcDir`, as TypeScript's own pre-processor reads the
 * files: `import`, `import type`, `export … from` and `import()` alike (a type-only import is still a
 * dependency of the code that reads it). Specs count too: they are code of their feature.
 */
export function featureImports(srcDir: string): FeatureImport[] {
  const found: FeatureImport[] = [];
  for (const file of tsFiles(srcDir)) {
    const from = featureOf(srcDir, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue; // a package
      const to = featureOf(srcDir, resolve(dirname(file), specifier));
      if (from && to && to !== from) found.push({ from, to, file: relative(srcDir, file), specifier });
    }
  }
  return found;
}

/** The strongly connected components of more than one node (Tarjan): each holds at least one cycle. */
export function cyclesOf(edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return components;
}

/** The shortest way round from the component's first feature back to it (breadth first). */
function shortestLoop(component: string[], imports: readonly FeatureImport[]): FeatureImport[] {
  const start = component[0];
  const via = new Map<string, FeatureImport>();
  const queue = [start];
  while (queue.length) {
    const at = queue.shift()!;
    for (const i of imports.filter((x) => x.from === at && component.includes(x.to))) {
      if (i.to === start) {
        const loop = [i];
        for (let step = via.get(at); step; step = via.get(step.from)) loop.unshift(step);
        return loop;
      }
      if (!via.has(i.to)) {
        via.set(i.to, i);
        queue.push(i.to);
      }
    }
  }
  return [];
}

/** A cycle, readable: the shortest loop through its first feature, then every import between its features. */
export function describeCycle(component: string[], imports: readonly FeatureImport[]): string {
  const loop = shortestLoop(component, imports);
  const inside = imports.filter((i) => component.includes(i.from) && component.includes(i.to));
  return [
    `cycle between ${component.join(', ')}: ${[...loop.map((i) => i.from), component[0]].join(' → ')}`,
    ...loop.map((i) => `  ${i.from} → ${i.to}: src/${i.file} imports '${i.specifier}'`),
    `  (${inside.length} imports between these features in all)`,
  ].join('\n');
}
