import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "Vigil embed", robots: { index: false, follow: false } };

/**
 * Embed pages fill their iframe: the root layout's width and padding do not apply (the fixed box covers them)
 * and the top navigation hides itself on /embed/*.
 */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return <div className="fixed inset-0 overflow-auto">{children}</div>;
}
