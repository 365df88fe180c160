export { postRemoteWrite as POST } from "@/lib/api/remote-write-route";
