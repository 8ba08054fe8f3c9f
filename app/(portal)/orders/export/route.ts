import { orderCsvFileName, orderCsvStream } from "@/lib/orders/export-csv";
import { parseOrderListQuery } from "@/lib/orders/list-filters";
import { attachmentHeader } from "@/lib/work-items/file-names";
import { refuseAnonymous } from "@/lib/work-items/responses";

// GET /orders/export?<the list's filters> - the filtered orders list as CSV, streamed.
export async function GET(request: Request) {
  const refused = await refuseAnonymous("Sign in to export orders.");
  if (refused) return refused;
  const query = parseOrderListQuery(new URL(request.url).searchParams);
  return new Response(orderCsvStream(query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentHeader(orderCsvFileName()),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
