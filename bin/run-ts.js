#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, evaluations) from the sources, through tsx.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...args];
await import(pathToFileURL(resolve(script)).href);
