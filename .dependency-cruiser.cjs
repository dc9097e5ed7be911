/**
 * The floors of the Worker, and the walls around the add-on, as import rules (run by `npm test`):
 * routes (routers, the web app's views) → flows (use cases) → domain (pure) and db (every SQL statement).
 * Everything below a floor is allowed; nothing upward, nothing sideways between routers, no cycles.
 */
const FLOORS_ABOVE_DOMAIN = '^worker/src/(db|flows|routes|views|app|auth|env|http|index|webapp|policy|ids|errors)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Files that import each other cannot be read or moved one at a time.', from: {}, to: { circular: true } },
    {
      name: 'routes-import-no-routes', severity: 'error',
      comment: 'A router parses, authorises, calls a flow and responds; shared steps belong in a flow or in http.ts.',
      from: { path: '^worker/src/routes/' }, to: { path: '^worker/src/routes/' },
    },
    {
      name: 'domain-is-pure', severity: 'error',
      comment: 'domain/ is pure logic: no database, no flows, no HTTP, no clock of its own; it may use schemas/ and other domain modules.',
      from: { path: '^worker/src/domain/' }, to: { path: FLOORS_ABOVE_DOMAIN },
    },
    {
      name: 'db-knows-no-callers', severity: 'error',
      comment: 'db/ holds the SQL and nothing else: it knows no Principal, no flow and no route.',
      from: { path: '^worker/src/db/' }, to: { path: '^worker/src/(flows|routes|views|app|auth|http|index|policy)' },
    },
    {
      name: 'flows-serve-routes', severity: 'error',
      comment: 'A use case is called by routes; it never reaches up into them.',
      from: { path: '^worker/src/flows/' }, to: { path: '^worker/src/(routes|views|app|index)' },
    },
    {
      name: 'views-only-render', severity: 'error',
      comment: 'The web app\'s views turn data into HTML: no database, no flows.',
      from: { path: '^worker/src/views/' }, to: { path: '^worker/src/(db|flows|routes|app|auth|http|index|policy)' },
    },
    {
      name: 'policy-is-pure', severity: 'error',
      comment: 'Permission rules are pure: a principal and facts in, yes or no out.',
      from: { path: '^worker/src/policy\\.ts$' }, to: { path: '^worker/src/(db|flows|routes|views|app|auth|http|index)' },
    },
    {
      name: 'schemas-stand-alone', severity: 'error',
      comment: 'The contract is shared by the Worker, the add-on and the tests; it depends on none of them.',
      from: { path: '^schemas/' }, to: { path: '^(worker|addon|test)/' },
    },
    {
      name: 'addon-apart-from-worker', severity: 'error',
      comment: 'The add-on shares the contract (schemas/), never the Worker\'s code.',
      from: { path: '^addon/' }, to: { path: '^worker/' },
    },
    {
      name: 'addon-bundles-no-zod', severity: 'error',
      comment: 'Apps Script gets the pure checker (schemas/report-check.ts), not zod: types from the zod schemas are fine, values are not.',
      from: { path: '^addon/' },
      to: { path: '(^schemas/(index|common|plans|reports|units|tokens|webhooks|app)\\.ts$)|(^node_modules/zod/)', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
