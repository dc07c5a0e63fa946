import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Builds the analyst console (web/) into dist/web: one script and one stylesheet named by their
 * content hash, so the server may let browsers keep them forever, and an index.html that names
 * them and is revalidated on every visit. Nothing is inlined: the page's policy forbids it.
 */
const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'web');
const ASSETS = path.join(OUT, 'assets');

async function main(): Promise<void> {
  fs.rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(ROOT, 'web', 'src', 'main.tsx')],
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  if (!script || !style) throw new Error(`the build made no script or no stylesheet: ${outputs.join(', ')}`);
  const template = fs.readFileSync(path.join(ROOT, 'web', 'index.html'), 'utf8');
  const page = template.replace('%SCRIPT%', `/assets/${script}`).replace('%STYLE%', `/assets/${style}`);
  fs.writeFileSync(path.join(OUT, 'index.html'), page);
  const bytes = outputs.map((file) => `${file} ${fs.statSync(path.join(ASSETS, file)).size} B`);
  console.log(`console built into ${path.relative(process.cwd(), OUT) || '.'}: ${bytes.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
