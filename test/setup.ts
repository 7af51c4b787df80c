import { installQuietRuntime } from '../worker/runtime';

installQuietRuntime();
