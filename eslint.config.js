// Layers are folders; these rules read the folder names so a lower layer cannot import a higher
// one (see DESIGN.md). Restrictions apply to type-only imports too: a type is still a coupling.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's built-in modules by their bare names ('fs'); the node: prefix is caught by `noNode`. */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:'));

/** A package specifier and its subpaths ('electron', 'electron/main'), never a relative path. */
const bare = (name, message) => ({ regex: `^${name}(/|$)`, caseSensitive: true, message });

const noNode = { regex: '^node:', caseSensitive: true, message: 'This layer runs without Node.' };
const noElectron = bare('electron', "Only src/main/electron imports 'electron'.");
const noSqlite = bare('better-sqlite3', 'Only src/main/core touches the database.');

/**
 * A relative import that climbs out of the current folder into one of `folders`, e.g.
 * '../../renderer/x' or '../main/core/y'. The group can be nested (main/electron).
 */
function upInto(folders, message) {
  const alternatives = folders.map((f) => f.replace('/', '\\/')).join('|');
  return { regex: `^(\\.\\./)+(${alternatives})(\\/|$)`, caseSensitive: true, message };
}

function restrict({ paths = [], patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const builtinPaths = (message) => NODE_BUILTINS.map((name) => ({ name, message }));

/**
 * The renderer's rule, with `extra` import patterns for a folder inside it. One function because a later
 * `no-restricted-imports` for the same files replaces an earlier one: every block repeats the renderer's own.
 */
function renderer(...extra) {
  return restrict({
    paths: [...builtinPaths('The renderer has no Node; it reaches the backend through the typed client.')],
    patterns: [
      noNode,
      noElectron,
      noSqlite,
      upInto(['main', 'preload'], 'The renderer imports only src/shared of ours.'),
      ...extra,
    ],
  });
}

const NO_SHELL = 'A feature does not import the shell (app/); the shell passes in what a feature needs.';

/** A feature's patterns: no other feature (a sibling folder, or back down through features/), and `shell`. */
function featureRules(shell, depth = 1) {
  const message = 'A feature imports only its own folder; what features share belongs in state/ or the shell.';
  // From a file `depth` folders below features/, this many `../` land in features/ itself: another feature.
  const sibling = { regex: `^(\\.\\./){${depth}}(?!\\.\\./)`, caseSensitive: true, message };
  return [sibling, upInto(['features'], message), shell];
}

/** Components and stores call their feature's api.ts, which alone holds the backend handle. */
const backendOnlyInApi = {
  regex: '(^|/)state/backend$',
  importNames: ['getApi', 'call', 'onBackendEvent'],
  message: "Call the backend through the feature's api.ts.",
};

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'coverage/',
    'bench/results/',
    'test-results/',
    'playwright-report/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier owns the layout; this rule misreads its line breaks before `[`.
      'no-unexpected-multiline': 'off',
      // Prettier wraps code at 120; comments are wrapped by hand to the same width. Long strings and URLs may run on.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // Plain-Node scripts and configs: Node's globals, without pulling in the `globals` package.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },

  {
    // Every table has one owner in src/main/core/store/: nothing else prepares SQL or holds the
    // connection. Tests and benchmarks that must look at raw rows use store/inspect.ts.
    files: ['src/**', 'bench/**', 'scripts/**', 'test/**'],
    ignores: ['src/main/core/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(prepare|stmt|pragma)$/]',
          message: 'SQL lives in src/main/core/store/: add a repository method or a named query there.',
        },
        {
          selector: "MemberExpression[property.name='db']",
          message: 'Only src/main/core/store/ holds the database connection; use a repository or store.transaction().',
        },
      ],
    },
  },
  {
    // Test helpers live in a testing/ folder beside the code they help test; store/inspect.ts (raw SQL) is
    // for tests and benchmarks. Product code imports neither.
    files: ['src/**'],
    ignores: ['src/main/core/store/**', '**/testing/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(prepare|stmt|pragma)$/]',
          message: 'SQL lives in src/main/core/store/: add a repository method or a named query there.',
        },
        {
          selector: "MemberExpression[property.name='db']",
          message: 'Only src/main/core/store/ holds the database connection; use a repository or store.transaction().',
        },
        {
          selector:
            ':matches(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression)[source.value=/store\\/inspect(\\.js)?$/]',
          message: 'store/inspect.ts is raw SQL for tests and benchmarks; product code asks a repository.',
        },
        {
          selector:
            ':matches(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression)[source.value=/(^|\\/)testing\\//]',
          message: 'testing/ holds test helpers; product code does not import them.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict({
      paths: [...builtinPaths('src/shared runs in every layer, including the renderer: no Node.')],
      patterns: [
        noNode,
        noElectron,
        noSqlite,
        upInto(['main', 'preload', 'renderer'], 'src/shared imports nothing of ours.'),
      ],
    }),
  },
  {
    // main/electron is the top of the main process; it still never reaches into another process.
    files: ['src/main/**'],
    rules: restrict({
      patterns: [upInto(['preload', 'renderer'], 'The main process does not import preload or renderer code.')],
    }),
  },
  {
    files: ['src/main/core/**'],
    rules: restrict({
      patterns: [
        noElectron,
        upInto(
          ['electron', 'cli', 'main/electron', 'main/cli'],
          'src/main/core is below the Electron shell and the CLI.',
        ),
        upInto(['preload', 'renderer'], 'The main process does not import preload or renderer code.'),
      ],
    }),
  },
  {
    // The relay's path stays light: the contract (zod and every schema) is the app's. Types are free; values the
    // core needs from it live in the zod-free contract-types.ts, vocabulary.ts and errors.ts.
    files: ['src/main/core/{store,relay,policy,mail,ops}/**'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)shared/contract(\\.js)?$',
              allowTypeImports: true,
              message: 'The relay does not load the zod contract; import from contract-types.ts or vocabulary.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/cli/**'],
    rules: restrict({
      patterns: [
        noElectron,
        upInto(['electron', 'main/electron'], 'The CLI runs without Electron.'),
        upInto(['preload', 'renderer'], 'The main process does not import preload or renderer code.'),
      ],
    }),
  },
  {
    files: ['src/preload/**'],
    rules: restrict({
      patterns: [
        {
          // Any package but electron (vitest for tests beside the code), any node: module.
          regex: '^(?!\\.|electron$|vitest$)',
          caseSensitive: true,
          message: "The sandboxed preload imports only 'electron' and src/shared.",
        },
        upInto(['main', 'renderer'], "The sandboxed preload imports only 'electron' and src/shared."),
      ],
    }),
  },
  {
    files: ['src/renderer/**'],
    rules: renderer(),
  },
  // Inside the renderer (src/renderer/src): ui/, i18n/ and api/ at the bottom, state/ (the backend handle and the
  // shared inbox, view and status stores) above them, features/ above state/, and app/ (the shell) on top.
  {
    files: ['src/renderer/src/{ui,i18n,api}/**'],
    rules: renderer(upInto(['state', 'features', 'app'], 'ui/, i18n/ and api/ are the bottom of the renderer.')),
  },
  {
    files: ['src/renderer/src/state/**'],
    rules: renderer(upInto(['features', 'app'], 'state/ is below the features and the shell.')),
  },
  {
    // A feature imports its own folder, state/, api/, ui/, i18n/ and src/shared; what features share sits in
    // state/, and the shell (app/) wires features together. Only a feature's api.ts asks the backend.
    files: ['src/renderer/src/features/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/api.ts'],
    rules: renderer(...featureRules(upInto(['app'], NO_SHELL)), backendOnlyInApi),
  },
  {
    files: ['src/renderer/src/features/**/api.ts'],
    rules: renderer(...featureRules(upInto(['app'], NO_SHELL))),
  },
  {
    // A feature's own testing/ folder: test helpers one level down, the feature's modules one `../` up.
    files: ['src/renderer/src/features/*/testing/**'],
    rules: renderer(...featureRules(upInto(['app'], NO_SHELL), 2)),
  },
  {
    // Tests may render the whole shell over the fake backend (app/testing) to see a feature in place.
    files: ['src/renderer/src/features/**/*.test.ts', 'src/renderer/src/features/**/*.test.tsx'],
    rules: renderer(
      ...featureRules({ regex: '^(\\.\\./)+app(?!/testing/)(/|$)', caseSensitive: true, message: NO_SHELL }),
    ),
  },
);
