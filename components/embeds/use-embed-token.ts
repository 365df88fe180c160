"use client";
// The embed's current token, renewed through the host page: at 80 % of its lifetime the embed posts
// {type: "vigil:token-request", embedId} to window.parent and takes the {type: "vigil:token", token} reply from
// an allowed origin, swapping the token in place (no reload, panels keep their state). The timing and the
// message checks are lib/embeds/renewal.ts; this hook only wires them to timers and window events.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  acceptTokenReply,
  peekEmbedClaims,
  renewalStep,
  requestTargetOrigin,
  tokenRequestMessage,
} from "@/lib/embeds/renewal";

export interface EmbedToken {
  /** the token to send with the next request (a ref: swapping it does not re-render the panels) */
  current: () => string;
  expired: boolean;
  /** how many times a new token has arrived */
  renewals: number;
  /** the server answered "expired token": show it and ask the host for a new one now */
  markExpired: () => void;
}

export function useEmbedToken(initial: string, embedId: string, allowList: readonly string[]): EmbedToken {
  const token = useRef(initial);
  const [state, setState] = useState({ receivedAt: Date.now(), renewals: 0, expired: false });
  const lastRequest = useRef<number | null>(null);

  const ask = useCallback(() => {
    if (window.parent === window) return; // not framed: nobody to ask
    lastRequest.current = Date.now();
    const targetOrigin = requestTargetOrigin({
      ancestorOrigins: Array.from(window.location.ancestorOrigins ?? []),
      referrer: document.referrer,
      allowList,
      selfOrigin: window.location.origin,
    });
    window.parent.postMessage(tokenRequestMessage(embedId), targetOrigin);
  }, [allowList, embedId]);

  // The timer: wait, ask (and ask again) before expiry, then give up and say so.
  useEffect(() => {
    const times = peekEmbedClaims(token.current);
    if (!times) {
      setState((s) => ({ ...s, expired: true }));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const step = renewalStep(times, state.receivedAt, Date.now(), lastRequest.current);
      if (step.kind === "expired") {
        setState((s) => (s.expired ? s : { ...s, expired: true }));
        return;
      }
      if (step.kind === "request") ask();
      timer = setTimeout(tick, step.kind === "wait" ? step.ms : step.thenWaitMs);
    };
    tick();
    return () => clearTimeout(timer);
  }, [state.receivedAt, ask]);

  // The reply: only from the parent window, an allowed origin, for this embed. A late reply revives an
  // expired embed.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const fresh = acceptTokenReply(
        { data: event.data, origin: event.origin, fromParent: event.source === window.parent },
        { embedId, allowList, selfOrigin: window.location.origin },
      );
      if (!fresh || fresh === token.current) return;
      token.current = fresh;
      lastRequest.current = null;
      // A reload of the frame (rare: the host reloads it itself) then starts from the fresh token.
      const url = new URL(window.location.href);
      url.searchParams.set("token", fresh);
      window.history.replaceState(window.history.state, "", url);
      setState((s) => ({ receivedAt: Date.now(), renewals: s.renewals + 1, expired: false }));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [embedId, allowList]);

  const markExpired = useCallback(() => {
    setState((s) => (s.expired ? s : { ...s, expired: true }));
    ask();
  }, [ask]);

  return {
    current: useCallback(() => token.current, []),
    expired: state.expired,
    renewals: state.renewals,
    markExpired,
  };
}
