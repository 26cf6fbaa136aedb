import Module from 'node:module';

// Jest loads globalSetup through require(), where moduleNameMapper does not apply: let the
// source's NodeNext-style "./x.js" imports resolve to the "./x.ts" files.
type Resolver = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolver };
const original = mod._resolveFilename;
mod._resolveFilename = function resolveTs(this: unknown, request: string, ...rest: unknown[]): string {
  try {
    return original.call(this, request, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return original.call(this, `${request.slice(0, -3)}.ts`, ...rest);
    throw error;
  }
};
