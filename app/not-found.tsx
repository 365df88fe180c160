import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md space-y-3 text-center">
      <h1 className="text-xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-sm text-muted">This address does not match any page of Vigil.</p>
      <Link href="/" className="text-sm text-accent underline">
        Back to the overview
      </Link>
    </div>
  );
}
