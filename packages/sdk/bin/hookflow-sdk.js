#!/usr/bin/env node
'use strict';
// Committed (not built) so that `npm install` links the bin on a fresh clone, before dist/ exists.
require('../dist/scaffold/main.js');
