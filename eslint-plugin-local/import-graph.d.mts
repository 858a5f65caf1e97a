export declare function resolveImport(file: string, spec: string): string | undefined;
export declare function importsOf(file: string, text?: string): string[];
export declare function cyclesUnder(roots: string[]): Set<string>[];
