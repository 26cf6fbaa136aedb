import { relative } from 'node:path';
import { expect, it } from '@jest/globals';

export type Step = (title: string, body: () => Promise<void> | void, timeout?: number) => void;
type Register = (title: string, body: () => Promise<void>, timeout?: number) => void;

/**
 * The `it`s of a story: each step runs on the world the steps before it left, so it fails at once,
 * saying why, when one of them failed or did not run (`-t` picked it alone). `name` is the `-t`
 * pattern that runs the whole story: the describe's name, or a part of it.
 *
 *   const step = story('the 3rd-line flow');
 *   step('an API pickup takes the top ticket', async () => { … });
 */
export function story(name: string, register: Register = it): Step {
  const titles: string[] = [];
  /** per step: started, then passed once its body returned; a step that threw (or timed out) stays started */
  const reached: ('started' | 'passed')[] = [];
  return (title, body, timeout) => {
    const n = titles.push(title);
    register(
      title,
      async () => {
        const first = titles.slice(0, n - 1).findIndex((_, i) => reached[i] !== 'passed');
        if (first >= 0 && reached[first] === 'started') refuse(`skipped: step ${first + 1} (${titles[first]}) failed before it`);
        if (first >= 0) refuse(`step ${n} of the story "${name}" needs ${n === 2 ? 'step 1' : `steps 1..${n - 1}`} before it: ${wholeStory(name)}`);
        reached[n - 1] = 'started';
        await body();
        reached[n - 1] = 'passed';
      },
      timeout,
    );
  };
}

/** Fails the step with the message alone: a stack into this helper would only hide it. */
function refuse(message: string): never {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  throw error;
}

/** "run the whole story: npx jest <file> -t '<name as a regular expression>'" (a quote becomes the regex's `.`) */
function wholeStory(name: string): string {
  const file = relative(process.cwd(), expect.getState().testPath ?? '<file>');
  return `run the whole story: npx jest ${file} -t '${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '.')}'`;
}
