import { getShadows, postShadow } from "@/lib/shadow/routes";

export const GET = getShadows;
export const POST = postShadow;
