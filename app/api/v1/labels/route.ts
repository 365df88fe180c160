export { postLabels as POST } from "@/lib/api/ingest-routes";
