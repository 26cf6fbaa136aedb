import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ClientEntry = 'dashboard' | 'ticket';

/**
 * dist/client, where `npm run build` bundles the pages' client code (src/dashboard/client, esbuild):
 * beside the compiled service (dist/src/dashboard/page → dist/client), else under the working
 * directory (the tests and the demo run the service from other builds)
 */
const CLIENT_DIRS = [...(typeof __dirname === 'undefined' ? [] : [join(__dirname, '..', '..', '..', 'client')]), join(process.cwd(), 'dist', 'client')];

const bundles = new Map<ClientEntry, { script: string; style: string }>();

/** A page's bundled script and stylesheet, read once. A page served from sources that were never built says so. */
export function clientBundle(entry: ClientEntry): { script: string; style: string } {
  let bundle = bundles.get(entry);
  if (!bundle) {
    const dir = CLIENT_DIRS.find((d) => existsSync(join(d, `${entry}.js`)));
    const file = (ext: string) => join(dir ?? CLIENT_DIRS[0], `${entry}.${ext}`);
    if (!dir) {
      const missing = `The page's client code is not built (${file('js')}): run npm run build.`;
      return { script: `document.body.textContent = ${JSON.stringify(missing)};`, style: '' };
    }
    // inlined into the page: a closing script tag inside it must not end the element
    bundle = { script: readFileSync(file('js'), 'utf8').replace(/<\/script/gi, '<\\/script'), style: readFileSync(file('css'), 'utf8') };
    bundles.set(entry, bundle);
  }
  return bundle;
}
