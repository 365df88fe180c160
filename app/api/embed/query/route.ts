import { getEmbedQuery } from "@/lib/embeds/routes";

export const GET = getEmbedQuery;
