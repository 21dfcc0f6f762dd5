#!/usr/bin/env -S node --heap-growing-percent=50 --max-opt=1 --min-semi-space-size=16
'use strict';
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
