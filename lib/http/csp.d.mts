export declare function contentSecurityPolicy(options: { dev: boolean; frameAncestors: string }): string;
