"use client";
// Who is signed in (GET /api/auth/me), for the navigation: null when nobody is, undefined while unknown.
import { useQuery } from "@tanstack/react-query";

export interface CurrentUser {
  username: string;
  role: string;
}

export function useCurrentUser(enabled = true): CurrentUser | null | undefined {
  const q = useQuery({
    queryKey: ["session", "me"] as const,
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/auth/me", { credentials: "same-origin", signal });
      if (!res.ok) return null;
      return ((await res.json()) as { user: CurrentUser | null }).user;
    },
    enabled,
    // Stale at once: re-enabled after a sign-in (possibly as someone else), it asks again.
    staleTime: 0,
    retry: false,
  });
  return q.data;
}
