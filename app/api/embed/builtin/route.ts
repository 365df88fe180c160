import { getEmbedBuiltin } from "@/lib/embeds/routes";

export const GET = getEmbedBuiltin;
