import { describe, expect, it } from '@jest/globals';
import { designatedDeveloper, nextRotationIndex } from './designated-developer.js';

describe('designatedDeveloper', () => {
  it.each<[string, string[], number, string | null, string | null]>([
    ['a per-sprint assignment wins over the rotation', ['ana', 'ben'], 0, 'cy', 'cy'],
    ['without an assignment, the rotation member whose turn it is', ['ana', 'ben'], 1, null, 'ben'],
    ['an index past the end wraps (the list was shortened)', ['ana', 'ben'], 3, null, 'ben'],
    ['an assignment with no rotation at all', [], 0, 'cy', 'cy'],
    ['neither: nobody is designated', [], 0, null, null],
  ])('%s', (_case, rotation, rotationIndex, assigned, expected) => {
    expect(designatedDeveloper({ rotation, rotationIndex }, assigned)).toBe(expected);
  });
});

describe('nextRotationIndex', () => {
  it.each<[string, string[], number, number]>([
    ['moves to the next member', ['ana', 'ben', 'cy'], 0, 1],
    ['wraps after the last member', ['ana', 'ben', 'cy'], 2, 0],
    ['an empty rotation stays at 0', [], 4, 0],
  ])('%s', (_case, rotation, rotationIndex, expected) => {
    expect(nextRotationIndex({ rotation, rotationIndex })).toBe(expected);
  });
});
