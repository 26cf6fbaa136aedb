import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { JiraGateway } from '../../src/jira/jira.gateway';
import { FlowService } from '../../src/flow/flow.service';
import { EventDecider } from '../../src/webhooks/event.decider';
import { EventReader } from '../../src/webhooks/event.reader';

type Class = abstract new (...args: never[]) => unknown;

/** Every class a class gets injected, and theirs, by Nest's own metadata (constructor parameter types). */
function injected(root: Class): Map<Class, Class[]> {
  const graph = new Map<Class, Class[]>();
  const visit = (c: Class, path: Class[]) => {
    if (graph.has(c)) return;
    const params = ((Reflect.getMetadata('design:paramtypes', c) as unknown[] | undefined) ?? []).filter(
      (p): p is Class => typeof p === 'function' && p !== Object && p !== String && p !== Number,
    );
    graph.set(c, params);
    for (const p of params) visit(p, [...path, c]);
  };
  visit(root, []);
  return graph;
}

/** The chain of injections from `root` to `target`, if there is one ("EventDecider → FlowService → JiraGateway"). */
function pathTo(root: Class, target: Class): string | null {
  const graph = injected(root);
  const seen = new Set<Class>();
  const walk = (c: Class, path: Class[]): Class[] | null => {
    if (c === target || c.prototype instanceof (target as unknown as new () => unknown)) return [...path, c];
    if (seen.has(c)) return null;
    seen.add(c);
    for (const next of graph.get(c) ?? []) {
      const found = walk(next, [...path, c]);
      if (found) return found;
    }
    return null;
  };
  return (
    walk(root, [])
      ?.map((c) => c.name)
      .join(' → ') ?? null
  );
}

describe('the decision of a Jira event cannot reach Jira', () => {
  it('nothing the decider is given, however deep, holds a Jira client: every read is the reader’s', () => {
    expect(pathTo(EventDecider, JiraGateway)).toBeNull();
  });

  it('the check sees a path where there is one (the reader holds the Jira client)', () => {
    expect(pathTo(EventReader, JiraGateway)).toBe('EventReader → BoardMembership → JiraGateway');
    expect(injected(EventDecider).has(FlowService)).toBe(true);
  });
});
