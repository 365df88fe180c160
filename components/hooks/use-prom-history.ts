"use client";
// The explore page's query history (last 20) in localStorage; shared by every tab of the browser.
import { useCallback, useEffect, useState } from "react";
import { HISTORY_LIMIT, parseHistory, pushHistory } from "@/lib/charts/prom-history";

const STORAGE_KEY = "vigil-explore-history";

function read(): string[] {
  try {
    return parseHistory(window.localStorage.getItem(STORAGE_KEY), HISTORY_LIMIT);
  } catch {
    return [];
  }
}

export function usePromHistory() {
  const [history, setHistory] = useState<string[]>([]);

  useEffect(() => {
    setHistory(read());
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) setHistory(read());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const write = useCallback((next: string[]) => {
    setHistory(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // storage full or disabled: the history lives for this page only
    }
  }, []);

  const add = useCallback((query: string) => write(pushHistory(read(), query)), [write]);
  const clear = useCallback(() => write([]), [write]);

  return { history, add, clear };
}
