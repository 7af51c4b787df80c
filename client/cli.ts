import { main } from './program';

// The `convention` command (SPEC §6), as bin/convention.js starts it.

process.exitCode = await main(process.argv.slice(2));
