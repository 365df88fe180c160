export { postImportPrometheus as POST } from "@/lib/api/import-route";
