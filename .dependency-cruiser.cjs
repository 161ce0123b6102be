// Dhara's boundaries, checked by dependency-cruiser in `npm run lint` (and so in CI). ARCHITECTURE.md explains them.
// Paths are repository-relative; type-only imports count (tsPreCompilationDeps), so a cycle of types is a cycle.

/**
 * Folders by level: a folder imports only folders of a lower level (never a peer, never upward). Files directly in
 * the parent folder (its door, and for the task worker the task itself) stand above every level.
 */
const LAYERS = {
  'packages/runtime/src': [
    ['state', 'errors', 'faults', 'mailbox', 'metrics', 'jobmodule'],
    ['network', 'checkpoint'],
    ['protocol'],
    ['taskworker', 'jobmanager'],
    ['minicluster'],
  ],
  'packages/runtime/src/taskworker': [
    ['watermarks'],
    ['operators'],
    ['chain'],
    ['checkpointing'],
    ['input'],
    ['source'],
  ],
};

const layerRules = Object.entries(LAYERS).flatMap(([parent, levels]) =>
  levels.flatMap((level, i) =>
    level.map((folder) => {
      const allowed = levels.slice(0, i).flat();
      return {
        name: `${parent.replace(/^packages\//, '').replace(/\/src/, '')}/${folder}-downward`,
        comment: `${parent}/${folder} may import of its siblings only: ${allowed.join(', ') || 'none'}`,
        severity: 'error',
        from: { path: `^${parent}/${folder}/` },
        to: {
          path: `^${parent}/[^/]+(/|$)`,
          pathNot: [`^${parent}/${folder}/`, ...allowed.map((f) => `^${parent}/${f}/`)],
        },
      };
    }),
  ),
);

/** What each package may import of Dhara's own packages (by name, through their doors). */
const PACKAGE_DEPENDENCIES = {
  core: [],
  runtime: ['core'],
  pravega: ['core'],
  'connector-files': ['core'],
  'connector-pravega': ['core', 'pravega'],
  bench: ['core', 'runtime', 'pravega', 'connector-files', 'connector-pravega'],
  cli: ['core', 'runtime', 'pravega', 'connector-files', 'connector-pravega', 'bench'],
};

const packageRules = Object.entries(PACKAGE_DEPENDENCIES).map(([name, allowed]) => ({
  name: `package-${name}-imports`,
  comment: `@dhara/${name} may import of Dhara only: ${allowed.map((a) => `@dhara/${a}`).join(', ') || 'nothing'}`,
  severity: 'error',
  from: { path: `^packages/${name}/` },
  to: {
    path: '^(packages|test|bench|examples)/',
    pathNot: [`^packages/${name}/`, ...allowed.map((a) => `^packages/${a}/src/`)],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-relative-import-across-packages',
      comment: 'Another package is imported by its name (@dhara/x), never by a relative path into its folder.',
      severity: 'error',
      from: { path: '^(packages/[^/]+)/' },
      to: {
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased-workspace'],
        path: '^packages/',
        pathNot: '^$1/',
      },
    },
    {
      name: 'no-relative-import-into-packages',
      comment: 'test/, bench/ and examples/ use the packages by name, as a user project does.',
      severity: 'error',
      from: { path: '^(test|bench|examples)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased-workspace'], path: '^packages/' },
    },
    {
      name: 'folder-door',
      comment: 'A folder of a package is entered through its index.ts: other folders import nothing else of it.',
      severity: 'error',
      from: { path: '^(packages/[^/]+/src)/([^/]+)/' },
      to: {
        path: '^packages/[^/]+/src/[^/]+/',
        pathNot: ['^$1/$2/', '^packages/[^/]+/src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'package-door',
      comment: 'Another package is entered through an entry its package.json exports (src/index.ts, or a subpath).',
      severity: 'error',
      from: { path: '^(packages/[^/]+)/' },
      to: {
        path: '^packages/[^/]+/src/',
        pathNot: ['^$1/', '^packages/[^/]+/src/(index|internal|testing)\\.ts$'],
      },
    },
    ...packageRules,
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.turbo/|/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
    combinedDependencies: false,
  },
};
