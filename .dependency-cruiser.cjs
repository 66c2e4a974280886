/**
 * The walls between TableSpec's layers (docs/architecture.md): each layer imports only the layers below it.
 * Held by `npm run walls` and test/unit/walls.test.ts (scripts/walls.mjs runs dependency-cruiser's cruise()
 * with these rules). Type-only imports count: a layer that names another's types depends on it.
 *
 *   front ends   server/src/lsp, server/src/cli (+ cli.ts, main.ts), server/src/output
 *   runners      server/src/commands         one operation as the CLI and the server run it
 *   operations   server/src/ops, server/src/runs
 *   workspace    server/src/workspace        one Workspace per root
 *   backends     server/src/backends         DuckDB, Glue/Athena/S3, Oracle
 *   core         server/src/{core,document,sql,rules,glue,oracle,catalog,config,privacy}
 *   protocol     server/src/protocol         the wire, shared with client/ and webview/
 */
const core = '^server/src/(core|document|sql|rules|glue|oracle|catalog|config|privacy)/';
const frontEnds = '^server/src/(lsp|cli|output)/|^server/src/(cli|main)[.]ts$';
const editors = '^(client|webview)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file cycles: a cycle makes two files one, and hides which of them is the lower.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-looks-down',
      severity: 'error',
      comment: 'The core (parsing, types, rules, SQL) imports no backend, workspace, operation, runner, protocol or front end.',
      from: { path: core },
      to: { path: ['^server/src/(backends|workspace|ops|runs|commands|protocol)/', frontEnds, editors] },
    },
    {
      name: 'backends-call-no-operations',
      severity: 'error',
      comment: 'A backend implements backends/types.ts; what an operation decides it is handed (a callback), never imports.',
      from: { path: '^server/src/backends/' },
      to: { path: ['^server/src/(workspace|ops|runs|commands|protocol)/', frontEnds, editors] },
    },
    {
      name: 'workspace-below-operations',
      severity: 'error',
      comment: 'The Workspace is built for the LSP, the CLI and the operations: it knows none of them.',
      from: { path: '^server/src/workspace/' },
      to: { path: ['^server/src/(ops|runs|commands|protocol)/', frontEnds, editors] },
    },
    {
      name: 'operations-below-runners',
      severity: 'error',
      comment: 'An operation does not call the runner that records it, nor a front end.',
      from: { path: '^server/src/(ops|runs)/' },
      to: { path: ['^server/src/(commands|protocol)/', frontEnds, editors] },
    },
    {
      name: 'runners-below-front-ends',
      severity: 'error',
      from: { path: '^server/src/commands/' },
      to: { path: ['^server/src/protocol/', frontEnds, editors] },
    },
    {
      name: 'cli-and-lsp-apart',
      severity: 'error',
      comment: 'The command line and the language server share what is below them, not each other.',
      from: { path: '^server/src/(cli|output)/|^server/src/cli[.]ts$' },
      to: { path: '^server/src/lsp/' },
    },
    {
      name: 'lsp-and-cli-apart',
      severity: 'error',
      from: { path: '^server/src/lsp/' },
      to: { path: '^server/src/(cli|output)/|^server/src/cli[.]ts$' },
    },
    {
      name: 'only-lsp-speaks-lsp',
      severity: 'error',
      comment: 'Only server/src/lsp/ imports the LSP library (vscode-languageserver and its packages).',
      from: { path: '^(server|client|webview)/src/', pathNot: '^server/src/lsp/' },
      to: { path: '(^|node_modules/)vscode-languageserver' },
    },
    {
      name: 'editors-import-only-the-protocol',
      severity: 'error',
      comment: 'The client and the results page import nothing of the server but the protocol.',
      from: { path: editors },
      to: { path: '^server/', pathNot: '^server/src/protocol/' },
    },
    {
      name: 'protocol-is-a-leaf',
      severity: 'error',
      comment: 'The protocol imports nothing (no server module, no package, no Node module): the client and the page load it as it is.',
      from: { path: '^server/src/protocol/' },
      to: { pathNot: '^server/src/protocol/' },
    },
    {
      name: 'protocol-for-the-wire',
      severity: 'error',
      comment: 'Only the ends of the wire import the protocol: the language server, the client and the results page.',
      from: { path: '^server/src/', pathNot: '^server/src/(lsp|protocol)/' },
      to: { path: '^server/src/protocol/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
