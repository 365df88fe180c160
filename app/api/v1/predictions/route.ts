export { postPredictions as POST } from "@/lib/api/ingest-routes";
