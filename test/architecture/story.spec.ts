import { describe, expect, it } from '@jest/globals';
import { story } from '../support/story';

/** The steps a story registers, run by hand in the order given (as jest would, or with -t picking some). */
function registered(name: string) {
  const bodies = new Map<string, () => Promise<void>>();
  const step = story(name, (title, body) => bodies.set(title, body));
  const run = (title: string) => bodies.get(title)!();
  return { step, run };
}

describe('story: steps that need the steps before them', () => {
  it('runs each step after the ones before it passed', async () => {
    const { step, run } = registered('the flow');
    const ran: string[] = [];
    for (const title of ['designate', 'pick up', 'deploy']) step(title, () => void ran.push(title));
    for (const title of ['designate', 'pick up', 'deploy']) await run(title);
    expect(ran).toEqual(['designate', 'pick up', 'deploy']);
  });

  it('fails each step after a failed one at once, naming the step that failed, without running it', async () => {
    const { step, run } = registered('the flow');
    const ran: string[] = [];
    step('designate', () => void ran.push('designate'));
    step('pick up', () => Promise.reject(new Error('expected 201, got 409')));
    step('deploy', () => void ran.push('deploy'));
    step('pick up the next', () => void ran.push('pick up the next'));
    await run('designate');
    await expect(run('pick up')).rejects.toThrow('expected 201, got 409');
    await expect(run('deploy')).rejects.toThrow(/^skipped: step 2 \(pick up\) failed before it$/);
    await expect(run('pick up the next')).rejects.toThrow(/^skipped: step 2 \(pick up\) failed before it$/);
    expect(ran).toEqual(['designate']);
  });

  it('counts a step that never finished (its timeout ended it) as failed', async () => {
    const { step, run } = registered('the flow');
    step('pick up', () => new Promise<void>(() => undefined));
    step('deploy', () => undefined);
    void run('pick up');
    await expect(run('deploy')).rejects.toThrow('skipped: step 1 (pick up) failed before it');
  });

  it('fails a step run without the steps before it (-t picked it alone), naming them and the command that runs the whole story', async () => {
    const { step, run } = registered('the 3rd-line flow (end to end)');
    const ran: string[] = [];
    for (const title of ['designate', 'pick up', 'deploy']) step(title, () => void ran.push(title));
    await expect(run('pick up')).rejects.toThrow(
      `step 2 of the story "the 3rd-line flow (end to end)" needs step 1 before it: ` +
        `run the whole story: npx jest test/architecture/story.spec.ts -t 'the 3rd-line flow \\(end to end\\)'`,
    );
    await expect(run('deploy')).rejects.toThrow('step 3 of the story "the 3rd-line flow (end to end)" needs steps 1..2 before it');
    expect(ran).toEqual([]);
  });

  it('turns a quote in the name into any character, so the command stays one shell word', async () => {
    const { step, run } = registered("the PO's story");
    step('designate', () => undefined);
    step('pick up', () => undefined);
    await expect(run('pick up')).rejects.toThrow("-t 'the PO.s story'");
  });
});
