// Read at run time: the package.json ships beside dist/ in the packed tarball.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CLI_VERSION = (require('../package.json') as { version: string }).version;
