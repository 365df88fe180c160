"use client";
// window.location.origin without a hydration mismatch (server snapshot is a placeholder).
import { useSyncExternalStore } from "react";

const noop = () => () => {};

export function useOrigin(): string {
  return useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => "https://vigil.example.com",
  );
}
