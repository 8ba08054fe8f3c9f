import { listOrderIntegrations } from "@/lib/integrations/queries";
import { listStatusMappings } from "@/lib/status-mapping/queries";
import { fieldsPruvanIgnores } from "./order-form";

/** What the new-order form offers: integrations with the fields each leaves out of a create, and the status mapping. */
export async function orderFormOptions() {
  const [integrations, mappings] = await Promise.all([listOrderIntegrations(), listStatusMappings()]);
  return {
    integrations: integrations.map((i) => ({ ...i, ignored: fieldsPruvanIgnores(i, { create: true }) })),
    mappings: mappings.map((m) => ({ clientStatus: m.clientStatus, pruvanStatus: m.pruvanStatus })),
  };
}
