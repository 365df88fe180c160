import { getAssignment } from "@/lib/experiments/routes";

export const GET = getAssignment;
