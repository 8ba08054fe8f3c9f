import { MAX_PICKED } from "@/lib/orders/bulk-change";
import { orderCsvFileName, orderCsvStream } from "@/lib/orders/export-csv";
import { parseOrderListQuery } from "@/lib/orders/list-filters";
import { attachmentHeader } from "@/lib/http/download-names";
import { refuseAnonymous } from "@/lib/http/responses";

// GET /orders/export?<the list's filters>[&ids=ID,ID...] - the filtered orders list as CSV,
// streamed; with ids, only those of its rows (the rows picked on the page).
export async function GET(request: Request) {
  const refused = await refuseAnonymous("Sign in to export orders.");
  if (refused) return refused;
  const params = new URL(request.url).searchParams;
  const ids = params.get("ids")?.split(",").filter(Boolean).slice(0, MAX_PICKED);
  return new Response(orderCsvStream(parseOrderListQuery(params), ids), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentHeader(orderCsvFileName()),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
