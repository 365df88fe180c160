// The load's rows: predictions of the binary model `scale` with the features the recommender shadow fixture
// maps (tests/fixtures/shadow/recommender.config.json), versions v1/v2 with the experiment's variant A/B, a
// label for ~80 % of them 10–30 s later and a click event for ~20 % a few seconds later.

export const MODEL = "scale";
export const EXPERIMENT_KEY = "scale-ab";
export const VARIANTS = [
  { key: "A", version: "v1", weight: 0.5 },
  { key: "B", version: "v2", weight: 0.5 },
] as const;
const COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT", "BR"]; // BR is not in the shadow's one-hot list
const DEVICES = ["mobile", "desktop", "tablet"];

// Seeded (lib/simulator/random.ts), so a run's data can be told apart from another's yet be reproduced.
export { mulberry32 as seededRandom } from "../../lib/simulator/random";

export interface PredictionRow {
  id: string;
  model: string;
  version: string;
  variant: string;
  timestamp: number;
  features: Record<string, number | string | null>;
  prediction: number;
  score: number;
  latencyMs: number;
}

export interface LabelRow {
  id: string;
  model: string;
  label: number;
  timestamp: number;
}

export interface EventRow {
  id: string;
  model: string;
  predictionId: string;
  name: string;
  value: number;
  timestamp: number;
}

export interface Generated {
  prediction: PredictionRow;
  /** the label and when to send it (null: this prediction is never labeled) */
  label: LabelRow | null;
  event: EventRow | null;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function generate(id: string, timestamp: number, random: () => number): Generated {
  const variant = VARIANTS[random() < 0.5 ? 0 : 1];
  const age = 18 + Math.floor(random() * 62);
  const cart = random() < 0.05 ? null : Math.floor(random() * 12);
  const price = round(1 + random() * 499, 2);
  const minutes = round(random() * 120, 1);
  const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)]!;
  const device = DEVICES[Math.floor(random() * DEVICES.length)]!;
  // The truth depends on the features; v2's score tracks it more closely than v1's.
  const logit = -1.2 + 0.25 * (cart ?? 0) - price / 400 + minutes / 90 + (device === "desktop" ? 0.4 : 0);
  const truthP = 1 / (1 + Math.exp(-logit));
  const noise = variant.key === "A" ? 0.35 : 0.25;
  const score = round(Math.min(1, Math.max(0, truthP + (random() - 0.5) * 2 * noise)), 6);
  const labelValue = random() < truthP ? 1 : 0;
  const prediction: PredictionRow = {
    id,
    model: MODEL,
    version: variant.version,
    variant: variant.key,
    timestamp,
    features: {
      user_age: age,
      items_in_cart: cart,
      price,
      session_minutes: minutes,
      country,
      device,
    },
    prediction: score >= 0.5 ? 1 : 0,
    score,
    latencyMs: round((variant.key === "A" ? 18 : 22) + random() * 10, 2),
  };
  const label =
    random() < 0.8
      ? { id, model: MODEL, label: labelValue, timestamp: timestamp + 10_000 + Math.floor(random() * 20_000) }
      : null;
  const event =
    random() < 0.2
      ? {
          id: `e-${id}`,
          model: MODEL,
          predictionId: id,
          name: "click",
          value: 1,
          timestamp: timestamp + 1000 + Math.floor(random() * 9000),
        }
      : null;
  return { prediction, label, event };
}
