export { postEvents as POST } from "@/lib/api/ingest-routes";
