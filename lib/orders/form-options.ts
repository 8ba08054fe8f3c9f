import { listOrderIntegrations } from "@/lib/integrations/queries";
import { listStatusMappings } from "@/lib/status-mapping/queries";
import { fieldsPruvanIgnores } from "./order-form";

/** What the order form offers: integrations with the fields each leaves out, and the status mapping. */
export async function orderFormOptions() {
  const [integrations, mappings] = await Promise.all([listOrderIntegrations(), listStatusMappings()]);
  return {
    integrations: integrations.map((i) => ({ ...i, ignored: fieldsPruvanIgnores(i) })),
    mappings: mappings.map((m) => ({ clientStatus: m.clientStatus, pruvanStatus: m.pruvanStatus })),
  };
}
