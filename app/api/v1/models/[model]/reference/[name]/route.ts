import { deleteReference } from "@/lib/drift/profile/routes";

export const DELETE = deleteReference;
