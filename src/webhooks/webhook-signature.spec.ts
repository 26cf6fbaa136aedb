import { describe, expect, it } from '@jest/globals';
import { validSignature, validToken } from './webhook-signature.js';

describe('webhook signature', () => {
  const secret = "It's a Secret to Everybody";
  const body = Buffer.from('Hello World!');

  it.each([
    ['sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9', true],
    ['SHA256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9', true],
    ['sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c8', false],
    ['sha256=a4771c39', false],
    ['a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9', false],
    ['md5=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9', false],
    ['sha256=', false],
  ])("Atlassian's test vector: %s is %s", (header, expected) => {
    expect(validSignature(header, body, secret)).toBe(expected);
  });

  it('refuses a missing signature', () => {
    expect(validSignature(undefined, body, secret)).toBe(false);
  });

  it('accepts the secret itself as X-Webhook-Token and nothing else', () => {
    expect(validToken(secret, secret)).toBe(true);
    expect(validToken(`${secret} `, secret)).toBe(false);
    expect(validToken(undefined, secret)).toBe(false);
  });
});
