#!/usr/bin/env node
// The `parley` command. Runs the TypeScript sources through tsx's loader, so a fresh clone
// needs no build step before `npx parley …`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/main.ts');
