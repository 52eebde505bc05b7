#!/usr/bin/env node
// Runs the TypeScript sources directly so that `npm install` alone is enough: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
