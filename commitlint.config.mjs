// Commit messages follow the Angular convention: `type(scope): subject`.
// The scope, when given, must name a part of the repository.
export default {
  extends: ['@commitlint/config-angular'],
  rules: {
    'scope-enum': [
      2,
      'always',
      [
        'server',
        'common',
        'config',
        'nautobot',
        'nautobot-sim',
        'tools',
        'health',
        'mcp',
        'auth',
        'observability',
        'bench',
        'docs',
        'ci',
        'deps',
        'deploy',
      ],
    ],
  },
};
