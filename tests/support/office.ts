import { callFormAction, fetchPage, formWithField, postForm, withServices, type FormField } from "./forms";
import type { Browserless } from "./session";

// The office at work in the portal, through the pages a browser without JavaScript uses:
// the order forms and their server actions, posted over HTTP to the running server. What a
// test asks of the office goes the way staff would do it, never around the portal's rules.

/** A new order as the office types it (form field names; services by name). */
export type NewOrder = Record<string, string> & { workOrderNumber: string; address1: string; city: string; state: string; zip: string };
export type ServiceRow = Record<string, string> & { serviceName: string };

export class Office {
  constructor(
    readonly staff: Browserless,
    readonly admin: Browserless,
  ) {}

  /** Creates an order for the integration; answers its id. Throws with the page's words if refused. */
  async createOrder(integrationId: string, order: NewOrder, services: ServiceRow[]): Promise<string> {
    const form = formWithField(await fetchPage(this.staff, `/orders/new?integration=${integrationId}`), "workOrderNumber");
    const res = await postForm(this.staff, "/orders/new", withServices(form, services), order);
    if (!res.text.includes(`Created order ${order.workOrderNumber}.`))
      throw new Error(`the portal refused order ${order.workOrderNumber}: ${pageMessage(res.text)}`);
    const id = /href="\/orders\/([^"/]+)"[^>]*>Open order/.exec(res.html)?.[1];
    if (!id) throw new Error(`no link to the new order ${order.workOrderNumber} on the page`);
    return id;
  }

  /**
   * Changes an order through its edit form: `change` sets fields ("" clears one); `services`,
   * when given, is the whole new set by name (a kept name keeps its task).
   */
  async editOrder(orderId: string, change: Record<string, string>, services?: string[]): Promise<"saved" | "unchanged"> {
    let fields = await this.editForm(orderId);
    if (services) fields = withServices(fields, keepServices(fields, services));
    return this.saveEdit(orderId, fields, change, { change, services });
  }

  /** Changes fields of one of an order's services (tasks) through the same form ("" clears one). */
  async editService(orderId: string, serviceName: string, change: Record<string, string>): Promise<"saved" | "unchanged"> {
    const fields = await this.editForm(orderId);
    const row = fields.find((f) => /^services\.\d+\.serviceName$/.test(f.name) && f.value === serviceName)?.name.split(".")[1];
    if (row === undefined) throw new Error(`order ${orderId} has no service ${serviceName} on its edit form`);
    const named = Object.fromEntries(Object.entries(change).map(([k, v]) => [`services.${row}.${k}`, v]));
    return this.saveEdit(orderId, fields, named, { serviceName, change });
  }

  private async editForm(orderId: string): Promise<FormField[]> {
    return formWithField(await fetchPage(this.staff, `/orders/${orderId}/edit`), "orderId");
  }

  private async saveEdit(
    orderId: string,
    fields: FormField[],
    change: Record<string, string>,
    what: unknown,
  ): Promise<"saved" | "unchanged"> {
    const res = await postForm(this.staff, `/orders/${orderId}/edit`, fields, change);
    if (/Nothing changed on order /.test(res.text)) return "unchanged";
    if (/Saved order /.test(res.text)) return "saved";
    throw new Error(`the portal refused the change ${JSON.stringify(what)}: ${pageMessage(res.text)}`);
  }

  /** Deletes an order with the confirmation the page asks for. */
  async deleteOrder(orderId: string): Promise<void> {
    const res = await callFormAction(this.staff, `/orders/${orderId}`, "deleteOrderAction", { orderId, confirm: "on" });
    if (!/Order .* is deleted\./.test(res.text)) throw new Error(`the portal did not delete order ${orderId}: ${res.text.slice(0, 500)}`);
  }

  /** An admin creates an integration on the Integrations page; answers its id and the key shown once. */
  async createIntegration(settings: { username: string; mode: "internal" | "external"; autoAdmin: boolean; clientCode: string }) {
    const res = await callFormAction(this.admin, "/integrations", "createIntegrationAction", {
      username: settings.username,
      mode: settings.mode,
      clientCode: settings.clientCode,
      ...(settings.autoAdmin ? { autoAdmin: "on" } : {}),
    });
    const apiKey = /"apiKey":"([^"]+)"/.exec(res.text)?.[1];
    const integrationId = /"integrationId":"([^"]+)"/.exec(res.text)?.[1];
    if (!apiKey || !integrationId) throw new Error(`integration ${settings.username} was not created: ${res.text.slice(0, 500)}`);
    // Set auto_admin explicitly on the settings form too: the create form's default may change.
    const saved = await callFormAction(this.admin, `/integrations/${integrationId}`, "updateSettingsAction", {
      integrationId,
      name: settings.username,
      mode: settings.mode,
      clientCode: settings.clientCode,
      ...(settings.autoAdmin ? { autoAdmin: "on" } : {}),
    });
    if (!saved.text.includes("Saved the settings"))
      throw new Error(`settings of ${settings.username} not saved: ${saved.text.slice(0, 500)}`);
    return { integrationId, apiKey };
  }
}

/** The edit form's service rows for these names: an existing task keeps its id and fields. */
function keepServices(fields: FormField[], names: string[]): ServiceRow[] {
  const rows = new Map<string, Record<string, string>>();
  for (const f of fields) {
    const m = /^services\.(\d+)\.(.+)$/.exec(f.name);
    if (m) rows.set(m[1]!, { ...rows.get(m[1]!), [m[2]!]: f.value });
  }
  const existing = [...rows.values()];
  return names.map((serviceName) => ({ ...(existing.find((r) => r.serviceName === serviceName) ?? {}), serviceName }));
}

/** What the page says after a post (the status line and the messages beside fields). */
function pageMessage(text: string): string {
  const m = /(Not saved[^\n]*|Check the highlighted fields[^\n]*)/.exec(text);
  return (m?.[0] ?? text).slice(0, 800);
}
