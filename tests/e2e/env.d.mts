export declare const E2E_PORT: number;
export declare const E2E_ADMIN_PASSWORD: string;
export declare const E2E_API_KEY: string;
export declare const E2E_EMBED_TTL_SECONDS: number;
export declare const e2eEnv: Record<string, string>;
