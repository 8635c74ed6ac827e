'use strict';
// Where the tests look: the repository is two levels up from tests/deploy.
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

module.exports = {
  repoRoot,
  manifestsDir: path.join(repoRoot, 'deploy', 'kubernetes'),
  sourceDir: path.join(repoRoot, 'src'),
};
