import { describe, expect, it } from '@jest/globals';
import { GroupCommit } from './group-commit.js';

describe('group commit', () => {
  it('writes what arrives together in one call and answers each caller with its own result', async () => {
    const calls: number[][] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        calls.push(items);
        return items.map((n) => n * 10);
      },
      64,
      5,
    );
    const answers = await Promise.all([1, 2, 3].map((n) => group.add(n)));
    expect(answers).toEqual([10, 20, 30]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('writes at once when the batch is full, and keeps the rest for the next write', async () => {
    const calls: number[][] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        calls.push(items);
        return items;
      },
      2,
      50,
    );
    await Promise.all([1, 2, 3].map((n) => group.add(n)));
    expect(calls).toEqual([[1, 2], [3]]);
  });

  it('fails only the caller whose item the write answered with an error', async () => {
    const group = new GroupCommit<number, number>(async (items) => items.map((n) => (n === 2 ? new Error('bad row') : n)), 64, 1);
    const [one, two] = await Promise.allSettled([group.add(1), group.add(2)]);
    expect(one).toEqual({ status: 'fulfilled', value: 1 });
    expect(two).toMatchObject({ status: 'rejected', reason: new Error('bad row') });
  });

  it('fails every caller of a failed write, and later writes still run', async () => {
    let fail = true;
    const group = new GroupCommit<number, number>(
      async (items) => {
        if (fail) throw new Error('database down');
        return items;
      },
      64,
      1,
    );
    await expect(Promise.all([group.add(1), group.add(2)])).rejects.toThrow('database down');
    fail = false;
    await expect(group.add(3)).resolves.toBe(3);
  });
});
