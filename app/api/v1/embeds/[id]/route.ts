import { deleteEmbed } from "@/lib/embeds/routes";

export const DELETE = deleteEmbed;
