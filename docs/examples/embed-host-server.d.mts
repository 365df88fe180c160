import type { Server } from "node:http";

export declare function startHostServer(options: {
  port: number;
  host?: string;
  vigilUrl: string;
  apiKey: string;
  embedId: string;
}): Promise<Server>;
