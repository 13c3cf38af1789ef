/** The names of the files of `distDir` a release ships (see release-files.mjs). */
export function releaseFiles(distDir: string): string[];
