import { postEmbedToken } from "@/lib/embeds/routes";

export const POST = postEmbedToken;
