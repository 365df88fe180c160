import { getEmbeds, postEmbed } from "@/lib/embeds/routes";

export const GET = getEmbeds;
export const POST = postEmbed;
