import { getFrameAncestors, putFrameAncestors } from "@/lib/embeds/routes";

export const GET = getFrameAncestors;
export const PUT = putFrameAncestors;
