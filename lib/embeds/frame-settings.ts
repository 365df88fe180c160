// The framing allow-list, kept in the Setting row `embed.frameAncestors` (a JSON array of origins). proxy.ts
// reads it on every embed page, so reads are cached for a few seconds per process; a save clears this
// process's cache, other replicas follow within FRAME_ANCESTORS_CACHE_MS.
import { z } from "zod";
import type { Database } from "../db/client";
import { FRAME_ANCESTORS_SETTING, frameAncestorsInput } from "./frame-ancestors";

export const FRAME_ANCESTORS_CACHE_MS = 5_000;

const holder = globalThis as unknown as { __vigilFrameAncestors?: { at: number; origins: string[] } };

const stored = z.array(z.string());

export async function readFrameAncestors(database: Database): Promise<string[]> {
  const row = await database.db.setting.findUnique({ where: { key: FRAME_ANCESTORS_SETTING } });
  if (!row) return [];
  try {
    const parsed = stored.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The allow-list, at most FRAME_ANCESTORS_CACHE_MS old. */
export async function cachedFrameAncestors(database: Database, nowMs = Date.now()): Promise<string[]> {
  const cached = holder.__vigilFrameAncestors;
  if (cached && nowMs - cached.at < FRAME_ANCESTORS_CACHE_MS) return cached.origins;
  const origins = await readFrameAncestors(database);
  holder.__vigilFrameAncestors = { at: nowMs, origins };
  return origins;
}

/** Replaces the allow-list (validated and de-duplicated); returns what was stored. */
export async function saveFrameAncestors(database: Database, input: unknown): Promise<string[]> {
  const origins = frameAncestorsInput.parse(input);
  const value = JSON.stringify(origins);
  await database.db.setting.upsert({
    where: { key: FRAME_ANCESTORS_SETTING },
    create: { key: FRAME_ANCESTORS_SETTING, value },
    update: { value },
  });
  holder.__vigilFrameAncestors = undefined;
  return origins;
}
