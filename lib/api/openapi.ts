// Builds the OpenAPI 3.1 document from the route contract (zod → JSON Schema), never by hand.
import { z } from "zod";
import { contract } from "./contract";

type Spec = (typeof contract)[keyof typeof contract];

const toSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

function parameters(spec: Spec) {
  const out: object[] = [];
  if ("params" in spec && spec.params) {
    for (const name of Object.keys(spec.params.shape))
      out.push({ name, in: "path", required: true, schema: { type: "string" } });
  }
  if ("query" in spec && spec.query) {
    const props = (toSchema(spec.query, "input") as { properties?: Record<string, object> }).properties ?? {};
    for (const [name, schema] of Object.entries(props))
      out.push({ name, in: "query", required: false, schema });
  }
  return out;
}

export function openApiDocument(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const [operationId, spec] of Object.entries(contract) as Array<[string, Spec]>) {
    const success = "successStatus" in spec ? spec.successStatus : 200;
    const responses: Record<string, object> = {
      [success]:
        success === 204
          ? { description: "No Content: stored" }
          : {
              description: "OK",
              content: { "application/json": { schema: toSchema(spec.response, "output") } },
            },
      401: { description: "missing, invalid or revoked API key" },
      403: { description: "API key scope does not allow this" },
    };
    for (const [status, description] of Object.entries("responses" in spec ? spec.responses : {}))
      if (status !== "200") responses[status] = { description };
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method.toLowerCase()] = {
      operationId,
      summary: spec.summary,
      security: [{ apiKey: [] }],
      "x-vigil-permission": spec.permission,
      parameters: parameters(spec),
      ...("body" in spec && spec.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(spec.body, "input") } },
            },
          }
        : {}),
      ...("rawBody" in spec && spec.rawBody
        ? {
            requestBody: {
              required: true,
              description: spec.rawBody.description,
              content: { [spec.rawBody.contentType]: { schema: { type: "string", format: "binary" } } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vigil API",
      version: "1",
      description: "Model observability: ingest predictions, labels and events; read quality.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "npm run vigil -- apikey create" },
      },
    },
    paths,
  };
}
