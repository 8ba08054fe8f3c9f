import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { PruvanCallRow } from "@/lib/pruvan/calls";

const tone = { ok: "green", refused: "red", invalid: "amber", error: "red" } as const;

/** Pruvan's calls to our four web services, newest first (never a key). */
export function PruvanCallsTable({ calls }: { calls: PruvanCallRow[] }) {
  return (
    <Table head={["When", "Web service", "Outcome", "HTTP", "Items", "Took", "Message"]} caption="Recent calls from Pruvan">
      {calls.map((c) => (
        <tr key={c.id} data-testid="pruvan-call">
          <Td className="tabular-nums">{formatDateTime(c.createdAt)}</Td>
          <Td className="font-medium">{c.endpoint}</Td>
          <Td>
            <Badge tone={tone[c.outcome as keyof typeof tone] ?? "gray"}>{c.outcome}</Badge>
          </Td>
          <Td className="tabular-nums">{c.httpStatus}</Td>
          <Td className="text-right tabular-nums">{c.itemCount ?? "-"}</Td>
          <Td className="text-right tabular-nums">{c.durationMs} ms</Td>
          <Td className="whitespace-normal">
            <span className="block max-w-md [overflow-wrap:anywhere] text-slate-700">{c.message ?? ""}</span>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
