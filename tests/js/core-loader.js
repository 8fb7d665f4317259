// The built wasm core for the tests, through the one Node loader of it (web/partner/core.js): loadCore()
// makes it once per test file (Jest gives each file its own modules); coreFiles() is the factory and the
// .wasm bytes, for the widget's configureCore.
'use strict';

const { loadCore, coreFiles, DIST_DIR } = require('../../web/partner/core.js');

module.exports = { loadCore: () => loadCore(), coreFiles: () => coreFiles(), DIST: DIST_DIR };
