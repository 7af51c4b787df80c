// Debian's Chromium (installed by `npm install`, scripts/install-debian-packages.js), driven by
// playwright-core: no browser download. Background networking off, as this machine has no
// internet and Chromium would keep trying to reach Google's hosts.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
