import { getShadowById, patchShadow, removeShadow } from "@/lib/shadow/routes";

export const GET = getShadowById;
export const PATCH = patchShadow;
export const DELETE = removeShadow;
