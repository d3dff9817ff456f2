export declare const DESCRIPTION_FILE: URL;
export declare const TYPES_FILE: URL;
export declare function currentDescription(): Record<string, unknown>;
export declare function renderDescription(document: Record<string, unknown>): string;
export declare function renderTypes(document: Record<string, unknown>): Promise<string>;
