#!/usr/bin/env node
// The `convention` command: runs the TypeScript sources directly (no build step) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../client/cli.ts');
