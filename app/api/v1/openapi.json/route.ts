import { openApiDocument } from "@/lib/api/openapi";
import { json } from "@/lib/http/handler";

export const GET = async () => json(openApiDocument());
