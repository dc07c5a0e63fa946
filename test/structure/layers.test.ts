import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../../src');

/** Every .ts file under src, as a path relative to src. */
function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** Files that belong to a folder's module though they sit beside it: the request context is the GraphQL edge's. */
const PART_OF: Record<string, string> = { context: 'graphql' };

/** The module a file belongs to: its top folder under src (`exports`), or the file itself (`errors`). */
function moduleOf(file: string): string {
  const [first, ...rest] = file.split(path.sep);
  const name = rest.length > 0 ? first : first.replace(/\.ts$/, '');
  return PART_OF[name] ?? name;
}

/** Edges between modules: which module imports which (relative imports inside src only). */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    const from = moduleOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(SRC, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), fileName));
      if (target.startsWith('..')) continue;
      const to = moduleOf(
        fs.existsSync(path.join(SRC, target)) && fs.statSync(path.join(SRC, target)).isDirectory()
          ? path.join(target, 'index.ts')
          : `${target}.ts`,
      );
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** The modules reachable from `start`, `start` excluded unless a path leads back to it. */
function reachable(graph: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(start) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

const DOMAIN = [
  'catalog',
  'reports',
  'exports',
  'audit',
  'auth',
  'entities',
  'loaders',
  'db',
  'seed',
  'ingest',
  'connectors',
  'schedules',
  'errors',
  'pagination',
  'ids',
];
const EDGES = ['graphql', 'server', 'http', 'cli', 'worker', 'index', 'security', 'demo'];

describe('module layering', () => {
  const graph = moduleGraph();

  it('finds the modules it checks', () => {
    expect([...graph.keys()]).toEqual(
      expect.arrayContaining(['catalog', 'reports', 'exports', 'audit', 'graphql', 'errors', 'pagination']),
    );
  });

  it('has no import cycle between modules', () => {
    const cycles = [...graph.keys()].filter((module) => reachable(graph, module).has(module));
    expect(cycles).toEqual([]);
  });

  it('keeps every domain module below the edges, directly or through another module', () => {
    const crossings = DOMAIN.flatMap((module) =>
      [...reachable(graph, module)].filter((to) => EDGES.includes(to)).map((to) => `${module} -> ${to}`),
    );
    expect(crossings).toEqual([]);
  });
});
