// The Kubernetes manifests (deploy/k8s): every object validates against the Kubernetes JSON schemas (npm
// kubernetes-models), and the invariants a reviewer would check hold — probes and resources on every
// container, pinned image tags, no secret values inlined, web replicas ≥ 2 with a PDB and an HPA, a migration
// Job, a NetworkPolicy, non-root pods. The production overlay is rendered with `kubectl kustomize` where
// kubectl exists and checked the same way.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };
type Container = {
  name: string;
  image: string;
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  env?: Array<{ name: string; value?: string }>;
};

const BASE = "deploy/k8s/base";
const OVERLAY = "deploy/k8s/overlays/production";

function parse(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

function baseObjects(): K8sObject[] {
  const kustomization = parse(readFileSync(join(BASE, "kustomization.yaml"), "utf8"))[0] as unknown as {
    resources: string[];
  };
  return kustomization.resources.flatMap((file) => parse(readFileSync(join(BASE, file), "utf8")));
}

/** kubernetes-models module of an object: "apps/v1" Deployment → kubernetes-models/apps/v1/Deployment. */
async function validate(o: K8sObject): Promise<void> {
  const module = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  const Model = module[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  new Model(o).validate();
}

function podSpecs(
  objects: K8sObject[],
): Array<{ owner: string; spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } } }> {
  return objects.flatMap((o) => {
    const template = (o.spec as { template?: { spec: { containers: Container[] } } } | undefined)?.template;
    return template ? [{ owner: `${o.kind}/${o.metadata.name}`, spec: template.spec }] : [];
  });
}

function checkInvariants(objects: K8sObject[], rendered: boolean): void {
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  expect(byKind("Secret"), "secrets must not be part of the manifests").toEqual([]);
  const web = byKind("Deployment").find((d) => d.metadata.name === "vigil-web") as
    | { spec: { replicas: number } }
    | undefined;
  expect(web?.spec.replicas).toBeGreaterThanOrEqual(2);
  expect(
    byKind("Deployment")
      .map((d) => d.metadata.name)
      .sort(),
  ).toEqual(["vigil-web", "vigil-worker"]);
  expect(byKind("PodDisruptionBudget").map((d) => d.metadata.name)).toContain("vigil-web");
  const hpa = byKind("HorizontalPodAutoscaler")[0] as
    | { spec: { scaleTargetRef: { name: string }; minReplicas: number } }
    | undefined;
  expect(hpa?.spec.scaleTargetRef.name).toBe("vigil-web");
  expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
  expect(byKind("Job").map((j) => j.metadata.name)).toEqual(["vigil-migrate"]);
  expect(byKind("NetworkPolicy").length).toBe(1);
  expect(byKind("Service").length).toBeGreaterThanOrEqual(1);
  expect(byKind("Ingress").length).toBe(1);
  for (const { owner, spec } of podSpecs(objects)) {
    expect(spec.securityContext?.runAsNonRoot, owner).toBe(true);
    for (const c of spec.containers) {
      const where = `${owner} container ${c.name}`;
      if (!owner.startsWith("Job/")) {
        expect(c.readinessProbe, `${where}: readiness probe`).toBeTruthy();
        expect(c.livenessProbe, `${where}: liveness probe`).toBeTruthy();
      }
      expect(c.resources?.requests?.cpu, `${where}: cpu request`).toBeTruthy();
      expect(c.resources?.limits?.memory, `${where}: memory limit`).toBeTruthy();
      for (const e of c.env ?? [])
        expect(
          /PASSWORD|SECRET|TOKEN|API_KEY|DATABASE_URL/.test(e.name) && e.value !== undefined,
          `${where}: ${e.name} inlined`,
        ).toBe(false);
      if (rendered) {
        expect(c.image, `${where}: pinned tag`).toMatch(/^[^:]+:(?!latest$)[\w.-]+$|@sha256:/);
      }
    }
  }
}

describe("Kubernetes manifests", () => {
  it("every base object validates against the Kubernetes schemas", async () => {
    const objects = baseObjects();
    expect(objects.length).toBe(11);
    for (const o of objects) await validate(o);
  });

  it("base invariants hold; the image is pinned by the kustomization", () => {
    checkInvariants(baseObjects(), false);
    const k = parse(readFileSync(join(BASE, "kustomization.yaml"), "utf8"))[0] as unknown as {
      images: Array<{ name: string; newTag: string }>;
    };
    expect(k.images).toEqual([
      expect.objectContaining({ name: "vigil", newTag: expect.stringMatching(/^(?!latest$)[\w.-]+$/) }),
    ]);
  });

  it("the secret template is not a resource, and every file in base is used", () => {
    const k = parse(readFileSync(join(BASE, "kustomization.yaml"), "utf8"))[0] as unknown as {
      resources: string[];
    };
    const files = readdirSync(BASE).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    expect([...k.resources, "secret.template.yaml"].sort()).toEqual(files.sort());
    expect(readFileSync(join(BASE, "secret.template.yaml"), "utf8")).toMatch(/CHANGE_ME/);
  });

  const kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
  it.skipIf(!kubectl)(
    "the production overlay renders, validates and keeps the invariants (kubectl kustomize)",
    async () => {
      const rendered = parse(execFileSync(kubectl as string, ["kustomize", OVERLAY], { encoding: "utf8" }));
      expect(rendered.length).toBe(11);
      for (const o of rendered) {
        await validate(o);
        expect((o.metadata as { namespace?: string }).namespace).toBe("vigil");
      }
      checkInvariants(rendered, true);
      const web = rendered.find(
        (o) => o.kind === "Deployment" && o.metadata.name === "vigil-web",
      ) as unknown as {
        spec: { replicas: number };
      };
      expect(web.spec.replicas).toBe(3);
    },
  );
});
