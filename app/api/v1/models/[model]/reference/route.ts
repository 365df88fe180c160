// Served by Next.js in development; the production server streams the POST straight to the same handler.
import { getReferences, postReference } from "@/lib/drift/profile/routes";

export const GET = getReferences;
export const POST = postReference;
