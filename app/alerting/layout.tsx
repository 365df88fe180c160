import type { ReactNode } from "react";
import { AlertingNav } from "@/components/alerting/alerting-nav";

export default function AlertingLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AlertingNav />
      {children}
    </>
  );
}
