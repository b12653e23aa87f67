// Types for compiled-fresh.mjs (plain JavaScript, as bin/dsar.js loads it without a TypeScript loader).
export declare const ROOT: string;
export interface Tree {
  source: string;
  out: string;
  skip: string[];
}
export declare const TREES: Tree[];
export declare const STAMP: string;
export declare const BUILD_ID: string;
export declare function newestMtime(dir: string, skip: string[], newest?: number): number;
export declare function compiledIsFresh(trees?: Tree[], stamp?: string): boolean;
