import { installQuietRuntime } from '../temporal/runtime';

installQuietRuntime();

// A developer's own `npm start` keeps its payload keys in .data/payload-keys: tests and the
// processes they spawn must not pick them up. Tests that encrypt give their keys explicitly.
process.env.PAYLOAD_KEYS_FILE = '/nonexistent/payload-keys';
